using Compositor.Codecs;
using Compositor.Imaging;
using System.Runtime.Intrinsics;
using Compositor.Imaging.Sampling;

namespace Compositor.Core.Tests.Imaging.Sampling;

/// <summary>
/// Taps wholly inside both the buffer and the domain skip the edge mapping. These tests compare the
/// sampler with a plain per-tap reading of Blender's rules (zero outside the domain or the buffer)
/// on a real image, to the bit, across the interior, the edges and beyond.
/// </summary>
public class SamplerFastPathTests
{
    /// <summary>chelsea_317x211 (odd size) as a 4-channel buffer over <paramref name="rect"/> (cropped from the image).</summary>
    private static MemoryBuffer Chelsea(Rect rect)
    {
        var image = ImageCodecs.Read(Path.Combine(TestGraphs.Inputs, "chelsea_317x211.png"));
        Assert.That(rect.Width <= image.Width && rect.Height <= image.Height);
        var b = MemoryBuffer.Create(DataType.Color, rect);
        for (int y = 0; y < rect.Height; y++)
            image.Pixels.AsSpan(y * image.Width * 4, rect.Width * 4).CopyTo(b.GetRow(rect.YMin + y, rect.XMin, rect.Width));
        return b;
    }

    private static float Tap(MemoryBuffer b, Rect domain, int x, int y, int k) =>
        domain.Contains(x, y) && b.Rect.Contains(x, y) ? b.Span[b.IndexOf(x, y) + k] : 0f;

    /// <summary>Blender's clip-mode bilinear, tap by tap, summed in the sampler's order.</summary>
    private static float ReferenceBilinear(MemoryBuffer b, Rect domain, float x, float y, int k)
    {
        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int x1 = (int)fx, y1 = (int)fy;
        float a = x - fx, bb = y - fy;
        int x2 = a > 0f ? x1 + 1 : x1, y2 = bb > 0f ? y1 + 1 : y1;
        float r = Tap(b, domain, x1, y1, k) * ((1f - a) * (1f - bb));
        r += Tap(b, domain, x2, y1, k) * (a * (1f - bb));
        r += Tap(b, domain, x1, y2, k) * ((1f - a) * bb);
        r += Tap(b, domain, x2, y2, k) * (a * bb);
        return r;
    }

    private static IEnumerable<(float X, float Y)> Points(Rect around, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return (around.XMin - 3 + (float)random.NextDouble() * (around.Width + 6),
                around.YMin - 3 + (float)random.NextDouble() * (around.Height + 6));
        // Whole and half coordinates on and next to every edge.
        foreach (float x in new[] { around.XMin - 1f, around.XMin - 0.5f, around.XMin, around.XMin + 0.5f, around.XMax - 2f, around.XMax - 1.5f, around.XMax - 1f, around.XMax - 0.5f, around.XMax })
            foreach (float y in new[] { around.YMin - 1f, around.YMin, around.YMin + 0.25f, around.YMax - 2f, around.YMax - 1f, around.YMax - 0.75f, around.YMax })
                yield return (x, y);
    }

    [TestCase(0, 0, 317, 211, 0, 0, 317, 211)]
    [TestCase(-7, 5, 290, 180, -7, 5, 290, 180)]
    [TestCase(-7, 5, 290, 180, -20, -10, 200, 150)] // the buffer reaches past the domain
    [TestCase(3, 2, 131, 97, -50, -40, 400, 300)] // the domain reaches past the buffer (a too-small area of interest)
    [TestCase(0, 0, 1, 1, 0, 0, 1, 1)] // no 2×2 footprint fits
    public void BilinearEqualsThePerTapReference(int bx, int by, int bw, int bh, int dx0, int dy0, int dx1, int dy1)
    {
        var (rect, domain) = (new Rect(bx, by, bx + bw, by + bh), new Rect(dx0, dy0, dx1, dy1));
        using var buffer = Chelsea(rect);
        var sampler = new Sampler(buffer, domain);
        Span<float> dst = stackalloc float[4];
        int checkedPoints = 0;
        foreach (var (x, y) in Points(rect.Union(domain), 4000, bw * 31 + bh))
        {
            var v = sampler.Bilinear4(x, y);
            sampler.Bilinear(x, y, dst);
            for (int k = 0; k < 4; k++)
            {
                float expected = ReferenceBilinear(buffer, domain, x, y, k);
                Assert.That(v.GetElement(k), Is.EqualTo(expected), $"Bilinear4 at ({x}, {y}) channel {k}");
                Assert.That(dst[k], Is.EqualTo(expected), $"Bilinear at ({x}, {y}) channel {k}");
            }

            checkedPoints++;
        }

        Assert.That(checkedPoints, Is.GreaterThan(4000));
    }

