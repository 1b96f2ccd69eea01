using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class GaussianBokehBlurOperationTests
{
    [Test]
    public void MatchesThePixelByPixelDefinition([Values(RenderQuality.High, RenderQuality.Medium, RenderQuality.Low)] RenderQuality quality,
        [Values(BlurFilterType.Gauss, BlurFilterType.Tent)] BlurFilterType type)
    {
        var canvas = new Rect(-4, 2, 29, 24);
        var src = SourceOperation.Random(canvas, 5);
        var op = OperationRunner.Prepare(new GaussianBokehBlurOperation(new BlurSettings { Filter = type, SizeX = 4, SizeY = 3 }) { PresetSize = 1.2f }, src, quality);
        int rx = op.RadiusX, ry = op.RadiusY, step = BlurOperationBase.QualityStep(quality);
        Assert.That((rx, ry), Is.EqualTo((5, 4)));
        var k = op.Kernel.ToArray();
        var o = OperationRunner.Run(op, src, canvas);
        for (int y = canvas.YMin; y < canvas.YMax; y++)
            for (int x = canvas.XMin; x < canvas.XMax; x++)
            {
                int ymin = Math.Max(y - ry, canvas.YMin), ymax = Math.Min(y + ry + 1, canvas.YMax);
                int xmin = Math.Max(x - rx, canvas.XMin), xmax = Math.Min(x + rx + 1, canvas.XMax);
                var acc = new float[4];
                float sum = 0;
                for (int ny = ymin; ny < ymax; ny += step)
                    for (int nx = xmin; nx < xmax; nx += step)
                    {
                        float w = k[(ny - y + ry) * (2 * rx + 1) + nx - x + rx];
                        sum += w;
                        for (int c = 0; c < 4; c++) acc[c] += w * src.Pixel(nx, ny, c);
                    }

                for (int c = 0; c < 4; c++)
                    Assert.That(o.Span[o.IndexOf(x, y) + c], Is.EqualTo(acc[c] / sum).Within(2e-6f), $"({x},{y}) channel {c}");
            }
    }

    [Test]
    public void RadiiAreClampedToHalfTheCanvasAndSetTheAreaOfInterest()
    {
        var src = SourceOperation.Random(Rect.FromSize(20, 9), 1);
        var op = OperationRunner.Prepare(new GaussianBokehBlurOperation(new BlurSettings { SizeX = 50, SizeY = 2 }) { PresetSize = 1f }, src);
        Assert.That((op.RadiusX, op.RadiusY), Is.EqualTo((10, 2)));
        Assert.That(op.GetAreaOfInterest(0, new Rect(5, 5, 6, 6)), Is.EqualTo(new Rect(-5, 3, 16, 8)));
        Assert.That(op.Kernel.ToArray().Sum(), Is.EqualTo(1f).Within(1e-5f));
    }
}

public class FastGaussianBlurOperationTests
{
    private static FastGaussianBlurOperation Prepare(SourceOperation src, int sx, int sy, float size = 1f) =>
        OperationRunner.Prepare(new FastGaussianBlurOperation(new BlurSettings { SizeX = sx, SizeY = sy }), src, RenderQuality.High, size);

    [Test]
    public void IsAWholeImageOperationReadingItsWholeCanvas()
    {
        var src = SourceOperation.Random(Rect.FromSize(16, 12), 1);
        var op = Prepare(src, 4, 4);
        Assert.That(op.Has(OperationFlags.SingleThreaded) && op.Has(OperationFlags.Complex), Is.True);
        Assert.That(op.GetAreaOfInterest(0, new Rect(1, 1, 2, 2)), Is.EqualTo(Rect.FromSize(16, 12)));
        Assert.That((op.SigmaX, op.SigmaY), Is.EqualTo((2f, 2f)));
        Assert.That(Prepare(src, 4, 6, 0.5f).SigmaY, Is.EqualTo(1.5f), "sigma = size_y · Size / 2");
    }

    [Test]
    public void AConstantImageStaysConstant()
    {
        var canvas = Rect.FromSize(40, 30);
        var pixels = Enumerable.Range(0, 40 * 30 * 4).Select(i => i % 4 == 3 ? 1f : 0.5f).ToArray();
        var src = new SourceOperation(canvas, pixels);
        var o = OperationRunner.Run(Prepare(src, 12, 8), src, canvas);
        foreach (float v in o.Span.ToArray().Where((_, i) => i % 4 == 0)) Assert.That(v, Is.EqualTo(0.5f).Within(1e-4f));
    }

