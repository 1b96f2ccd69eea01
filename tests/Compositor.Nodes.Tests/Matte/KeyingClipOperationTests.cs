using Compositor.Imaging;
using Compositor.Nodes.Operations.Matte;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests.Matte;

/// <summary>
/// The keying clip's eight-pixels-at-a-time path against the pixel-by-pixel definition, on a real
/// green-screen matte, at odd widths, offset canvases and tiles.
/// </summary>
public class KeyingClipOperationTests
{
    /// <summary>Blender's clip of one pixel: neighbours in the canvas-clipped window within tolerance, at least 90 % of them.</summary>
    private static float Reference(SourceOperation src, int x, int y, int radius, float tolerance, float black, float white, bool edge)
    {
        var c = src.Canvas;
        float value = src.Pixel(x, y, 0);
        bool inside = radius == 0;
        if (!inside)
        {
            int total = 0, count = 0;
            for (int cy = Math.Max(c.YMin, y - radius + 1); cy < Math.Min(y + radius, c.YMax); cy++)
                for (int cx = Math.Max(c.XMin, x - radius + 1); cx < Math.Min(x + radius, c.XMax); cx++)
                {
                    if (cx == x && cy == y) continue;
                    total++;
                    if (MathF.Abs(src.Pixel(cx, cy, 0) - value) < tolerance) count++;
                }

            inside = total > 0 && count >= (int)MathF.Ceiling(total * 0.9f);
        }

        if (edge) return inside ? 0f : 1f;
        if (!inside) return value;
        return value < black ? 0f : value >= white ? 1f : (value - black) / (white - black);
    }

    private static SourceOperation Matte(Rect canvas) => ConformanceImages.GreenScreenMatteSource(canvas, 1, 1);

    private static readonly Rect[] Canvases = [Rect.FromSize(240, 160), new Rect(3, -2, 40, 31), new Rect(-7, 5, 94, 60), new Rect(0, 0, 9, 12)];

    [Test]
    public void EqualsThePixelByPixelDefinition([Values(0, 1, 2, 3, 5)] int radius, [Values] bool edge, [Values(0, 1, 2, 3)] int shape, [Values(0.1f, 0.02f)] float tolerance)
    {
        var canvas = Canvases[shape];
        var src = Matte(canvas);
        var op = OperationRunner.Prepare(new KeyingClipOperation(radius, tolerance, 0.05f, 0.9f, edge), src);
        var o = OperationRunner.Run(op, src, canvas);
        int inside = 0, outside = 0;
        for (int y = canvas.YMin; y < canvas.YMax; y++)
            for (int x = canvas.XMin; x < canvas.XMax; x++)
            {
                float expected = Reference(src, x, y, radius, tolerance, 0.05f, 0.9f, edge);
                float actual = o.Span[o.IndexOf(x, y)];
                Assert.That(actual, Is.EqualTo(expected), $"pixel ({x}, {y})");
                if (edge && expected == 0f) inside++;
                if (edge && expected == 1f) outside++;
            }

        if (edge && radius > 1 && shape == 0)
        {
            Assert.That(inside, Is.GreaterThan(100), "the matte has flat areas");
            Assert.That(outside, Is.GreaterThan(100), "the matte has edges");
        }
    }

    [Test]
    public void NaNNeighboursAreNotWithinTolerance([Values] bool edge)
    {
        // A flat matte with three NaNs in a row: their neighbours lose three of 24 matches (21 < 22)
        // and are not inside, though every finite value in their windows is equal.
        var canvas = Rect.FromSize(40, 12);
        var values = Enumerable.Repeat(0.5f, 40 * 12).ToArray();
        for (int x = 18; x < 21; x++) values[6 * 40 + x] = float.NaN;
        var src = new SourceOperation(canvas, values, DataType.Value);
        var op = OperationRunner.Prepare(new KeyingClipOperation(3, 0.1f, 0.05f, 0.9f, edge), src);
        var o = OperationRunner.Run(op, src, canvas);
        int outside = 0;
        for (int y = 0; y < 12; y++)
            for (int x = 0; x < 40; x++)
            {
                float expected = Reference(src, x, y, 3, 0.1f, 0.05f, 0.9f, edge);
                Assert.That(o.Span[o.IndexOf(x, y)], Is.EqualTo(expected), $"pixel ({x}, {y})");
                if (edge ? expected == 1f : expected == 0.5f) outside++;
            }

        Assert.That(outside, Is.GreaterThan(3), "pixels beside the NaNs are not inside");
    }

    [Test]
    public void TilesEqualTheWholeFrame([Values(2, 3, 4)] int radius, [Values] bool edge)
    {
        var canvas = new Rect(1, -3, 201, 137);
        var src = Matte(canvas);
        var op = OperationRunner.Prepare(new KeyingClipOperation(radius, 0.1f, 0.05f, 0.9f, edge), src);
        ConformanceImages.AssertTilesEqualWholeFrame(op, src, canvas);
    }
}
