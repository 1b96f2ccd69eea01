using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations;

/// <summary>
/// Vector forms of the scalar math the pixel operations use, eight floats (two RGBA pixels) or
/// sixteen at a time. pow is 2^(y·log2 x) with polynomial log2 and exp2 in single precision, fused
/// multiply-adds and no division: about eight times faster than <see cref="MathF.Pow"/> (whose
/// vector counterparts in .NET are not accelerated) and within a few units in the last place of it
/// (relative error below 3e-6 for |y·log2 x| &lt; 32, most of it the rounding of y·log2 x itself).
/// The scalar overloads run the same vector code on one lane, so a pixel gets the same bits whether
/// it falls in a vector block or in a row's tail (a fused multiply-add rounds once on every
/// machine, with or without the instruction).
/// </summary>
internal static class VectorMath
{
    // log2(1 + r) ≈ r·P(r) for r = m − 1, m in [√½, √2): P of degree 7 fitted for the least maximum
    // error (Lawson's iteration on a Chebyshev grid): |error| < 1.1e-7 before rounding.
    private const float Log2C0 = 1.4426949223975496f, Log2C1 = -0.7213524875600151f, Log2C2 = 0.4809311585625464f;
    private const float Log2C3 = -0.3602634482282866f, Log2C4 = 0.28686898094670876f, Log2C5 = -0.2483230991360064f;
    private const float Log2C6 = 0.23570887813274174f, Log2C7 = -0.14973135961789832f;
    private const int SqrtHalfBits = 0x3F3504F3;

    // 2^f = 1 + f·Q(f) for f in [−½, ½], Q of degree 4 fitted the same way for the least maximum
    // relative error (9e-8; 1.6e-7 evaluated in single precision). The constant term is exactly 1,
    // so whole powers of two come out exact (2^n, and x^y whenever y·log2 x is a whole number).
    private const float Exp2C0 = 1f, Exp2C1 = 0.6931469775985671f, Exp2C2 = 0.2402224208491461f;
    private const float Exp2C3 = 0.05550733744099601f, Exp2C4 = 0.0096715126607734f, Exp2C5 = 0.0013264726943998373f;
    private const float RoundingBias = 12582912f; // 1.5·2^23
    /// <summary>Lanes 3 and 7 (the alpha of two RGBA pixels) set.</summary>
    public static Vector256<float> AlphaLanes => Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle();

