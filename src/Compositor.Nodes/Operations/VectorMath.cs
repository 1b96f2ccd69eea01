using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations;

/// <summary>
/// Vector forms of the scalar math the pixel operations use, eight floats (two RGBA pixels) at a
/// time. pow is exp(y·ln x) evaluated in double precision and rounded once to float, so it agrees
/// with <see cref="MathF.Pow"/> to the last bit in all but rare ties.
/// </summary>
internal static class VectorMath
{
    /// <summary>Lanes 3 and 7 (the alpha of two RGBA pixels) set.</summary>
    public static Vector256<float> AlphaLanes => Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle();

    /// <summary>x raised to y for x &gt; 0; x = 0 gives 0 for y &gt; 0 (callers select other cases).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowPositive(Vector256<float> x, Vector256<float> y)
    {
        if (Avx512F.IsSupported)
        {
            var wide = Avx512F.ConvertToVector512Double(x);
            var power = Avx512F.ConvertToVector512Double(y);
            return Avx512F.ConvertToVector256Single(Vector512.Exp(power * Vector512.Log(wide)));
        }

        var lower = Vector256.Exp(Vector256.WidenLower(y) * Vector256.Log(Vector256.WidenLower(x)));
        var upper = Vector256.Exp(Vector256.WidenUpper(y) * Vector256.Log(Vector256.WidenUpper(x)));
        return Vector256.Narrow(lower, upper);
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

    /// <summary>A per-pixel value row's entries <paramref name="x"/> and x + 1, each spread over its pixel's four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PerPixel(ReadOnlySpan<float> values, int x) =>
        Vector256.Create(Vector128.Create(values[x]), Vector128.Create(values[x + 1]));

    /// <summary>Three per-channel constants for two RGBA pixels (alpha lanes 0).</summary>
    public static Vector256<float> PerChannel(ReadOnlySpan<float> rgb) =>
        Vector256.Create(rgb[0], rgb[1], rgb[2], 0f, rgb[0], rgb[1], rgb[2], 0f);
}
