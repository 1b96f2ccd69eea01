using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

/// <summary>
/// The vectorized gather of <see cref="VariableSizeBokehBlurOperation"/> (<see cref="BokehGather"/>)
/// against its per-neighbour loop: same bits, on a conformance photo with a varying radius map that
/// includes NaN, infinite and negative sizes, infinite pixels, canvas edges, the strip windows, the
/// threshold fade, grey and coloured apertures and an aperture smaller than 512 × 512.
/// </summary>
public class BokehGatherTests
{
    private const int Width = 83;
    private const int Height = 61;

    private static float[] Photo(bool infinity = true)
    {
        var image = ConformanceImages.Read("chelsea_240x160.png");
        var pixels = new float[Width * Height * 4];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width * 4; x++)
                pixels[(y * Width) * 4 + x] = image.Pixels[((y + 30) * image.Width + 50) * 4 + x] * 2.5f - 0.25f;
        // An infinite pixel: neighbours that do not count must not turn it into NaN.
        if (infinity) pixels[(20 * Width + 40) * 4 + 1] = float.PositiveInfinity;
        return pixels;
    }

    private static float[] Sizes(float peak)
    {
        var sizes = new float[Width * Height];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                sizes[y * Width + x] = peak * (0.5f + 0.5f * MathF.Sin(x * 0.13f) * MathF.Cos(y * 0.11f)) + (x * 7 + y * 3) % 5 * 0.1f;
        sizes[10 * Width + 10] = float.NaN;
        sizes[11 * Width + 30] = float.PositiveInfinity;
        sizes[40 * Width + 60] = -3f;
        return sizes;
    }

    /// <summary>A hexagon-like aperture with soft edges; coloured channels differ by a shift.</summary>
    private static float[] Aperture(int width, int height, bool coloured)
    {
        var bokeh = new float[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float dx = (x - 256f) / 250f, dy = (y - 256f) / 250f;
                float d = MathF.Max(MathF.Abs(dx) * 0.866f + MathF.Abs(dy) * 0.5f, MathF.Abs(dy));
                for (int c = 0; c < 4; c++)
                {
                    float edge = coloured ? 1f - 0.05f * c : 1f;
                    bokeh[(y * width + x) * 4 + c] = Math.Clamp((edge - d) * 20f, 0f, 1f);
                }
            }

        return bokeh;
    }

    private static float[] Render(bool scalar, float maxBlur, float threshold, bool scaleSize, float peak, float[] aperture, Rect bokehRect, Rect area, bool infinity = true, bool narrow = false)
    {
        var canvas = Rect.FromSize(Width, Height);
        var src = new SourceOperation(canvas, Photo(infinity));
        var sizes = Sizes(peak);
        var op = new VariableSizeBokehBlurOperation(maxBlur, threshold, scaleSize) { UseScalarPath = scalar, UseNarrowGather = narrow };
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new FixedCanvasOperation(DataType.Color, Rect.FromSize(512, 512));
        op.Inputs[2].Link = new SourceOperation(canvas, sizes, DataType.Value);
        new CanvasResolver().Resolve(op, canvas);
        op.InitializeExecution(new RenderContext());
        using var img = src.Render(canvas);
        using var size = MemoryBuffer.Wrap(DataType.Value, canvas, sizes);
        using var bokeh = MemoryBuffer.Wrap(DataType.Color, bokehRect, aperture);
        using var output = MemoryBuffer.Create(DataType.Color, area);
        op.Execute(output, area, [img, bokeh, size], new RenderContext());
        return output.Span.ToArray();
    }


    [TestCase(24f, 0f, false, 9f, false, TestName = "Grey aperture, max blur beyond every radius")]
    [TestCase(5f, 0f, false, 9f, false, TestName = "Max blur bounds the window")]
    [TestCase(24f, 1.5f, false, 6f, false, TestName = "Threshold fades the small radii in")]
    [TestCase(24f, 0.5f, false, 9f, true, TestName = "Coloured aperture")]
    [TestCase(30f, 0f, true, 8f, false, TestName = "Sizes scaled by the canvas")]
    public void GatherGivesTheBitsOfThePerNeighbourLoop(float maxBlur, float threshold, bool scaleSize, float peak, bool coloured)
    {
        Assume.That(BokehGather.IsSupported, "BokehGather needs AVX2");
        var aperture = Aperture(512, 512, coloured);
        var bokehRect = Rect.FromSize(512, 512);
        var canvas = Rect.FromSize(Width, Height);
        var expected = Render(true, maxBlur, threshold, scaleSize, peak, aperture, bokehRect, canvas);
        var actual = Render(false, maxBlur, threshold, scaleSize, peak, aperture, bokehRect, canvas);
        FloatAssert.SameBits(expected, actual, "per-neighbour", "gather");
        FloatAssert.SameBits(expected, Render(false, maxBlur, threshold, scaleSize, peak, aperture, bokehRect, canvas, narrow: true), "per-neighbour", "8-lane gather");
        // The test is not vacuous: the blur moved most pixels.
        int moved = 0;
        var photo = Photo();
        for (int i = 0; i < photo.Length; i++) if (actual[i] != photo[i]) moved++;
        Assert.That(moved, Is.GreaterThan(photo.Length / 2));
    }

    [Test]
    public void AnAreaAwayFromTheOriginAndASmallApertureGiveTheSameBits()
    {
        Assume.That(BokehGather.IsSupported, "BokehGather needs AVX2");
        // The aperture buffer covers only columns 0..299: lookups past it do not count.
        var bokehRect = new Rect(0, 0, 300, 512);
        var aperture = Aperture(300, 512, coloured: false);
        var area = new Rect(7, 5, 70, 40);
        var expected = Render(true, 24f, 0f, false, 9f, aperture, bokehRect, area);
        var actual = Render(false, 24f, 0f, false, 9f, aperture, bokehRect, area);
        FloatAssert.SameBits(expected, actual, "per-neighbour", "gather");
        FloatAssert.SameBits(expected, Render(false, 24f, 0f, false, 9f, aperture, bokehRect, area, narrow: true), "per-neighbour", "8-lane gather");
    }

    [TestCase(false, TestName = "Grey aperture, finite pixels: neighbours on the clear part are skipped")]
    [TestCase(true, TestName = "Coloured aperture, finite pixels")]
    public void SkippingTheAperturesClearAndSolidPartsKeepsTheBits(bool coloured)
    {
        Assume.That(BokehGather.IsSupported, "BokehGather needs AVX2");
        var aperture = Aperture(512, 512, coloured);
        var bokehRect = Rect.FromSize(512, 512);
        var canvas = Rect.FromSize(Width, Height);
        var expected = Render(true, 24f, 0f, false, 12f, aperture, bokehRect, canvas, infinity: false);
        var actual = Render(false, 24f, 0f, false, 12f, aperture, bokehRect, canvas, infinity: false);
        FloatAssert.SameBits(expected, actual, "per-neighbour", "gather");
        FloatAssert.SameBits(expected, Render(false, 24f, 0f, false, 12f, aperture, bokehRect, canvas, infinity: false, narrow: true), "per-neighbour", "8-lane gather");
    }
}
