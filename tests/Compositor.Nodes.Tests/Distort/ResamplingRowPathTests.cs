using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Nodes.Operations.Distort;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Distort;

/// <summary>
/// Rotate, Scale and Lens Distortion sample whole rows (and Flip reverses them in pairs of pixels) with their per-row terms hoisted (and Rotate
/// in column blocks). These tests compare them, to the bit, with a per-pixel evaluation of their
/// documented mappings through <see cref="Sampler"/>, on a real image of odd size, over odd areas
/// that start away from the origin and reach past the edges.
/// </summary>
public class ResamplingRowPathTests
{
    /// <summary>chelsea_317x211.png over a canvas at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static SourceOperation Chelsea(int x, int y)
    {
        var image = ConformanceImages.Read("chelsea_317x211.png");
        return new SourceOperation(new Rect(x, y, x + image.Width, y + image.Height), image.Pixels);
    }

    private static void AssertPixels(MemoryBuffer actual, Rect area, Func<int, int, Vector128<float>> expected, string what)
    {
        int compared = 0;
        for (int y = area.YMin; y < area.YMax; y++)
            for (int x = area.XMin; x < area.XMax; x++)
            {
                var e = expected(x, y);
                int i = actual.IndexOf(x, y);
                for (int k = 0; k < 4; k++)
                    if (actual.Span[i + k] != e.GetElement(k))
                        Assert.Fail($"{what}: pixel ({x}, {y}) channel {k} is {actual.Span[i + k]}, expected {e.GetElement(k)}");
                compared++;
            }

        Assert.That(compared, Is.EqualTo(area.Area));
    }

    [TestCase(0.35f, 0, 0)]
    [TestCase(-0.2f, 7, -5)]
    [TestCase(2.5f, -3, 11)]
    public void RotateEqualsItsPerPixelMapping(float angle, int x0, int y0)
    {
        var src = Chelsea(x0, y0);
        var op = OperationRunner.Prepare(new RotateOperation(Interpolation.Bilinear), src, RenderQuality.High, angle);
        var canvas = op.Canvas;
        // Odd areas: the whole canvas, and a block narrower and wider than the column blocks.
        foreach (var area in new[] { canvas, new Rect(canvas.XMin + 13, canvas.YMin + 7, canvas.XMin + 13 + 97, canvas.YMin + 7 + 33) })
        {
            using var o = OperationRunner.Run(op, src, area);
            using var input = src.Render(src.Canvas);
            var sampler = new Sampler(input, src.Canvas);
            float cx = (src.Canvas.Width - 1) / 2f, cy = (src.Canvas.Height - 1) / 2f;
            float ox = (src.Canvas.Width - canvas.Width) / 2f, oy = (src.Canvas.Height - canvas.Height) / 2f;
            AssertPixels(o, area, (x, y) =>
            {
                float dx = (ox + x) - cx, dy = (oy + y) - cy;
                return sampler.Bilinear4(cx + (op.Cosine * dx + op.Sine * dy), cy + (-op.Sine * dx + op.Cosine * dy));
            }, $"rotate {angle} over {area}");
        }
    }

    [TestCase(0.8f, 0.8f, 0, 0)]
    [TestCase(1.15f, 0.7f, 5, -2)]
    [TestCase(0.37f, 2.3f, -9, 4)]
    public void ScaleEqualsItsPerPixelMapping(float sx, float sy, int x0, int y0)
    {
        var src = Chelsea(x0, y0);
        var op = OperationRunner.Prepare(new ScaleRelativeOperation(), src, RenderQuality.High, sx, sy);
        var canvas = op.Canvas;
        using var o = OperationRunner.Run(op, src, canvas);
        using var input = src.Render(src.Canvas);
        var sampler = new Sampler(input, src.Canvas);
        int w = src.Canvas.Width, h = src.Canvas.Height;
        float cx = w / 2f, cy = h / 2f, ox = (w - canvas.Width) / 2f, oy = (h - canvas.Height) / 2f;
        AssertPixels(o, canvas, (x, y) => sampler.Bilinear4(cx + (x + ox - cx) / sx, cy + (y + oy - cy) / sy), $"scale {sx} x {sy}");
    }

    [TestCase(0.05f, true)]
    [TestCase(-0.3f, false)]
    [TestCase(0.9f, false)] // corners with no solution are transparent black
    public void ScreenLensEqualsItsPerPixelMapping(float distortion, bool fit)
    {
        var src = Chelsea(0, 0);
        var op = OperationRunner.Prepare(new ScreenLensDistortionOperation(fit, false, distortion, 0f), src);
        var canvas = op.Canvas;
        using var o = OperationRunner.Run(op, src, canvas);
        using var input = src.Render(src.Canvas);
        var sampler = new Sampler(input, src.Canvas);
        float k = Math.Clamp(distortion, -0.999f, 1f), k4 = 4f * k;
        float sc = fit && k > 0f ? 1f / (1f + 2f * k) : 1f / (1f + k);
        float width = canvas.Width, height = canvas.Height, cx = 0.5f * width, cy = 0.5f * height;
        int invalid = 0;
        AssertPixels(o, canvas, (x, y) =>
        {
            float uvx = sc * ((x + 0.5f) - cx) / cx, uvy = sc * ((y + 0.5f) - cy) / cy;
            float t = 1f - k4 * (uvx * uvx + uvy * uvy);
            if (t < 0f)
            {
                invalid++;
                return Vector128<float>.Zero;
            }

            float d = 1f / (1f + MathF.Sqrt(t));
            return sampler.Bilinear4((uvx * d + 0.5f) * width - 0.5f, (uvy * d + 0.5f) * height - 0.5f).WithElement(3, 1f);
        }, $"lens {distortion}");
        if (distortion > 0.5f) Assert.That(invalid, Is.GreaterThan(0), "the corners have no solution");
    }

    [TestCase(true, false, 0, 0)]
    [TestCase(true, true, 7, -5)]
    [TestCase(false, true, -3, 2)]
    public void FlipMirrorsEveryPixel(bool flipX, bool flipY, int x0, int y0)
    {
        var src = Chelsea(x0, y0);
        var op = OperationRunner.Prepare(new FlipOperation(flipX, flipY), src);
        var canvas = op.Canvas;
        // The whole canvas (317 wide: odd) and an odd part of it.
        foreach (var area in new[] { canvas, new Rect(canvas.XMin + 5, canvas.YMin + 3, canvas.XMin + 5 + 101, canvas.YMin + 3 + 17) })
        {
            using var o = OperationRunner.Run(op, src, area);
            int lastX = canvas.Width - 1, lastY = canvas.Height - 1;
            AssertPixels(o, area, (x, y) =>
            {
                int sx = flipX ? lastX - x : x, sy = flipY ? lastY - y : y;
                return Vector128.Create(src.Pixel(sx, sy, 0), src.Pixel(sx, sy, 1), src.Pixel(sx, sy, 2), src.Pixel(sx, sy, 3));
            }, $"flip over {area}");
        }
    }
}
