using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class SunBeamsOperationTests
{
    [Test]
    public void ReadsItsWholeInput()
    {
        var src = SourceOperation.Random(Rect.FromSize(20, 10), 1);
        var op = OperationRunner.Prepare(new SunBeamsOperation(0.5f, 0.5f, 0.3f), src);
        Assert.That(op.GetAreaOfInterest(0, new Rect(1, 1, 3, 3)), Is.EqualTo(Rect.FromSize(20, 10)));
    }

    [Test]
    public void APixelAlongAnAxisAveragesTheLineTowardsTheSourceWithQuadraticFalloff()
    {
        // Source at (0.25·16, 0.5·8) = (4, 4); ray length 0.5·16 = 8 pixels; target (8, 4): 4 steps, from x = 8 down to 5.
        var p = new float[16 * 8 * 4];
        for (int x = 0; x < 16; x++)
            for (int y = 0; y < 8; y++)
            {
                int i = (y * 16 + x) * 4;
                p[i] = x;
                p[i + 3] = 1f;
            }

        var src = new SourceOperation(Rect.FromSize(16, 8), p);
        var op = OperationRunner.Prepare(new SunBeamsOperation(0.25f, 0.5f, 0.5f), src);
        using var o = OperationRunner.Run(op, src, Rect.FromSize(16, 8));
        float expected = 0f, alpha = 0f;
        for (int i = 0; i < 4; i++)
        {
            float w = 1f - i / 8f;
            w *= w;
            expected += (8 - i) * w;
            alpha += w;
        }

        int k = o.IndexOf(8, 4);
        Assert.That(o.Span[k], Is.EqualTo(expected / 4f).Within(1e-5f));
        Assert.That(o.Span[k + 3], Is.EqualTo(alpha / 4f).Within(1e-6f));
        Assert.That(o.Span[o.IndexOf(4, 4)], Is.EqualTo(4f), "the source pixel itself is copied");
    }

    [Test]
    public void ATransparentImageStaysBlack()
    {
        var src = new SourceOperation(Rect.FromSize(12, 12), Enumerable.Range(0, 12 * 12 * 4).Select(i => i % 4 == 3 ? 0f : 5f).ToArray());
        var op = OperationRunner.Prepare(new SunBeamsOperation(0.3f, 0.6f, 1f), src);
        using var o = OperationRunner.Run(op, src, Rect.FromSize(12, 12));
        for (int y = 0; y < 12; y++)
            for (int x = 0; x < 12; x++)
                // Pixels within one pixel of the source (truncated offsets of zero) copy the source pixel.
                if (!((int)(x - 3.6f) == 0 && (int)(y - 7.2f) == 0)) Assert.That(o.Span[o.IndexOf(x, y)], Is.EqualTo(0f), $"({x},{y}): samples are weighted by their alpha");
    }
}

public class InpaintOperationTests
{
    [Test]
    public void FillsTransparentPixelsNearestFirstUpToTheDistance()
    {
        // One row: opaque 1, then three transparent pixels, distance 2.
        float[] image = [1f, 2f, 3f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f];
        var m = new int[4];
        InpaintOperation.Inpaint(image, m, 4, 1, 2);
        Assert.That(m, Is.EqualTo(new[] { 0, 1, 2, 3 }), "Manhattan distances");
        // Pixel 1: its only nearer neighbours are pixel 0 (weight 1) and, clamped, pixel 0 again through the
        // rows above and below (diagonals 1/√2 and verticals clamp onto row 0: pixel 0 twice more diagonally).
        Assert.That(image.AsSpan(4, 4).ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 1f }).Within(1e-6f));
        Assert.That(image.AsSpan(8, 4).ToArray(), Is.EqualTo(new[] { 1f, 2f, 3f, 1f }).Within(1e-6f));
        Assert.That(image.AsSpan(12, 4).ToArray(), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }), "beyond the distance: untouched");
    }

    [Test]
    public void BlendsTheFillUnderPartlyTransparentPixelsAndWeighsDiagonalsByInverseSqrt2()
    {
        // 3×3: centre transparent-ish (alpha 0.5, red 1); corners opaque value 1, edges opaque value 0.
        var image = new float[9 * 4];
        for (int i = 0; i < 9; i++)
        {
            int x = i % 3, y = i / 3;
            bool corner = x != 1 && y != 1;
            image[i * 4] = corner ? 1f : 0f;
            image[i * 4 + 3] = 1f;
        }

        image[4 * 4] = 1f;
        image[4 * 4 + 3] = 0.5f;
        InpaintOperation.Inpaint(image, new int[9], 3, 3, 5);
        float fill = 4f * 0.70710678f / (4f + 4f * 0.70710678f);
        Assert.That(image[4 * 4], Is.EqualTo(fill * 0.5f + 1f * 0.5f).Within(1e-6f));
        Assert.That(image[4 * 4 + 3], Is.EqualTo(1f));
    }

    [Test]
    public void ReadsItsWholeInputAndRunsOnce()
    {
        var src = SourceOperation.Random(Rect.FromSize(9, 7), 2);
        var op = OperationRunner.Prepare(new InpaintOperation(3), src);
        Assert.That(op.GetAreaOfInterest(0, new Rect(1, 1, 2, 2)), Is.EqualTo(Rect.FromSize(9, 7)));
        Assert.That(op.Has(OperationFlags.SingleThreaded), Is.True);
    }
}
