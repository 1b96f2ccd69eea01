using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations;

/// <summary>
/// Vector forms of the scalar math the pixel operations use, eight floats (two RGBA pixels) at a
/// time. pow is 2^(y·log2 x) with polynomial log2 and exp2 in single precision: about four times
/// faster than <see cref="MathF.Pow"/> (whose vector counterparts in .NET are not accelerated) and
/// within a few units in the last place of it (relative error below 3e-6 for |y·log2 x| &lt; 32).
/// The scalar overloads run the same vector code on one lane, so a pixel gets the same bits whether
/// it falls in a vector block or in a row's tail.
/// </summary>
internal static class VectorMath
{
    /// <summary>Lanes 3 and 7 (the alpha of two RGBA pixels) set.</summary>
    public static Vector256<float> AlphaLanes => Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle();

    /// <summary>x raised to y for x &gt; 0; x &lt;= 0 gives 0 (callers select other cases), NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowPositive(Vector256<float> x, Vector256<float> y)
    {
        var raised = Exp2(y * Log2(x));
        raised = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), raised, Vector256<float>.Zero);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), raised, x);
    }

    /// <summary><see cref="PowPositive(Vector256{float}, Vector256{float})"/> on one value, bit for bit.</summary>
    public static float PowPositive(float x, float y) => PowPositive(Vector256.Create(x), Vector256.Create(y)).ToScalar();

    /// <summary>
    /// log2 x for positive normal x: x = m·2^e with m in [√½, √2), and log2 m from the series of
    /// 2·atanh((m − 1)/(m + 1)), which converges fast on that interval.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log2(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var high = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f));
        mantissa = Vector256.ConditionalSelect(high, mantissa * 0.5f, mantissa);
        exponent -= high.AsInt32();
        var t = (mantissa - Vector256<float>.One) / (mantissa + Vector256<float>.One);
        var t2 = t * t;
        var series = Vector256.Create(1f / 9f);
        series = series * t2 + Vector256.Create(1f / 7f);
        series = series * t2 + Vector256.Create(1f / 5f);
        series = series * t2 + Vector256.Create(1f / 3f);
        series = series * t2 + Vector256<float>.One;
        return Vector256.ConvertToSingle(exponent) + t * series * Vector256.Create(2.8853900817779268f);
    }

    /// <summary>
    /// 2^z: z = n + f with n the nearest integer, e^(f·ln 2) by its Taylor series to degree 7
    /// (|f·ln 2| ≤ 0.35), and 2^n built in the exponent bits, in two factors so that n in
    /// [−127, 128] stays representable (below gives denormals or 0, above infinity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp2(Vector256<float> z)
    {
        z = Vector256.Min(Vector256.Max(z, Vector256.Create(-127f)), Vector256.Create(128f));
        var n = Vector256.Round(z);
        var f = (z - n) * Vector256.Create(0.6931471805599453f);
        var p = Vector256.Create(1f / 5040f);
        p = p * f + Vector256.Create(1f / 720f);
        p = p * f + Vector256.Create(1f / 120f);
        p = p * f + Vector256.Create(1f / 24f);
        p = p * f + Vector256.Create(1f / 6f);
        p = p * f + Vector256.Create(0.5f);
        p = p * f + Vector256<float>.One;
        p = p * f + Vector256<float>.One;
        var whole = Vector256.ConvertToInt32(n);
        var half = Vector256.ShiftRightArithmetic(whole, 1);
        var scale1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scale2 = Vector256.ShiftLeft(whole - half + Vector256.Create(127), 23).AsSingle();
        return p * scale1 * scale2;
    }

    /// <summary><see cref="Imaging.ColorTransfer.LinearToSrgb"/> on eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LinearToSrgb(Vector256<float> c)
    {
        var low = Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256<float>.Zero), Vector256<float>.Zero, c * 12.92f);
        var high = Vector256.Create(1.055f) * PowPositive(c, Vector256.Create(1f / 2.4f)) - Vector256.Create(0.055f);
        return Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256.Create(0.0031308f)), low, high);
    }

    /// <summary><see cref="Imaging.ColorTransfer.SrgbToLinear"/> on eight values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SrgbToLinear(Vector256<float> c)
    {
        var low = Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256<float>.Zero), Vector256<float>.Zero, c * (1f / 12.92f));
        var high = PowPositive((c + Vector256.Create(0.055f)) * (1f / 1.055f), Vector256.Create(2.4f));
        return Vector256.ConditionalSelect(Vector256.LessThan(c, Vector256.Create(0.04045f)), low, high);
    }

    // The 16-lane forms repeat the 8-lane bodies operation for operation (so each lane gets the same
    // bits). Running the 8-lane code on the two halves instead was measured 1.8x slower for Color
    // Balance and Gamma (PixelOperationBenchmarks), so both widths are written out.

    /// <summary>The 16-lane form (four RGBA pixels), lane for lane the same bits as the 8-lane one: x raised to y for x &gt; 0; x &lt;= 0 gives 0 (callers select other cases), NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowPositive(Vector512<float> x, Vector512<float> y)
    {
        var raised = Exp2(y * Log2(x));
        raised = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), raised, Vector512<float>.Zero);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), raised, x);
    }

    /// <summary>
    /// 16 lanes: log2 x for positive normal x: x = m·2^e with m in [√½, √2), and log2 m from the series of
    /// 2·atanh((m − 1)/(m + 1)), which converges fast on that interval.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log2(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127);
        var mantissa = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle();
        var high = Vector512.GreaterThan(mantissa, Vector512.Create(1.41421356f));
        mantissa = Vector512.ConditionalSelect(high, mantissa * 0.5f, mantissa);
        exponent -= high.AsInt32();
        var t = (mantissa - Vector512<float>.One) / (mantissa + Vector512<float>.One);
        var t2 = t * t;
        var series = Vector512.Create(1f / 9f);
        series = series * t2 + Vector512.Create(1f / 7f);
        series = series * t2 + Vector512.Create(1f / 5f);
        series = series * t2 + Vector512.Create(1f / 3f);
        series = series * t2 + Vector512<float>.One;
        return Vector512.ConvertToSingle(exponent) + t * series * Vector512.Create(2.8853900817779268f);
    }

    /// <summary>
    /// 16 lanes: 2^z: z = n + f with n the nearest integer, e^(f·ln 2) by its Taylor series to degree 7
    /// (|f·ln 2| ≤ 0.35), and 2^n built in the exponent bits, in two factors so that n in
    /// [−127, 128] stays representable (below gives denormals or 0, above infinity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp2(Vector512<float> z)
    {
        z = Vector512.Min(Vector512.Max(z, Vector512.Create(-127f)), Vector512.Create(128f));
        var n = Vector512.Round(z);
        var f = (z - n) * Vector512.Create(0.6931471805599453f);
        var p = Vector512.Create(1f / 5040f);
        p = p * f + Vector512.Create(1f / 720f);
        p = p * f + Vector512.Create(1f / 120f);
        p = p * f + Vector512.Create(1f / 24f);
        p = p * f + Vector512.Create(1f / 6f);
        p = p * f + Vector512.Create(0.5f);
        p = p * f + Vector512<float>.One;
        p = p * f + Vector512<float>.One;
        var whole = Vector512.ConvertToInt32(n);
        var half = Vector512.ShiftRightArithmetic(whole, 1);
        var scale1 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        var scale2 = Vector512.ShiftLeft(whole - half + Vector512.Create(127), 23).AsSingle();
        return p * scale1 * scale2;
    }

    /// <summary><see cref="Imaging.ColorTransfer.LinearToSrgb"/> on sixteen values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LinearToSrgb(Vector512<float> c)
    {
        var low = Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512<float>.Zero), Vector512<float>.Zero, c * 12.92f);
        var high = Vector512.Create(1.055f) * PowPositive(c, Vector512.Create(1f / 2.4f)) - Vector512.Create(0.055f);
        return Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512.Create(0.0031308f)), low, high);
    }

    /// <summary><see cref="Imaging.ColorTransfer.SrgbToLinear"/> on sixteen values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SrgbToLinear(Vector512<float> c)
    {
        var low = Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512<float>.Zero), Vector512<float>.Zero, c * (1f / 12.92f));
        var high = PowPositive((c + Vector512.Create(0.055f)) * (1f / 1.055f), Vector512.Create(2.4f));
        return Vector512.ConditionalSelect(Vector512.LessThan(c, Vector512.Create(0.04045f)), low, high);
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