    [Test]
    public void AnImpulseSpreadsIntoAGaussianOfTheRequestedSigma()
    {
        int n = 101;
        var canvas = Rect.FromSize(n, 1);
        var pixels = new float[n * 4];
        pixels[50 * 4] = 1f;
        var src = new SourceOperation(canvas, pixels);
        var o = OperationRunner.Run(Prepare(src, 10, 0), src, canvas);
        double sum = 0, mean = 0, var = 0;
        for (int x = 0; x < n; x++) sum += o.Span[o.IndexOf(x, 0)];
        for (int x = 0; x < n; x++) mean += x * o.Span[o.IndexOf(x, 0)] / sum;
        for (int x = 0; x < n; x++) var += (x - mean) * (x - mean) * o.Span[o.IndexOf(x, 0)] / sum;
        Assert.That(sum, Is.EqualTo(1.0).Within(1e-3));
        Assert.That(mean, Is.EqualTo(50.0).Within(1e-3));
        Assert.That(Math.Sqrt(var), Is.InRange(4.5, 6.0), "sigma = size / 2 = 5 (the recursive filter widens it a little)");
        Assert.That(o.Span[o.IndexOf(0, 0) + 3], Is.EqualTo(0f).Within(1e-6f), "alpha stays 0");
    }

    [Test]
    public void SmallSigmasAndNarrowImagesAreLeftUnblurred()
    {
        var src = SourceOperation.Random(Rect.FromSize(9, 2), 3);
        var o = OperationRunner.Run(Prepare(src, 0, 20), src, src.Canvas);
        Assert.That(o.Span.ToArray(), Is.EqualTo(src.Render(src.Canvas).Span.ToArray()), "sigma_x 0 and a 2-pixel height: nothing to do");
        var blurred = OperationRunner.Run(Prepare(src, 4, 0), src, src.Canvas);
        Assert.That(blurred.Span.ToArray(), Is.Not.EqualTo(src.Render(src.Canvas).Span.ToArray()));
    }

    [Test]
    public void ColumnsAreBlurredLikeRows()
    {
        var src = SourceOperation.Random(Rect.FromSize(70, 70), 9);
        var transposed = new float[70 * 70 * 4];
        for (int y = 0; y < 70; y++)
            for (int x = 0; x < 70; x++)
                for (int c = 0; c < 4; c++)
                    transposed[(x * 70 + y) * 4 + c] = src.Pixel(x, y, c);
        var srcT = new SourceOperation(Rect.FromSize(70, 70), transposed);
        var a = OperationRunner.Run(Prepare(src, 6, 0), src, src.Canvas);
        var b = OperationRunner.Run(Prepare(srcT, 0, 6), srcT, srcT.Canvas);
        for (int y = 0; y < 70; y += 7)
            for (int x = 0; x < 70; x += 3)
                Assert.That(b.Span[b.IndexOf(y, x) + 1], Is.EqualTo(a.Span[a.IndexOf(x, y) + 1]).Within(1e-6f));
    }
}

public class GammaOperationTests
{
    private static float[] Apply(PixelOperation op, params float[] rgba)
    {
        op.Inputs[0].Link = new ConstantOperation(DataType.Color, rgba);
        var o = MemoryBuffer.Create(DataType.Color, Rect.FromSize(1, 1));
        op.Execute(o, Rect.FromSize(1, 1), [MemoryBuffer.CreateSingleElement(DataType.Color, rgba, Rect.FromSize(1, 1))], new RenderContext());
        return o.Span.ToArray();
    }

    [Test]
    public void CorrectSquaresTheStraightColor()
    {
        Assert.That(Apply(new GammaCorrectOperation(), 0.25f, 0.1f, -0.2f, 0.5f), Is.EqualTo(new[] { 0.125f, 0.02f, 0f, 0.5f }).Within(1e-6f));
        Assert.That(Apply(new GammaCorrectOperation(), 0.5f, 2f, 0f, 0f), Is.EqualTo(new[] { 0.25f, 4f, 0f, 0f }).Within(1e-6f), "alpha 0: no division");
    }

    [Test]
    public void UncorrectTakesTheSquareRootAndUndoesCorrect()
    {
        Assert.That(Apply(new GammaUncorrectOperation(), 0.125f, 0.02f, -1f, 0.5f), Is.EqualTo(new[] { 0.25f, 0.1f, 0f, 0.5f }).Within(1e-6f));
        var once = Apply(new GammaCorrectOperation(), 0.3f, 0.6f, 0.9f, 0.9f);
        Assert.That(Apply(new GammaUncorrectOperation(), once), Is.EqualTo(new[] { 0.3f, 0.6f, 0.9f, 0.9f }).Within(1e-6f));
    }
}
