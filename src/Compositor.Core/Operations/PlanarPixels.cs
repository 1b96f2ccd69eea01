using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Operations;

/// <summary>
/// Colors as channel planes: a row of <c>width</c> RGBA pixels held as four planes of <c>width</c>
/// floats (all R, then all G, B and A), the layout of <see cref="PixelOperation.HasPlanarForm"/>.
/// Sixteen pixels are one vector per channel, with no lane spent on alpha and no shuffling per step.
/// </summary>
public static class PlanarPixels
{
    /// <summary>Splits <paramref name="width"/> RGBA pixels of <paramref name="pixels"/> into planes in <paramref name="planes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Split(ReadOnlySpan<float> pixels, Span<float> planes, int width)
    {
        if (pixels.Length < 4 * width || planes.Length < 4 * width) throw new ArgumentException($"spans too short for {width} pixels");
        var r = planes[..width];
        var g = planes.Slice(width, width);
        var b = planes.Slice(2 * width, width);
        var a = planes.Slice(3 * width, width);
        int x = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; x + 16 <= width; x += 16)
            {
                Split16(pixels.Slice(4 * x, 64), out var red, out var green, out var blue, out var alpha);
                red.CopyTo(r.Slice(x, 16));
                green.CopyTo(g.Slice(x, 16));
                blue.CopyTo(b.Slice(x, 16));
                alpha.CopyTo(a.Slice(x, 16));
            }
        }

        for (; x < width; x++)
        {
            r[x] = pixels[4 * x];
            g[x] = pixels[4 * x + 1];
            b[x] = pixels[4 * x + 2];
            a[x] = pixels[4 * x + 3];
        }
    }

    /// <summary>Joins the planes of <paramref name="width"/> pixels in <paramref name="planes"/> into RGBA pixels in <paramref name="pixels"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Join(ReadOnlySpan<float> planes, Span<float> pixels, int width)
    {
        if (pixels.Length < 4 * width || planes.Length < 4 * width) throw new ArgumentException($"spans too short for {width} pixels");
        var r = planes[..width];
        var g = planes.Slice(width, width);
        var b = planes.Slice(2 * width, width);
        var a = planes.Slice(3 * width, width);
        int x = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; x + 16 <= width; x += 16)
                Join16(Vector512.Create(r.Slice(x, 16)), Vector512.Create(g.Slice(x, 16)), Vector512.Create(b.Slice(x, 16)), Vector512.Create(a.Slice(x, 16)), pixels.Slice(4 * x, 64));
        }

        for (; x < width; x++)
        {
            pixels[4 * x] = r[x];
            pixels[4 * x + 1] = g[x];
            pixels[4 * x + 2] = b[x];
            pixels[4 * x + 3] = a[x];
        }
    }

    /// <summary>
    /// Sixteen RGBA pixels (64 floats) as one vector per channel: eight two-table permutes.
    /// Needs AVX-512 (<see cref="Avx512F.IsSupported"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Split16(ReadOnlySpan<float> pixels, out Vector512<float> r, out Vector512<float> g, out Vector512<float> b, out Vector512<float> a)
    {
        var v0 = Vector512.Create(pixels[..16]);
        var v1 = Vector512.Create(pixels.Slice(16, 16));
        var v2 = Vector512.Create(pixels.Slice(32, 16));
        var v3 = Vector512.Create(pixels.Slice(48, 16));
        // R and G of pixels 0..7 and 8..15, then B and A; then the halves joined per channel.
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

    /// <summary>
    /// Sixteen pixels from one vector per channel, written as 64 RGBA floats: eight two-table permutes.
    /// Needs AVX-512 (<see cref="Avx512F.IsSupported"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Join16(Vector512<float> r, Vector512<float> g, Vector512<float> b, Vector512<float> a, Span<float> pixels)
    {
        var zipLow = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var zipHigh = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        var rg0 = Avx512F.PermuteVar16x32x2(r, zipLow, g);
        var rg1 = Avx512F.PermuteVar16x32x2(r, zipHigh, g);
        var ba0 = Avx512F.PermuteVar16x32x2(b, zipLow, a);
        var ba1 = Avx512F.PermuteVar16x32x2(b, zipHigh, a);
        var pixels0 = Vector512.Create(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
        var pixels1 = Vector512.Create(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
        Avx512F.PermuteVar16x32x2(rg0, pixels0, ba0).CopyTo(pixels[..16]);
        Avx512F.PermuteVar16x32x2(rg0, pixels1, ba0).CopyTo(pixels.Slice(16, 16));
        Avx512F.PermuteVar16x32x2(rg1, pixels0, ba1).CopyTo(pixels.Slice(32, 16));
        Avx512F.PermuteVar16x32x2(rg1, pixels1, ba1).CopyTo(pixels.Slice(48, 16));
    }
}
