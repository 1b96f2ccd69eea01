using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

/// <summary>
/// The feather pass's eight-pixels-at-a-time path against the pixel-by-pixel definition, on a real
/// green-screen matte, at odd widths, offset canvases, every quality step and tiles.
/// </summary>
public class GaussianAlphaBlurOperationTests
{
    /// <summary>Blender's alpha blur of one value: the renormalized mean blended with the closeness-weighted maximum.</summary>
    private static float Reference(SourceOperation src, BlurAxis axis, bool subtract, float[] kernel, float[] close, int step, int x, int y)
    {
        var c = src.Canvas;
        int fs = kernel.Length / 2, coord = axis == BlurAxis.X ? x : y;
        int lo = axis == BlurAxis.X ? c.XMin : c.YMin, hi = axis == BlurAxis.X ? c.XMax : c.YMax;
        float Value(float v) => subtract ? 1f - v : v;
        float valueMax = Value(src.Pixel(x, y, 0)), closeMax = 1f, acc = 0f, sum = 0f;
        for (int k = Math.Max(coord - fs, lo); k < Math.Min(coord + fs + 1, hi); k += step)
        {
            int t = k - coord + fs;
            float v = Value(axis == BlurAxis.X ? src.Pixel(k, y, 0) : src.Pixel(x, k, 0));
            acc += v * kernel[t];
            sum += kernel[t];
            float weighted = v * close[t];
            if (v > valueMax && weighted > valueMax)
            {
                valueMax = weighted;
                closeMax = close[t];
            }
        }

        return Value(valueMax * closeMax + acc / sum * (1f - closeMax));
    }

    private static SourceOperation Matte(Rect canvas) => ConformanceImages.GreenScreenMatteSource(canvas, 3, 7);

    private static GaussianAlphaBlurOperation Prepare(SourceOperation src, int size, BlurAxis axis, bool subtract, RenderQuality quality, FeatherFalloff falloff = FeatherFalloff.Smooth) =>
        OperationRunner.Prepare(new GaussianAlphaBlurOperation(new BlurSettings { Filter = BlurFilterType.Gauss, SizeX = size, SizeY = size }, axis, subtract, falloff), src, quality);

    private static readonly Rect[] Canvases = [Rect.FromSize(240, 160), new Rect(3, -2, 40, 31), new Rect(-7, 5, 94, 60), new Rect(0, 0, 9, 12)];

    [Test]
    public void EqualsThePixelByPixelDefinition(
        [Values] BlurAxis axis, [Values] bool subtract, [Values(1, 3, 6)] int size, [Values(0, 1, 2, 3)] int shape,
        [Values(RenderQuality.High, RenderQuality.Medium, RenderQuality.Low)] RenderQuality quality)
    {
        var canvas = Canvases[shape];
        var src = Matte(canvas);
        var op = Prepare(src, size, axis, subtract, quality);
        var kernel = BlurFilter.Kernel(BlurFilterType.Gauss, size, size);
        var close = GaussianAlphaBlurOperation.Closeness(FeatherFalloff.Smooth, size, size);
        var o = OperationRunner.Run(op, src, canvas);
        for (int y = canvas.YMin; y < canvas.YMax; y++)
            for (int x = canvas.XMin; x < canvas.XMax; x++)
                Assert.That(o.Span[o.IndexOf(x, y)], Is.EqualTo(Reference(src, axis, subtract, kernel, close, BlurOperationBase.QualityStep(quality), x, y)), $"pixel ({x}, {y})");
    }

    [Test]
    public void TilesEqualTheWholeFrame([Values] BlurAxis axis, [Values] bool subtract, [Values(FeatherFalloff.Smooth, FeatherFalloff.Sphere)] FeatherFalloff falloff)
    {
        var canvas = new Rect(1, -3, 201, 137);
        var src = Matte(canvas);
        var op = Prepare(src, 4, axis, subtract, RenderQuality.High, falloff);
        ConformanceImages.AssertTilesEqualWholeFrame(op, src, canvas);
    }
}
