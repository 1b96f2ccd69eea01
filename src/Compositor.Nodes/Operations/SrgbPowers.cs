using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations;

/// <summary>
/// The two fixed powers of the sRGB transfer functions, x^(1/2.4) and x^2.4, for positive normal x
/// (and +∞): cheaper than <see cref="VectorMath.RaisePositive(Vector256{float}, Vector256{float})"/>
/// because the exponent is known. With x = m·2^e, m in [√½, √2): x^(5/12) = m^(5/12)·2^(5e/12) and
/// 5e = 12q + j, so the power of two splits into 2^q (exact) and 2^(j/12) from a 12-entry table, and
/// m^(5/12) is a polynomial in m − 1; likewise x^(12/5) with 12e = 5q + j and a 5-entry table.
/// Relative error about 3e-7 (the polynomials: 1.6e-7 and 2.5e-7, fitted for the least maximum
/// relative error), against about 1e-6 for the general pow on these exponents. Both widths compute
/// lane for lane the same bits (table reads are exact however they are done).
/// </summary>
internal static class SrgbPowers
{
    private const int SqrtHalfBits = 0x3F3504F3;

    // (1 + r)^(5/12) for r in [√½ − 1, √2 − 1], degree 6.
    private const float E0 = 0.9999999f, E1 = 0.41666895f, E2 = -0.12150436f, E3 = 0.063979216f;
    private const float E4 = -0.042048052f, E5 = 0.032829087f, E6 = -0.019766811f;

    // (1 + r)^(12/5) for r in [√½ − 1, √2 − 1], degree 5.
    private const float D0 = 0.99999976f, D1 = 2.3999994f, D2 = 1.6800363f, D3 = 0.22405829f;
    private const float D4 = -0.034400985f, D5 = 0.010329611f;

    /// <summary>2^(j/12) for j = 0..11, in two halves of eight.</summary>
    private static Vector256<float> TwelfthsLow => Vector256.Create(1f, 1.0594631f, 1.122462f, 1.1892071f, 1.2599211f, 1.3348398f, 1.4142135f, 1.4983071f);

    private static Vector256<float> TwelfthsHigh => Vector256.Create(1.587401f, 1.6817929f, 1.7817974f, 1.8877486f, 0f, 0f, 0f, 0f);

    /// <summary>2^(j/5) for j = 0..4.</summary>
    private static Vector256<float> Fifths => Vector256.Create(1f, 1.1486983f, 1.319508f, 1.5157166f, 1.7411011f, 0f, 0f, 0f);

    /// <summary>x^(1/2.4) for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Encode(Vector256<float> x)
    {
        Split(x, out var e, out var r);
        var k = e * 5f;
        // k/12 is a whole number or at least 1/12 from one: the half keeps the floor clear of rounding.
        var q = Vector256.Floor((k + Vector256.Create(0.5f)) * (1f / 12f));
        var j = Vector256.ConvertToInt32(Vector256.FusedMultiplyAdd(q, Vector256.Create(-12f), k));
        Vector256<float> twelfth;
        if (Avx512F.VL.IsSupported)
        {
            twelfth = Avx512F.VL.PermuteVar8x32x2(TwelfthsLow, j, TwelfthsHigh);
        }
        else
        {
            var high = Vector256.GreaterThanOrEqual(j, Vector256.Create(8)).AsSingle();
            twelfth = Vector256.ConditionalSelect(high, Vector256.Shuffle(TwelfthsHigh, j - Vector256.Create(8)), Vector256.Shuffle(TwelfthsLow, j));
        }

        var p = Vector256.Create(E6);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(E0));
        return VectorMath.ScaleByPowerOfTwo(p * twelfth, q);
    }

    /// <summary>x^2.4 for positive normal x (+∞ and results past the float range give +∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector256<float> x)
    {
        Split(x, out var e, out var r);
        var k = e * 12f;
        var q = Vector256.Floor((k + Vector256.Create(0.5f)) * 0.2f);
        var j = Vector256.ConvertToInt32(Vector256.FusedMultiplyAdd(q, Vector256.Create(-5f), k));
        var fifth = Avx2.IsSupported ? Avx2.PermuteVar8x32(Fifths, j) : Vector256.Shuffle(Fifths, j);
        var p = Vector256.Create(D5);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(D4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(D3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(D2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(D1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(D0));
        return VectorMath.ScaleByPowerOfTwo(p * fifth, q);
    }

    /// <summary>x = m·2^e with m in [√½, √2): e (a whole number, as a float) and r = m − 1 (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(Vector256<float> x, out Vector256<float> e, out Vector256<float> r)
    {
        var bits = x.AsInt32() - Vector256.Create(SqrtHalfBits);
        e = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(bits, 23));
        r = ((bits & Vector256.Create(0x007FFFFF)) + Vector256.Create(SqrtHalfBits)).AsSingle() - Vector256<float>.One;
    }

    /// <summary>The 16-lane <see cref="Encode(Vector256{float})"/>, lane for lane the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Encode(Vector512<float> x)
    {
        Split(x, out var e, out var r);
        var k = e * 5f;
        var q = Vector512.Floor((k + Vector512.Create(0.5f)) * (1f / 12f));
        var j = Vector512.ConvertToInt32(Vector512.FusedMultiplyAdd(q, Vector512.Create(-12f), k));
        var table = Vector512.Create(TwelfthsLow, TwelfthsHigh);
        var twelfth = Avx512F.IsSupported ? Avx512F.PermuteVar16x32(table, j) : Vector512.Shuffle(table, j);
        var p = Vector512.Create(E6);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(E0));
        return VectorMath.ScaleByPowerOfTwo(p * twelfth, q);
    }

    /// <summary>The 16-lane <see cref="Decode(Vector256{float})"/>, lane for lane the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector512<float> x)
    {
        Split(x, out var e, out var r);
        var k = e * 12f;
        var q = Vector512.Floor((k + Vector512.Create(0.5f)) * 0.2f);
        var j = Vector512.ConvertToInt32(Vector512.FusedMultiplyAdd(q, Vector512.Create(-5f), k));
        var table = Vector512.Create(Fifths, Vector256<float>.Zero);
        var fifth = Avx512F.IsSupported ? Avx512F.PermuteVar16x32(table, j) : Vector512.Shuffle(table, j);
        var p = Vector512.Create(D5);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(D4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(D3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(D2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(D1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(D0));
        return VectorMath.ScaleByPowerOfTwo(p * fifth, q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(Vector512<float> x, out Vector512<float> e, out Vector512<float> r)
    {
        var bits = x.AsInt32() - Vector512.Create(SqrtHalfBits);
        e = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(bits, 23));
        r = ((bits & Vector512.Create(0x007FFFFF)) + Vector512.Create(SqrtHalfBits)).AsSingle() - Vector512<float>.One;
    }
}