    [TestCase(0, 0, 317, 211, 0, 0, 317, 211)]
    [TestCase(-7, 5, 290, 180, -20, -10, 200, 150)]
    [TestCase(3, 2, 131, 97, -50, -40, 400, 300)]
    [TestCase(4, 4, 1, 1, 4, 4, 5, 5)]
    public void NearestEqualsThePerTapReference(int bx, int by, int bw, int bh, int dx0, int dy0, int dx1, int dy1)
    {
        var (rect, domain) = (new Rect(bx, by, bx + bw, by + bh), new Rect(dx0, dy0, dx1, dy1));
        using var buffer = Chelsea(rect);
        var sampler = new Sampler(buffer, domain);
        Span<float> dst = stackalloc float[4];
        foreach (var (x, y) in Points(rect.Union(domain), 2000, bw + bh * 7))
        {
            sampler.Nearest(x, y, dst);
            int tx = (int)MathF.Floor(x), ty = (int)MathF.Floor(y);
            for (int k = 0; k < 4; k++)
                Assert.That(dst[k], Is.EqualTo(Tap(buffer, domain, tx, ty, k)), $"Nearest at ({x}, {y}) channel {k}");
        }
    }

    [TestCase(0, 0, 317, 211, 0, 0, 317, 211)]
    [TestCase(-7, 5, 290, 180, -20, -10, 200, 150)]
    [TestCase(3, 2, 131, 97, -50, -40, 400, 300)]
    [TestCase(0, 0, 1, 1, 0, 0, 1, 1)]
    public void RowSamplingEqualsPointSampling(int bx, int by, int bw, int bh, int dx0, int dy0, int dx1, int dy1)
    {
        var (rect, domain) = (new Rect(bx, by, bx + bw, by + bh), new Rect(dx0, dy0, dx1, dy1));
        using var buffer = Chelsea(rect);
        var sampler = new Sampler(buffer, domain);
        // Runs of points along rotated lines (mostly inside, some crossing the edges), odd lengths,
        // and special values: NaN, infinities, coordinates far outside the int range.
        var points = Points(rect.Union(domain), 3000, bw + bh).ToList();
        var random = new Random(7);
        for (int line = 0; line < 40; line++)
        {
            float x = rect.XMin + (float)random.NextDouble() * rect.Width, y = rect.YMin + (float)random.NextDouble() * rect.Height;
            float dx = MathF.Cos(line * 0.3f) * 0.93f, dy = MathF.Sin(line * 0.3f) * 0.93f;
            for (int i = 0; i < 37; i++) points.Add((x + i * dx, y + i * dy));
        }

        foreach (float special in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f })
        {
            points.Add((special, rect.YMin + 1));
            points.Add((rect.XMin + 1, special));
        }

        var xs = points.Select(p => p.X).ToArray();
        var ys = points.Select(p => p.Y).ToArray();
        foreach (int start in new[] { 0, 3 })
        {
            int n = xs.Length - start;
            var dst = new float[n * 4];
            sampler.Bilinear4Row(xs.AsSpan(start), ys.AsSpan(start), dst);
            for (int i = 0; i < n; i++)
            {
                var expected = sampler.Bilinear4(xs[start + i], ys[start + i]);
                for (int k = 0; k < 4; k++)
                    Assert.That(dst[i * 4 + k], Is.EqualTo(expected.GetElement(k)), $"point ({xs[start + i]}, {ys[start + i]}) channel {k}");
            }
        }
    }
}
