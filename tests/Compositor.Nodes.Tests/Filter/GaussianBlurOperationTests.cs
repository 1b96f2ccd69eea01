using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class GaussianBlurOperationTests
{
    private static BlurSettings Settings(BlurFilterType type, int sx, int sy) => new() { Filter = type, SizeX = sx, SizeY = sy };

    /// <summary>Blender's separable pass, pixel by pixel: taps clipped to the canvas, weights renormalized.</summary>
    private static float[] Reference(SourceOperation src, BlurAxis axis, float[] kernel, int step)
    {
        var c = src.Canvas;
        int fs = kernel.Length / 2;
        var result = new float[c.Area * 4];
        for (int y = c.YMin; y < c.YMax; y++)
            for (int x = c.XMin; x < c.XMax; x++)
            {
                int coord = axis == BlurAxis.X ? x : y;
                int lo = axis == BlurAxis.X ? c.XMin : c.YMin, hi = axis == BlurAxis.X ? c.XMax : c.YMax;
                int kmin = Math.Max(coord - fs, lo), kmax = Math.Min(coord + fs + 1, hi);
                var acc = new float[4];
                float sum = 0;
                for (int k = kmin; k < kmax; k += step)
                {
                    float w = kernel[k - coord + fs];
                    sum += w;
                    for (int ch = 0; ch < 4; ch++)
                        acc[ch] += w * (axis == BlurAxis.X ? src.Pixel(k, y, ch) : src.Pixel(x, k, ch));
                }

                for (int ch = 0; ch < 4; ch++) result[((y - c.YMin) * c.Width + x - c.XMin) * 4 + ch] = acc[ch] / sum;
            }

        return result;
    }

    [Test]
    public void ASingleBrightPixelSpreadsAsTheKernel([Values] BlurAxis axis)
    {
        // A 33-pixel line with the spike in the middle: no output within the kernel's reach is renormalized.
        var canvas = axis == BlurAxis.X ? Rect.FromSize(33, 1) : Rect.FromSize(1, 33);
        var pixels = new float[33 * 4];
        pixels[16 * 4 + 0] = 1f;
        pixels[16 * 4 + 3] = 1f;
        var src = new SourceOperation(canvas, pixels);
        var op = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 6, 6), axis) { PresetSize = 1f }, src);
        var kernel = BlurFilter.Kernel(BlurFilterType.Gauss, 6f, 6);
        var o = OperationRunner.Run(op, src, canvas);
        for (int i = 4; i < 29; i++)
        {
            float expected = Math.Abs(i - 16) <= 6 ? kernel[i - 16 + 6] : 0f;
            int x = axis == BlurAxis.X ? i : 0, y = axis == BlurAxis.X ? 0 : i;
            Assert.That(o.Span[o.IndexOf(x, y)], Is.EqualTo(expected).Within(1e-6f), $"pixel {i}");
            Assert.That(o.Span[o.IndexOf(x, y) + 3], Is.EqualTo(expected).Within(1e-6f));
        }
    }

    [Test]
    public void TapsBeyondTheCanvasAreDroppedAndTheRestRenormalized()
    {
        var pixels = new float[5 * 4];
        for (int x = 0; x < 5; x++) pixels[x * 4] = x * 10;
        var src = new SourceOperation(Rect.FromSize(5, 1), pixels);
        var op = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Flat, 2, 0), BlurAxis.X) { PresetSize = 1f }, src);
        var o = OperationRunner.Run(op, src, Rect.FromSize(5, 1));
        Assert.That(o.Span[o.IndexOf(0, 0)], Is.EqualTo(10f).Within(1e-5f)); // (0 + 10 + 20) / 3
        Assert.That(o.Span[o.IndexOf(1, 0)], Is.EqualTo(15f).Within(1e-5f)); // (0..30) / 4
        Assert.That(o.Span[o.IndexOf(2, 0)], Is.EqualTo(20f).Within(1e-5f));
    }

    [Test]
    public void MatchesThePixelByPixelDefinition(
        [Values] BlurAxis axis,
        [Values(BlurFilterType.Gauss, BlurFilterType.Mitch, BlurFilterType.Flat)] BlurFilterType type,
        [Values(RenderQuality.High, RenderQuality.Medium, RenderQuality.Low)] RenderQuality quality)
    {
        var canvas = new Rect(3, -2, 40, 21);
        var src = SourceOperation.Random(canvas, 7);
        var op = OperationRunner.Prepare(new GaussianBlurOperation(Settings(type, 5, 4), axis) { PresetSize = 1.5f }, src, quality);
        var expected = Reference(src, axis, op.Kernel.ToArray(), BlurOperationBase.QualityStep(quality));
        var o = OperationRunner.Run(op, src, canvas);
        Assert.That(o.Span.ToArray(), Is.EqualTo(expected).Within(2e-6f));
    }

    [Test]
    public void PartialAreasMatchTheWholeImage([Values] BlurAxis axis)
    {
        var canvas = Rect.FromSize(30, 30);
        var src = SourceOperation.Random(canvas, 11);
        var op = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 4, 4), axis) { PresetSize = 1f }, src);
        var whole = OperationRunner.Run(op, src, canvas);
        var part = new Rect(2, 7, 13, 9);
        var o = OperationRunner.Run(op, src, part);
        for (int y = part.YMin; y < part.YMax; y++)
            Assert.That(o.GetRow(y, part.XMin, part.Width).ToArray(), Is.EqualTo(whole.GetRow(y, part.XMin, part.Width).ToArray()).Within(1e-6f));
    }

    [Test]
    public void AreaOfInterestGrowsAlongTheAxisOnly()
    {
        var src = SourceOperation.Random(Rect.FromSize(50, 50), 1);
        var x = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 10, 3), BlurAxis.X) { PresetSize = 1f }, src);
        var y = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 10, 3), BlurAxis.Y) { PresetSize = 1f }, src);
        Assert.That(x.FilterSize, Is.EqualTo(10));
        Assert.That(x.GetAreaOfInterest(0, new Rect(20, 20, 30, 25)), Is.EqualTo(new Rect(9, 20, 41, 25)));
        Assert.That(y.GetAreaOfInterest(0, new Rect(20, 20, 30, 25)), Is.EqualTo(new Rect(20, 16, 30, 29)));
        Assert.That(x.GetAreaOfInterest(1, new Rect(20, 20, 30, 25)), Is.EqualTo(Rect.Empty), "the size is a constant");
    }

    [Test]
    public void AreaOfInterestIsKnownBeforeInitialization()
    {
        var src = SourceOperation.Random(Rect.FromSize(50, 50), 1);
        var op = new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 4, 4), BlurAxis.Y) { PresetSize = 1f };
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = ConstantOperation.Of(1f);
        new CanvasResolver().Resolve(op, src.Canvas);
        Assert.That(op.GetAreaOfInterest(0, new Rect(0, 10, 5, 11)), Is.EqualTo(new Rect(0, 5, 5, 16)));
    }

    [Test]
    public void SizeComesFromThePresetElseAConstantInputElseOne()
    {
        var src = SourceOperation.Random(Rect.FromSize(50, 50), 1);
        var preset = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 10, 10), BlurAxis.X) { PresetSize = 2f }, src, RenderQuality.High, 0.5f);
        Assert.That(preset.FilterSize, Is.EqualTo(20));
        var linked = OperationRunner.Prepare(new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 10, 10), BlurAxis.X), src, RenderQuality.High, 0.35f);
        Assert.That(linked.FilterSize, Is.EqualTo(4)); // ceil(3.5)
        var varying = new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 10, 10), BlurAxis.X);
        varying.Inputs[0].Link = src;
        varying.Inputs[1].Link = SourceOperation.Random(Rect.FromSize(50, 50), 2);
        new CanvasResolver().Resolve(varying, src.Canvas);
        varying.InitializeExecution(new RenderContext());
        Assert.That(varying.FilterSize, Is.EqualTo(10));
    }

    [Test]
    public void RelativeSizesArePercentagesOfTheCanvas()
    {
        var src = SourceOperation.Random(Rect.FromSize(240, 160), 1);
        var s = new BlurSettings { Filter = BlurFilterType.Gauss, Relative = true, FactorX = 3f, FactorY = 1.5f };
        var x = OperationRunner.Prepare(new GaussianBlurOperation(s, BlurAxis.X) { PresetSize = 1f }, src);
        var y = OperationRunner.Prepare(new GaussianBlurOperation(s, BlurAxis.Y) { PresetSize = 1f }, src);
        Assert.That(x.FilterSize, Is.EqualTo(7)); // round(7.2)
        Assert.That(y.FilterSize, Is.EqualTo(2)); // round(2.4)
        var aspect = OperationRunner.Prepare(new GaussianBlurOperation(s with { Aspect = BlurAspect.Y }, BlurAxis.Y) { PresetSize = 1f }, src);
        Assert.That(aspect.FilterSize, Is.EqualTo(4)); // 1.5 % of the width 240 = 3.6
    }

    [Test]
    public void ExtendedBoundsGrowTheCanvas()
    {
        var src = SourceOperation.Random(Rect.FromSize(20, 10), 1);
        var s = Settings(BlurFilterType.Gauss, 3, 2) with { ExtendBounds = true };
        var op = new GaussianBlurOperation(s, BlurAxis.X) { PresetSize = 1f };
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = ConstantOperation.Of(1f);
        new CanvasResolver().Resolve(op, src.Canvas);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(26, 14)));
        Assert.That(BlurOperationBase.RoundToEven(7f), Is.EqualTo(8));
        Assert.That(BlurOperationBase.RoundToEven(5f), Is.EqualTo(6));
        Assert.That(BlurOperationBase.RoundToEven(4.9f), Is.EqualTo(4));
    }

    [Test]
    public void AConstantImageStaysConstant()
    {
        var op = new GaussianBlurOperation(Settings(BlurFilterType.Gauss, 3, 3), BlurAxis.Y) { PresetSize = 1f };
        op.Inputs[0].Link = new ConstantOperation(DataType.Color, [0.2f, 0.4f, 0.6f, 1f]);
        op.Inputs[1].Link = ConstantOperation.Of(1f);
        op.Canvas = Rect.FromSize(4, 4);
        op.InitializeExecution(new RenderContext());
        var o = MemoryBuffer.Create(DataType.Color, Rect.FromSize(4, 4));
        op.Execute(o, Rect.FromSize(4, 4), [MemoryBuffer.CreateSingleElement(DataType.Color, [0.2f, 0.4f, 0.6f, 1f], Rect.FromSize(4, 4)), MemoryBuffer.CreateSingleElement(DataType.Value, [1f], Rect.FromSize(4, 4))], new RenderContext());
        Assert.That(o.Span.Slice(o.IndexOf(3, 2), 4).ToArray(), Is.EqualTo(new[] { 0.2f, 0.4f, 0.6f, 1f }));
    }
}
