using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class BokehBlurOperationTests
{
    private static float[] Run(NodeOperation op, SourceOperation image, MemoryBuffer bokeh, float[] rest, Rect? area = null)
    {
        var a = area ?? op.Canvas;
        using var img = image.Render(op.GetAreaOfInterest(0, a).Intersect(image.Canvas));
        var inputs = new List<MemoryBuffer> { img, bokeh };
        foreach (var v in rest) inputs.Add(MemoryBuffer.CreateSingleElement(DataType.Value, [v], op.Canvas));
        using var output = MemoryBuffer.Create(DataType.Color, a);
        op.Execute(output, a, inputs.ToArray(), new RenderContext());
        foreach (var b in inputs.Skip(2)) b.Dispose();
        return output.Span.ToArray();
    }

    private static BokehBlurOperation Prepare(SourceOperation src, Rect bokehCanvas, float size, bool extend = false)
    {
        var op = new BokehBlurOperation(extend) { PresetSize = size };
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new FixedCanvasOperation(DataType.Color, bokehCanvas);
        op.Inputs[2].Link = ConstantOperation.Of(1f);
        op.Inputs[3].Link = ConstantOperation.Of(size);
        new CanvasResolver().Resolve(op, src.Canvas);
        op.InitializeExecution(new RenderContext());
        return op;
    }

    [Test]
    public void AWhiteApertureAveragesTheWindowClippedToTheCanvasAndTheAperture()
    {
        // 10 x 4 canvas, size 20 -> radius 2: window x - 2 ... x + 1; the 8 x 8 aperture is looked up at
        // 4 - 2d, so offset -2 falls on column 8, outside it: offsets -1 ... 1 remain.
        var src = SourceOperation.Random(Rect.FromSize(10, 4), 1);
        var op = Prepare(src, Rect.FromSize(8, 8), 20f);
        Assert.That(op.Radius, Is.EqualTo(2));
        using var bokeh = MemoryBuffer.CreateSingleElement(DataType.Color, [1f, 1f, 1f, 1f], Rect.FromSize(8, 8));
        var o = Run(op, src, bokeh, [1f, 20f]);
        double sum = 0;
        int n = 0;
        for (int y = 0; y < 2; y++)
            for (int x = 4; x < 7; x++) { sum += src.Pixel(x, y, 0); n++; }
        Assert.That(o[(0 * 10 + 5) * 4], Is.EqualTo((float)(sum / n)).Within(1e-5f));
    }

    [Test]
    public void TheApertureWeighsEachChannelAndZeroBoundingBoxKeepsThePixel()
    {
        var src = SourceOperation.Random(Rect.FromSize(10, 4), 2);
        var op = Prepare(src, Rect.FromSize(8, 8), 20f);
        // A bokeh image lit only at its centre pixel (4,4): m = 4 / 2 = 2, so offset (0,0) maps there and the others
        // map to 4 - 2d: offsets -2..1 give columns 8 (outside), 6, 4, 2.
        var bk = new float[8 * 8 * 4];
        bk[(4 * 8 + 4) * 4] = 1f; bk[(4 * 8 + 4) * 4 + 1] = 1f; bk[(4 * 8 + 4) * 4 + 2] = 1f; bk[(4 * 8 + 4) * 4 + 3] = 1f;
        using var bokeh = MemoryBuffer.Wrap(DataType.Color, Rect.FromSize(8, 8), bk);
        var o = Run(op, src, bokeh, [1f, 20f]);
        Assert.That(o[(1 * 10 + 5) * 4 + 2], Is.EqualTo(src.Pixel(5, 1, 2)).Within(1e-6f));
        var kept = Run(op, src, bokeh, [0f, 20f]);
        Assert.That(kept[(2 * 10 + 7) * 4 + 1], Is.EqualTo(src.Pixel(7, 2, 1)));
    }

    [Test]
    public void ExtendedBoundsGrowTheCanvasAndTheRadiusFollowsIt()
    {
        var src = SourceOperation.Random(Rect.FromSize(100, 50), 3);
        var op = Prepare(src, Rect.FromSize(512, 512), 3f, extend: true);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(106, 56)));
        Assert.That(op.Radius, Is.EqualTo(3));
        Assert.That(op.GetAreaOfInterest(0, new Rect(10, 10, 20, 20)), Is.EqualTo(new Rect(7, 7, 23, 23)));
        Assert.That(op.GetAreaOfInterest(1, new Rect(10, 10, 20, 20)), Is.EqualTo(Rect.FromSize(512, 512)));
        Assert.That(op.GetAreaOfInterest(2, new Rect(10, 10, 20, 20)), Is.EqualTo(new Rect(10, 10, 20, 20)));
    }
}

