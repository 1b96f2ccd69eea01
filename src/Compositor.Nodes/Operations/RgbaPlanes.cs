using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Nodes.Operations;

/// <summary>
/// Sixteen interleaved RGBA pixels (64 floats) as four channel planes and back, with AVX-512
/// two-table permutes (eight each way). Per-channel work then needs no alpha lanes (a quarter of
/// the lanes of the interleaved layout), takes per-pixel rows as they are, and per-channel
/// constants as plain broadcasts. Callers check <see cref="IsSupported"/> first.
/// </summary>
internal static class RgbaPlanes
{
    /// <summary>Whether <see cref="Load"/> and <see cref="Store"/> run in hardware.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Splits pixels p..p + 15 (floats 0..63 of <paramref name="rgba"/>) into R, G, B and A planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(ReadOnlySpan<float> rgba, out Vector512<float> r, out Vector512<float> g, out Vector512<float> b, out Vector512<float> a)
    {
        var v0 = Vector512.Create(rgba[..16]);
        var v1 = Vector512.Create(rgba.Slice(16, 16));
        var v2 = Vector512.Create(rgba.Slice(32, 16));
        var v3 = Vector512.Create(rgba.Slice(48, 16));
        // R and G of pixels 0..7 and 8..15, then B and A.
        var redGreen = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
        var blueAlpha = Vector512.Create(2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
        var rg0 = Avx512F.PermuteVar16x32x2(v0, redGreen, v1);
        var rg1 = Avx512F.PermuteVar16x32x2(v2, redGreen, v3);
        var ba0 = Avx512F.PermuteVar16x32x2(v0, blueAlpha, v1);
        var ba1 = Avx512F.PermuteVar16x32x2(v2, blueAlpha, v3);
        var lowHalves = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        var highHalves = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        r = Avx512F.PermuteVar16x32x2(rg0, lowHalves, rg1);
        g = Avx512F.PermuteVar16x32x2(rg0, highHalves, rg1);
        b = Avx512F.PermuteVar16x32x2(ba0, lowHalves, ba1);
        a = Avx512F.PermuteVar16x32x2(ba0, highHalves, ba1);
    }

    /// <summary>Interleaves the four planes back into 16 RGBA pixels (floats 0..63 of <paramref name="rgba"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> r, Vector512<float> g, Vector512<float> b, Vector512<float> a, Span<float> rgba)
    {
        // Pairs (r, g) and (b, a) of pixels 0..7 and 8..15, then the pairs joined into pixels.
        var zipLow = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var zipHigh = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        var rg0 = Avx512F.PermuteVar16x32x2(r, zipLow, g);
        var rg1 = Avx512F.PermuteVar16x32x2(r, zipHigh, g);
        var ba0 = Avx512F.PermuteVar16x32x2(b, zipLow, a);
        var ba1 = Avx512F.PermuteVar16x32x2(b, zipHigh, a);
        var pixels0 = Vector512.Create(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
        var pixels1 = Vector512.Create(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
        Avx512F.PermuteVar16x32x2(rg0, pixels0, ba0).CopyTo(rgba[..16]);
        Avx512F.PermuteVar16x32x2(rg0, pixels1, ba0).CopyTo(rgba.Slice(16, 16));
        Avx512F.PermuteVar16x32x2(rg1, pixels0, ba1).CopyTo(rgba.Slice(32, 16));
        Avx512F.PermuteVar16x32x2(rg1, pixels1, ba1).CopyTo(rgba.Slice(48, 16));
    }
}