    /// <summary>x raised to y for x &gt; 0; x &lt;= 0 gives 0 (callers select other cases), NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowPositive(Vector256<float> x, Vector256<float> y)
    {
        var raised = RaisePositive(x, y);
        raised = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), raised, Vector256<float>.Zero);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), raised, x);
    }

    /// <summary><see cref="PowPositive(Vector256{float}, Vector256{float})"/> on one value, bit for bit.</summary>
    public static float PowPositive(float x, float y) => PowPositive(Vector256.Create(x), Vector256.Create(y)).ToScalar();

    /// <summary>x raised to y for positive x, unchecked: <see cref="PowPositive(Vector256{float}, Vector256{float})"/> without its checks, for callers that select x &lt;= 0 and NaN themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> RaisePositive(Vector256<float> x, Vector256<float> y) => Exp2(y * Log2(x));

    /// <summary>
    /// log2 x for positive normal x: x = m·2^e with m in [√½, √2), and log2 m = r·P(r) with r = m − 1
    /// (exact) and P the degree-7 polynomial above.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log2(Vector256<float> x)
    {
        // Subtracting the bits of √½ leaves e in the exponent field and m's bits below it.
        var bits = x.AsInt32() - Vector256.Create(SqrtHalfBits);
        var exponent = Vector256.ShiftRightArithmetic(bits, 23);
        var r = ((bits & Vector256.Create(0x007FFFFF)) + Vector256.Create(SqrtHalfBits)).AsSingle() - Vector256<float>.One;
        var p = Vector256.Create(Log2C7);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Log2C0));
        return Vector256.FusedMultiplyAdd(p, r, Vector256.ConvertToSingle(exponent));
    }

    /// <summary>
    /// 2^z: z = n + f with n the nearest integer, 2^f by the degree-5 polynomial above (|f| ≤ ½),
    /// and 2^n built in the exponent bits, in two factors so that n in
    /// [−127, 128] stays representable (below gives denormals or 0, above infinity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp2(Vector256<float> z)
    {
        z = Vector256.Min(Vector256.Max(z, Vector256.Create(-127f)), Vector256.Create(128f));
        // Adding 1.5·2^23 rounds to the nearest integer (ties to even) and leaves it in the low bits.
        var shifted = z + Vector256.Create(RoundingBias);
        var n = shifted - Vector256.Create(RoundingBias);
        var f = z - n;
        var p = Vector256.Create(Exp2C5);
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Exp2C4));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Exp2C3));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Exp2C2));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Exp2C1));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Exp2C0));
        return ScaleByPowerOfTwo(p, n);
    }

    /// <summary>
    /// p·2^n for whole numbers n (as floats; past ±252 the result is 0 or infinity anyway): vscalefps
    /// where AVX-512 is there, else two exact power-of-two factors built in the exponent bits. For p
    /// near 1 both round once, so they give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> p, Vector256<float> n)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.VL.Scale(p, n);
        var whole = Vector256.ConvertToInt32(Vector256.Clamp(n, Vector256.Create(-252f), Vector256.Create(254f)));
        var half = Vector256.ShiftRightArithmetic(whole, 1);
        var scale1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scale2 = Vector256.ShiftLeft(whole - half + Vector256.Create(127), 23).AsSingle();
        return p * scale1 * scale2;
    }

    /// <summary><see cref="Imaging.ColorTransfer.LinearToSrgb"/> on eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LinearToSrgb(Vector256<float> c)
    {
        // A NaN fails the comparison and stays NaN on the linear segment.
        var low = Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256<float>.Zero), Vector256<float>.Zero, c * 12.92f);
        var high = Vector256.Create(1.055f) * SrgbPowers.Encode(c) - Vector256.Create(0.055f);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(c, Vector256.Create(0.0031308f)), high, low);
    }

    /// <summary><see cref="Imaging.ColorTransfer.SrgbToLinear"/> on eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SrgbToLinear(Vector256<float> c)
    {
        // A NaN fails the comparison and stays NaN on the linear segment.
        var low = Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256<float>.Zero), Vector256<float>.Zero, c * (1f / 12.92f));
        var high = SrgbPowers.Decode((c + Vector256.Create(0.055f)) * (1f / 1.055f));
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(c, Vector256.Create(0.04045f)), high, low);
    }

    // The 16-lane forms repeat the 8-lane bodies operation for operation (so each lane gets the same
    // bits). Running the 8-lane code on the two halves instead was measured 1.8x slower for Color
    // Balance and Gamma (PixelOperationBenchmarks), so both widths are written out.

    /// <summary>The 16-lane form (four RGBA pixels), lane for lane the same bits as the 8-lane one: x raised to y for x &gt; 0; x &lt;= 0 gives 0 (callers select other cases), NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowPositive(Vector512<float> x, Vector512<float> y)
    {
        var raised = RaisePositive(x, y);
        raised = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), raised, Vector512<float>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), raised, x);
    }

    /// <summary>16 lanes: x raised to y for positive x, unchecked, lane for lane the bits of the 8-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> RaisePositive(Vector512<float> x, Vector512<float> y) => Exp2(y * Log2(x));

    /// <summary>
    /// 16 lanes: log2 x for positive normal x: x = m·2^e with m in [√½, √2), and log2 m = r·P(r) with
    /// r = m − 1 (exact) and P the degree-7 polynomial above.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log2(Vector512<float> x)
    {
        // Subtracting the bits of √½ leaves e in the exponent field and m's bits below it.
        var bits = x.AsInt32() - Vector512.Create(SqrtHalfBits);
        var exponent = Vector512.ShiftRightArithmetic(bits, 23);
        var r = ((bits & Vector512.Create(0x007FFFFF)) + Vector512.Create(SqrtHalfBits)).AsSingle() - Vector512<float>.One;
        var p = Vector512.Create(Log2C7);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(Log2C0));
        return Vector512.FusedMultiplyAdd(p, r, Vector512.ConvertToSingle(exponent));
    }

    /// <summary>
    /// 16 lanes: 2^z: z = n + f with n the nearest integer, 2^f by the degree-5 polynomial above
    /// (|f| ≤ ½), and 2^n built in the exponent bits, in two factors so that n in
    /// [−127, 128] stays representable (below gives denormals or 0, above infinity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp2(Vector512<float> z)
    {
        z = Vector512.Min(Vector512.Max(z, Vector512.Create(-127f)), Vector512.Create(128f));
        // Adding 1.5·2^23 rounds to the nearest integer (ties to even) and leaves it in the low bits.
        var shifted = z + Vector512.Create(RoundingBias);
        var n = shifted - Vector512.Create(RoundingBias);
        var f = z - n;
        var p = Vector512.Create(Exp2C5);
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Exp2C4));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Exp2C3));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Exp2C2));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Exp2C1));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Exp2C0));
        return ScaleByPowerOfTwo(p, n);
    }

    /// <summary>
    /// p·2^n for whole numbers n (as floats; past ±252 the result is 0 or infinity anyway): vscalefps
    /// where AVX-512 is there, else two exact power-of-two factors built in the exponent bits. For p
    /// near 1 both round once, so they give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> p, Vector512<float> n)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.Scale(p, n);
        var whole = Vector512.ConvertToInt32(Vector512.Clamp(n, Vector512.Create(-252f), Vector512.Create(254f)));
        var half = Vector512.ShiftRightArithmetic(whole, 1);
        var scale1 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        var scale2 = Vector512.ShiftLeft(whole - half + Vector512.Create(127), 23).AsSingle();
        return p * scale1 * scale2;
    }

    /// <summary><see cref="Imaging.ColorTransfer.LinearToSrgb"/> on sixteen values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LinearToSrgb(Vector512<float> c)
    {
        // A NaN fails the comparison and stays NaN on the linear segment.
        var low = Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512<float>.Zero), Vector512<float>.Zero, c * 12.92f);
        var high = Vector512.Create(1.055f) * SrgbPowers.Encode(c) - Vector512.Create(0.055f);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(c, Vector512.Create(0.0031308f)), high, low);
    }

    /// <summary><see cref="Imaging.ColorTransfer.SrgbToLinear"/> on sixteen values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SrgbToLinear(Vector512<float> c)
    {
        // A NaN fails the comparison and stays NaN on the linear segment.
        var low = Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512<float>.Zero), Vector512<float>.Zero, c * (1f / 12.92f));
        var high = SrgbPowers.Decode((c + Vector512.Create(0.055f)) * (1f / 1.055f));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(c, Vector512.Create(0.04045f)), high, low);
    }

    /// <summary><see cref="LinearToSrgb(Vector256{float})"/> on one value, bit for bit.</summary>
    public static float LinearToSrgb(float c) => LinearToSrgb(Vector256.Create(c)).ToScalar();

    /// <summary><see cref="SrgbToLinear(Vector256{float})"/> on one value, bit for bit.</summary>
    public static float SrgbToLinear(float c) => SrgbToLinear(Vector256.Create(c)).ToScalar();

    /// <summary>Lanes 3, 7, 11 and 15 (the alpha of four RGBA pixels) set.</summary>
    public static Vector512<float> AlphaLanes512 => Vector512.Create(AlphaLanes, AlphaLanes);

    /// <summary>A per-pixel value row's entries x..x + 3, each spread over its pixel's four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PerPixel4(ReadOnlySpan<float> values, int x) =>
        Vector512.Create(
            Vector256.Create(Vector128.Create(values[x]), Vector128.Create(values[x + 1])),
            Vector256.Create(Vector128.Create(values[x + 2]), Vector128.Create(values[x + 3])));

    /// <summary>Three per-channel constants for four RGBA pixels (alpha lanes 0).</summary>
    public static Vector512<float> PerChannel4(ReadOnlySpan<float> rgb) => Vector512.Create(PerChannel(rgb), PerChannel(rgb));

    /// <summary>A per-pixel value row's entries <paramref name="x"/> and x + 1, each spread over its pixel's four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PerPixel(ReadOnlySpan<float> values, int x) =>
        Vector256.Create(Vector128.Create(values[x]), Vector128.Create(values[x + 1]));

    /// <summary>Three per-channel constants for two RGBA pixels (alpha lanes 0).</summary>
    public static Vector256<float> PerChannel(ReadOnlySpan<float> rgb) =>
        Vector256.Create(rgb[0], rgb[1], rgb[2], 0f, rgb[0], rgb[1], rgb[2], 0f);
}