public class VariableSizeBokehBlurOperationTests
{
    private static float[] Run(VariableSizeBokehBlurOperation op, SourceOperation src, float[] sizes, RenderQuality quality = RenderQuality.High)
    {
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new FixedCanvasOperation(DataType.Color, Rect.FromSize(512, 512));
        op.Inputs[2].Link = new SourceOperation(src.Canvas, sizes, DataType.Value);
        new CanvasResolver().Resolve(op, src.Canvas);
        op.InitializeExecution(new RenderContext { Quality = quality });
        using var img = src.Render(src.Canvas);
        using var size = MemoryBuffer.Wrap(DataType.Value, src.Canvas, sizes);
        using var bokeh = MemoryBuffer.CreateSingleElement(DataType.Color, [1f, 1f, 1f, 1f], Rect.FromSize(512, 512));
        using var output = MemoryBuffer.Create(DataType.Color, src.Canvas);
        op.Execute(output, src.Canvas, [img, bokeh, size], new RenderContext());
        return output.Span.ToArray();
    }

    [Test]
    public void NeighboursCountWhenTheirRadiusLimitedToTheCentresExceedsTheirDistance()
    {
        var src = SourceOperation.Random(Rect.FromSize(7, 1), 4);
        // Centre x = 3 has radius 1.5: neighbours at distance 1 count if their own radius exceeds 1.
        float[] sizes = [0f, 0f, 1.2f, 1.5f, 0.9f, 5f, 5f];
        var o = Run(new VariableSizeBokehBlurOperation(10f, 0f, scaleSize: false), src, sizes);
        float expected = (src.Pixel(3, 0, 0) + src.Pixel(2, 0, 0)) / 2f;
        Assert.That(o[3 * 4], Is.EqualTo(expected).Within(1e-6f));
        // A radius of zero keeps the pixel.
        Assert.That(o[0], Is.EqualTo(src.Pixel(0, 0, 0)));
    }

    [Test]
    public void MaxBlurBoundsTheWindowAndThresholdFadesIn()
    {
        var src = SourceOperation.Random(Rect.FromSize(9, 1), 5);
        float[] sizes = [9f, 9f, 9f, 9f, 9f, 9f, 9f, 9f, 9f];
        var o = Run(new VariableSizeBokehBlurOperation(2f, 0f, scaleSize: false), src, sizes);
        // Window x - 2 ... x + 1 (half open).
        float mean = (src.Pixel(2, 0, 1) + src.Pixel(3, 0, 1) + src.Pixel(4, 0, 1) + src.Pixel(5, 0, 1)) / 4f;
        Assert.That(o[4 * 4 + 1], Is.EqualTo(mean).Within(1e-6f));

        float[] half = [1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f];
        var f = Run(new VariableSizeBokehBlurOperation(4f, 1f, scaleSize: false), src, half);
        // The largest size, 1.5, makes the window [-1, 1): only the left neighbour joins.
        float blurred = (src.Pixel(3, 0, 0) + src.Pixel(4, 0, 0)) / 2f;
        Assert.That(f[4 * 4], Is.EqualTo(0.5f * src.Pixel(4, 0, 0) + 0.5f * blurred).Within(1e-6f));
    }

    [Test]
    public void ScaledSizesArePercentagesOfTheLargerSide()
    {
        var src = SourceOperation.Random(Rect.FromSize(200, 1), 6);
        var sizes = new float[200];
        sizes[100] = 0.75f; // 1.5 pixels
        for (int i = 0; i < 200; i++) if (i != 100) sizes[i] = 10f;
        var o = Run(new VariableSizeBokehBlurOperation(16f, 0f, scaleSize: true), src, sizes);
        float expected = (src.Pixel(99, 0, 0) + src.Pixel(100, 0, 0) + src.Pixel(101, 0, 0)) / 3f;
        Assert.That(o[100 * 4], Is.EqualTo(expected).Within(1e-6f));
    }
}

public class VariableSizeBokehBlurStripTests
{
    [Test]
    public void CanvasSplitsLikeBlendersTwoThreadReference()
    {
        Assert.That(VariableSizeBokehBlurOperation.Strip(new Rect(0, 2, 4, 7), 3), Is.EqualTo((2, 5)));
        Assert.That(VariableSizeBokehBlurOperation.Strip(new Rect(0, 2, 4, 7), 5), Is.EqualTo((5, 7)));
        Assert.That(VariableSizeBokehBlurOperation.Strip(new Rect(0, 0, 4, 1), 0), Is.EqualTo((0, 1)));
    }

    [Test]
    public void EachStripsLargestSizeBoundsItsHalfOpenWindow()
    {
        var canvas = Rect.FromSize(12, 40);
        var src = SourceOperation.Random(canvas, 9);
        var sizes = Enumerable.Repeat(1.5f, 12 * 40).ToArray();
        sizes[39 * 12] = 3.5f; // only the upper strip (rows 20..39, sizes read from row 14) sees it
        var op = new VariableSizeBokehBlurOperation(4f, 0f, scaleSize: false);
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new FixedCanvasOperation(DataType.Color, Rect.FromSize(512, 512));
        op.Inputs[2].Link = new SourceOperation(canvas, sizes, DataType.Value);
        new CanvasResolver().Resolve(op, canvas);
        op.InitializeExecution(new RenderContext());
        Assert.That(op.GetAreaOfInterest(2, new Rect(3, 2, 5, 4)), Is.EqualTo(new Rect(-1, -6, 12, 26)));
        Assert.That(op.GetAreaOfInterest(0, new Rect(3, 2, 5, 4)), Is.EqualTo(new Rect(-1, -2, 9, 8)));

        using var img = src.Render(canvas);
        using var size = MemoryBuffer.Wrap(DataType.Value, canvas, sizes);
        using var bokeh = MemoryBuffer.CreateSingleElement(DataType.Color, [1f, 1f, 1f, 1f], Rect.FromSize(512, 512));
        using var output = MemoryBuffer.Create(DataType.Color, canvas);
        op.Execute(output, canvas, [img, bokeh, size], new RenderContext());

        // Lower strip: largest size 1.5 -> window [-1, 1): the pixel, its left, lower and lower-left neighbours.
        float lower = (src.Pixel(4, 4, 0) + src.Pixel(5, 4, 0) + src.Pixel(4, 5, 0) + src.Pixel(5, 5, 0)) / 4f;
        Assert.That(output.Span[output.IndexOf(5, 5)], Is.EqualTo(lower).Within(1e-6f));
        // Upper strip: window 3, so the radius 1.5 decides: the 3 x 3 neighbourhood.
        float upper = 0;
        for (int y = 29; y <= 31; y++) for (int x = 4; x <= 6; x++) upper += src.Pixel(x, y, 0);
        Assert.That(output.Span[output.IndexOf(5, 30)], Is.EqualTo(upper / 9f).Within(1e-6f));
    }
}

public class DefocusTests
{
    [Test]
    public void DepthToRadiusUsesTheDefaultCamera()
    {
        var z = new SourceOperation(Rect.FromSize(4, 2), [0f, 10f, 5f, 1000f, 2f, 20f, 10.5f, 1f], DataType.Value);
        var op = OperationRunner.Prepare(new ConvertDepthToRadiusOperation(128f, 16f), z);
        var o = OperationRunner.Run(op, z, z.Canvas);
        var (aperture, dofSp) = ConvertDepthToRadiusOperation.Camera(4, 2, 128f);
        Assert.That(aperture, Is.EqualTo(0.5f * (50f / (0.5f * 36f)) / 128f).Within(1e-7f));
        Assert.That(dofSp, Is.EqualTo(2f / 0.36f).Within(1e-4f));
        Assert.That(o.Span[0], Is.EqualTo(0f));
        Assert.That(o.Span[1], Is.EqualTo(0.5f * aperture).Within(1e-6f)); // in focus: |−1| / 2 · aperture
        Assert.That(o.Span[2], Is.EqualTo(0.5f * MathF.Abs(aperture * (dofSp * (0.1f - 0.2f) - 1f))).Within(1e-6f));
    }

    [Test]
    public void ValueBlurKeepsTheSmallerRadius()
    {
        var src = new SourceOperation(Rect.FromSize(8, 8), Enumerable.Range(0, 64).Select(i => i == 27 ? 0f : 5f).ToArray(), DataType.Value);
        var op = OperationRunner.Prepare(new FastGaussianBlurValueOperation(2f, 3f), src);
        Assert.That(op.Sigma, Is.EqualTo(3f));
        var o = OperationRunner.Run(op, src, src.Canvas);
        Assert.That(o.Span[27], Is.EqualTo(0f));
        Assert.That(o.Span[28], Is.LessThan(5f));
        Assert.That(o.Span.ToArray().Max(), Is.LessThanOrEqualTo(5f));
        Assert.That(op.GetAreaOfInterest(0, new Rect(1, 1, 2, 2)), Is.EqualTo(src.Canvas));
    }

    [Test]
    public void BokehTypesMapToBlades()
    {
        Assert.That(DefocusNode.Aperture("HEXAGON"), Is.EqualTo((6, 0f)));
        Assert.That(DefocusNode.Aperture("TRIANGLE"), Is.EqualTo((3, 0f)));
        Assert.That(DefocusNode.Aperture("CIRCLE"), Is.EqualTo((5, 1f)));
    }
}
