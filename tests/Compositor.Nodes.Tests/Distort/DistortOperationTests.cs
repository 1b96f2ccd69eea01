using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Nodes.Operations.Distort;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Distort;

/// <summary>The distort operations on small buffers: canvases, mappings, areas of interest.</summary>
public class DistortOperationTests
{
    /// <summary>A source with R = x, G = y, B = 0.5, A = 1 over <paramref name="canvas"/>.</summary>
    private static SourceOperation Gradient(Rect canvas)
    {
        var p = new float[canvas.Area * 4];
        for (int y = 0; y < canvas.Height; y++)
            for (int x = 0; x < canvas.Width; x++)
            {
                int i = (y * canvas.Width + x) * 4;
                p[i] = canvas.XMin + x;
                p[i + 1] = canvas.YMin + y;
                p[i + 2] = 0.5f;
                p[i + 3] = 1f;
            }

        return new SourceOperation(canvas, p);
    }

    private static float[] Pixel(MemoryBuffer b, int x, int y) => b.Span.Slice(b.IndexOf(x, y), b.Channels).ToArray();

    /// <summary>The operation gives the same pixels from an input covering only its area of interest as from the whole input.</summary>
    private static void AreaOfInterestSuffices(NodeOperation op, SourceOperation source, Rect area)
    {
        using var fromAoi = OperationRunner.Run(op, source, area);
        using var fromAll = OperationRunner.Run(op, source, area, source.Canvas);
        FloatAssert.AllClose(fromAoi.Span, fromAll.Span, 0f, $"{op.GetType().Name} over {area}");
    }

    [Test]
    public void TranslateMovesTheCanvasByTruncatedOffsets()
    {
        var src = Gradient(Rect.FromSize(6, 4));
        var op = OperationRunner.Prepare(new TranslateCanvasOperation(), src, RenderQuality.High, 3.7f, -2.9f);
        Assert.That(op.Canvas, Is.EqualTo(new Rect(3, -2, 9, 2)));
        using var o = OperationRunner.Run(op, src, op.Canvas);
        Assert.That(Pixel(o, 3, -2), Is.EqualTo(new[] { 0f, 0f, 0.5f, 1f }));
        Assert.That(Pixel(o, 8, 1), Is.EqualTo(new[] { 5f, 3f, 0.5f, 1f }));
        Assert.That(op.GetAreaOfInterest(0, new Rect(4, -1, 6, 1)), Is.EqualTo(new Rect(1, 1, 3, 3)));
    }

    [Test]
    public void TranslateRelativeUsesItsFactors()
    {
        var src = Gradient(Rect.FromSize(6, 4));
        var op = OperationRunner.Prepare(new TranslateCanvasOperation(factorX: 20f, factorY: 10f), src, RenderQuality.High, 0.25f, 0.5f);
        Assert.That(op.Canvas, Is.EqualTo(new Rect(5, 5, 11, 9)));
    }

    [Test]
    public void TranslateWrapKeepsTheCanvasAndWraps()
    {
        var src = Gradient(Rect.FromSize(6, 4));
        var op = OperationRunner.Prepare(new TranslateCanvasOperation(wrapX: true), src, RenderQuality.High, 2f, 1f);
        Assert.That(op.Canvas, Is.EqualTo(new Rect(0, 1, 6, 5)), "x wraps in place, y moves the canvas");
        using var o = OperationRunner.Run(op, src, op.Canvas);
        Assert.That(Pixel(o, 0, 1)[0], Is.EqualTo(4f));
        Assert.That(Pixel(o, 1, 1)[0], Is.EqualTo(5f));
        Assert.That(Pixel(o, 2, 1)[0], Is.EqualTo(0f));
        Assert.That(Pixel(o, 2, 4)[1], Is.EqualTo(3f));
        AreaOfInterestSuffices(op, src, new Rect(0, 2, 2, 3));
        Assert.That(op.GetAreaOfInterest(0, new Rect(0, 1, 2, 2)), Is.EqualTo(new Rect(4, 0, 6, 1)), "x 0..1 reads 4..5");
    }

    [TestCase(-3, 0, 0, 6, 3, 6)]
    [TestCase(-3, 2, 0, 6, 0, 6)]
    [TestCase(4, 6, 0, 6, 4, 6)]
    [TestCase(5, 8, 0, 6, 0, 6)]
    [TestCase(-1, 9, 0, 6, 0, 6)]
    public void WrappedSpanIsTheSmallestCoveringSpan(int min, int max, int cmin, int cmax, int emin, int emax) =>
        Assert.That(TranslateCanvasOperation.WrappedSpan(min, max, cmin, cmax), Is.EqualTo((emin, emax)));

    [Test]
    public void RotateCanvasAndMappingMatchBlender()
    {
        var src = Gradient(Rect.FromSize(240, 160));
        var op = OperationRunner.Prepare(new RotateOperation(Interpolation.Bilinear), src, RenderQuality.High, 0.5236f);
        // Bounds (-25, -50)..(264, 210) moved back by (24, 50) (half the size change, truncated).
        Assert.That(op.Canvas, Is.EqualTo(new Rect(-1, 0, 288, 260)));
        using var o = OperationRunner.Run(op, src, new Rect(144, 130, 146, 131));
        // Blender 3.4 reads (119.750, 79.933) here (the composite's centre pixel, measured with a coordinate image).
        Assert.That(Pixel(o, 144, 130)[0], Is.EqualTo(119.75f).Within(2e-3f));
        Assert.That(Pixel(o, 144, 130)[1], Is.EqualTo(79.933f).Within(2e-3f));
        Assert.That(Pixel(o, 145, 130)[0] - Pixel(o, 144, 130)[0], Is.EqualTo(MathF.Cos(0.5236f)).Within(1e-4f));
    }

    [TestCase(Interpolation.Nearest)]
    [TestCase(Interpolation.Bilinear)]
    [TestCase(Interpolation.Bicubic)]
    public void RotateAreaOfInterestCoversItsSamples(Interpolation interpolation)
    {
        var src = Gradient(Rect.FromSize(20, 12));
        var op = OperationRunner.Prepare(new RotateOperation(interpolation), src, RenderQuality.High, 0.4f);
        AreaOfInterestSuffices(op, src, new Rect(3, 2, 9, 7));
        AreaOfInterestSuffices(op, src, op.Canvas);
    }

    [Test]
    public void RotateBicubicSamplesAsBilinear()
    {
        var src = Gradient(Rect.FromSize(20, 12));
        var cubic = OperationRunner.Prepare(new RotateOperation(Interpolation.Bicubic), src, RenderQuality.High, 0.4f);
        var linear = OperationRunner.Prepare(new RotateOperation(Interpolation.Bilinear), src, RenderQuality.High, 0.4f);
        using var a = OperationRunner.Run(cubic, src, cubic.Canvas);
        using var b = OperationRunner.Run(linear, src, linear.Canvas);
        FloatAssert.AllClose(a.Span, b.Span, 0f, "bicubic vs bilinear");
        Assert.That(cubic.GetAreaOfInterest(0, new Rect(3, 2, 9, 7)), Is.EqualTo(linear.GetAreaOfInterest(0, new Rect(3, 2, 9, 7))));
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void FlipMirrorsInPlace(bool flipX, bool flipY)
    {
        var src = Gradient(Rect.FromSize(5, 3));
        var op = OperationRunner.Prepare(new FlipOperation(flipX, flipY), src);
        Assert.That(op.Canvas, Is.EqualTo(src.Canvas));
        using var o = OperationRunner.Run(op, src, new Rect(1, 0, 3, 2));
        Assert.That(Pixel(o, 1, 0)[..2], Is.EqualTo(new[] { flipX ? 3f : 1f, flipY ? 2f : 0f }));
        Assert.That(Pixel(o, 2, 1)[..2], Is.EqualTo(new[] { flipX ? 2f : 2f, flipY ? 1f : 1f }));
        var aoi = op.GetAreaOfInterest(0, new Rect(0, 0, 2, 1));
        Assert.That(aoi, Is.EqualTo(new Rect(flipX ? 3 : 0, flipY ? 2 : 0, flipX ? 5 : 2, flipY ? 3 : 1)));
    }

    [Test]
    public void CropBoundsClampSwapAndTruncate()
    {
        Assert.That(new CropSettings(40, 300, 200, 20, 0, 0, 0, 0, false).Bounds(240, 160), Is.EqualTo((40, 20, 240, 160)));
        Assert.That(new CropSettings(90, 10, 5, 30, 0, 0, 0, 0, false).Bounds(240, 160), Is.EqualTo((10, 5, 90, 30)));
        Assert.That(new CropSettings(0, 0, 0, 0, 0.1f, 0.7f, 0.9f, 0.2f, true).Bounds(240, 160), Is.EqualTo((24, 32, 168, 144)));
        Assert.That(new CropSettings(0, 0, 0, 0, 0.33f, 0.5f, 0.5f, 0f, true).Bounds(10, 10), Is.EqualTo((3, 0, 5, 5)), "factors truncate");
        Assert.That(new CropSettings(1, 2, 3, 4, 0, 0, 0, 0, false).Bounds(0, 5), Is.EqualTo((0, 0, 0, 0)));
    }

    [Test]
    public void CropKeepsTheSizeAndClearsOutside()
    {
        var src = Gradient(Rect.FromSize(6, 4));
        var op = OperationRunner.Prepare(new CropOperation(new CropSettings(1, 4, 3, 2, 0, 0, 0, 0, false)), src);
        Assert.That(op.Canvas, Is.EqualTo(src.Canvas));
        using var o = OperationRunner.Run(op, src, op.Canvas);
        Assert.That(Pixel(o, 1, 2), Is.EqualTo(new[] { 1f, 2f, 0.5f, 1f }));
        Assert.That(Pixel(o, 3, 2)[0], Is.EqualTo(3f));
        Assert.That(Pixel(o, 4, 2), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }));
        Assert.That(Pixel(o, 1, 3), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }));
        Assert.That(Pixel(o, 0, 2), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }));
        // A constant is cropped like an image, not folded.
        var crop = new CropOperation(new CropSettings(0, 2, 1, 0, 0, 0, 0, 0, false));
        crop.Inputs[0].Link = new ConstantOperation(DataType.Color, [1f, 1f, 1f, 1f]);
        new CanvasResolver().Resolve(crop, Rect.FromSize(4, 2));
        Assert.That(crop.Has(OperationFlags.CanBeConstant), Is.False);
        var constantRow = OpRunner.Run(crop, 4, 2, OpRunner.Constant(DataType.Color, 1, 1, 1, 1));
        Assert.That(constantRow, Is.EqualTo(new[] { 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f }));
    }

    [Test]
    public void CropImageShrinksTheCanvas()
    {
        var src = Gradient(Rect.FromSize(6, 4));
        var op = OperationRunner.Prepare(new CropImageOperation(new CropSettings(1, 4, 3, 2, 0, 0, 0, 0, false)), src);
        Assert.That(op.Canvas, Is.EqualTo(new Rect(0, 0, 3, 1)));
        Assert.That(op.GetAreaOfInterest(0, op.Canvas), Is.EqualTo(new Rect(1, 2, 4, 3)));
        using var o = OperationRunner.Run(op, src, op.Canvas);
        Assert.That(Pixel(o, 0, 0)[..2], Is.EqualTo(new[] { 1f, 2f }));
        Assert.That(Pixel(o, 2, 0)[..2], Is.EqualTo(new[] { 3f, 2f }));
    }

    [Test]
    public void DisplaceSimpleTakesTheNearestDisplacedPixel()
    {
        var src = Gradient(Rect.FromSize(8, 4));
        var op = new DisplaceSimpleOperation();
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new ConstantOperation(DataType.Vector, [1f, -0.5f, 0f]);
        op.Inputs[2].Link = ConstantOperation.Of(2f);
        op.Inputs[3].Link = ConstantOperation.Of(2f);
        new CanvasResolver().Resolve(op, src.Canvas);
        var inputs = new[]
        {
            src.Render(src.Canvas),
            OpRunner.Constant(DataType.Vector, 1f, -0.5f, 0f),
            OpRunner.Constant(DataType.Value, 2f),
            OpRunner.Constant(DataType.Value, 2f),
        };
        using var o = MemoryBuffer.Create(DataType.Color, src.Canvas);
        op.Execute(o, src.Canvas, inputs, new RenderContext());
        // (x - 2 + 0.5, y + 1 + 0.5) floored, clamped into the canvas.
        Assert.That(Pixel(o, 4, 1)[..2], Is.EqualTo(new[] { 2f, 2f }));
        Assert.That(Pixel(o, 0, 3)[..2], Is.EqualTo(new[] { 0f, 3f }));
    }

    [Test]
    public void DisplaceByNothingReproducesAConstantImage()
    {
        var src = new SourceOperation(Rect.FromSize(8, 6), Enumerable.Repeat(new[] { 0.2f, 0.4f, 0.6f, 1f }, 48).SelectMany(p => p).ToArray());
        var op = new DisplaceOperation();
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new ConstantOperation(DataType.Vector, [0f, 0f, 0f]);
        op.Inputs[2].Link = ConstantOperation.Of(1f);
        op.Inputs[3].Link = ConstantOperation.Of(1f);
        new CanvasResolver().Resolve(op, src.Canvas);
        Assert.That(op.GetAreaOfInterest(1, new Rect(2, 2, 4, 3)), Is.EqualTo(new Rect(1, 1, 5, 4)));
        Assert.That(op.GetAreaOfInterest(0, new Rect(2, 2, 4, 3)), Is.EqualTo(src.Canvas));
        var inputs = new[]
        {
            src.Render(src.Canvas),
            OpRunner.Constant(DataType.Vector, 0f, 0f, 0f),
            OpRunner.Constant(DataType.Value, 1f),
            OpRunner.Constant(DataType.Value, 1f),
        };
        using var o = MemoryBuffer.Create(DataType.Color, new Rect(2, 2, 6, 4));
        op.Execute(o, o.Rect, inputs, new RenderContext());
        // The derivatives are 1 (no displacement change): EWA over a constant is the constant.
        FloatAssert.AllClose(Pixel(o, 3, 3), [0.2f, 0.4f, 0.6f, 1f], 1e-5f, "interior");
    }

    [Test]
    public void MapUvFadesByAlphaAndClearsWhereAlphaIsZero()
    {
        var image = new SourceOperation(Rect.FromSize(8, 8), Enumerable.Repeat(new[] { 1f, 0.5f, 0.25f, 1f }, 64).SelectMany(p => p).ToArray());
        var uvPixels = new float[6 * 4 * 3];
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 6; x++)
            {
                int i = (y * 6 + x) * 3;
                uvPixels[i] = 0.5f;
                uvPixels[i + 1] = 0.5f;
                uvPixels[i + 2] = x == 0 ? 0f : 0.5f;
            }

        var uv = new SourceOperation(Rect.FromSize(6, 4), uvPixels, DataType.Vector);
        var op = new MapUvOperation(0f);
        op.Inputs[0].Link = image;
        op.Inputs[1].Link = uv;
        new CanvasResolver().Resolve(op, Rect.FromSize(6, 4));
        Assert.That(op.Canvas, Is.EqualTo(uv.Canvas), "the UV input decides the canvas");
        using var o = MemoryBuffer.Create(DataType.Color, op.Canvas);
        op.Execute(o, op.Canvas, [image.Render(image.Canvas), uv.Render(uv.Canvas)], new RenderContext());
        Assert.That(Pixel(o, 0, 1), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }));
        FloatAssert.AllClose(Pixel(o, 3, 1), [0.5f, 0.25f, 0.125f, 0.5f], 1e-5f, "premultiplied by the UV alpha");
    }

    [Test]
    public void CornerPinDefaultCornersWarpNothing()
    {
        var h = PlaneCorners.Homography([0f, 0f, 10f, 0f, 10f, 8f, 0f, 8f], [0f, 0f, 10f, 0f, 10f, 8f, 0f, 8f]);
        FloatAssert.AllClose(h, [1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], 1e-6f, "identity");
    }

    [Test]
    public void HomographyMapsEachCorner()
    {
        float[] from = [12f, 16f, 192f, 32f, 228f, 152f, 24f, 136f];
        float[] to = [0f, 0f, 240f, 0f, 240f, 160f, 0f, 160f];
        var h = PlaneCorners.Homography(from, to);
        for (int i = 0; i < 4; i++)
        {
            float x = from[i * 2], y = from[i * 2 + 1];
            float w = h[6] * x + h[7] * y + h[8];
            Assert.That((h[0] * x + h[1] * y + h[2]) / w, Is.EqualTo(to[i * 2]).Within(1e-3f));
            Assert.That((h[3] * x + h[4] * y + h[5]) / w, Is.EqualTo(to[i * 2 + 1]).Within(1e-3f));
        }
    }

    [Test]
    public void CornerConvexityCheck()
    {
        Assert.That(PlaneCorners.IsConvex([0f, 0f, 1f, 0f, 1f, 1f, 0f, 1f]), Is.True);
        Assert.That(PlaneCorners.IsConvex([0f, 0f, 1f, 0f, 0.2f, 0.2f, 0f, 1f]), Is.False, "concave");
        Assert.That(PlaneCorners.IsConvex([0f, 0f, 1f, 0f, 0f, 1f, 1f, 1f]), Is.False, "crossed");
        Assert.That(PlaneCorners.IsConvex([0f, 0f, 1f, 0f, 2f, 0f, 0f, 1f]), Is.False, "straight");
    }

    [Test]
    public void BlenderJitterTableIsSpreadOverThePixel()
    {
        var j = BlenderJitter.Create(8);
        Assert.That(j, Has.Length.EqualTo(16));
        Assert.That(j.All(v => v >= -0.5f && v < 0.5f), Is.True);
        Assert.That(j.Distinct().Count(), Is.EqualTo(16));
        Assert.That(BlenderJitter.Create(8), Is.EqualTo(j), "seeded: always the same");
    }

    [Test]
    public void BlenderRandomMatchesDrand48()
    {
        // drand48's sequence for the same 48-bit state: seed 0 gives 0x330E as the low word.
        var r = new BlenderRandom(0);
        Assert.That(r.NextDouble(), Is.EqualTo(0.170828036106).Within(1e-9));
    }

    [Test]
    public void CornerPinMaskCoversTheQuadrilateral()
    {
        var op = new PlaneCornerPinMaskOperation();
        float[][] corners = [[0.25f, 0.25f, 0f], [0.75f, 0.25f, 0f], [0.75f, 0.75f, 0f], [0.25f, 0.75f, 0f]];
        for (int i = 0; i < 4; i++) op.Inputs[i].Link = new ConstantOperation(DataType.Vector, corners[i]);
        new CanvasResolver().Resolve(op, Rect.FromSize(16, 16));
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(16, 16)));
        op.InitializeExecution(new RenderContext());
        using var o = MemoryBuffer.Create(DataType.Value, op.Canvas);
        op.Execute(o, op.Canvas, [], new RenderContext());
        Assert.That(o.Span[o.IndexOf(8, 8)], Is.EqualTo(1f));
        Assert.That(o.Span[o.IndexOf(1, 1)], Is.EqualTo(0f));
        float edge = o.Span[o.IndexOf(4, 8)];
        Assert.That(edge, Is.GreaterThan(0f).And.LessThan(1f), "the edge pixel is partly covered");
    }

    [Test]
    public void ProjectorShiftsRedAndBlue()
    {
        var src = Gradient(Rect.FromSize(12, 3));
        var op = OperationRunner.Prepare(new ProjectorLensDistortionOperation(), src, RenderQuality.High, 0.2f);
        AreaOfInterestSuffices(op, src, new Rect(4, 0, 8, 3));
        using var o = OperationRunner.Run(op, src, new Rect(4, 1, 8, 2));
        // Dispersion 0.2: a shift of 1 pixel; green and alpha straight.
        FloatAssert.AllClose(Pixel(o, 5, 1), [6f, 1f, 0.5f, 1f], 1e-5f, "x 5");
        var none = OperationRunner.Prepare(new ProjectorLensDistortionOperation(), src, RenderQuality.High, 0f);
        using var same = OperationRunner.Run(none, src, new Rect(4, 1, 8, 2));
        FloatAssert.AllClose(Pixel(same, 5, 1), [5f, 1f, 0.5f, 1f], 1e-5f, "no dispersion");
    }

    [Test]
    public void ScreenLensWithoutDistortionIsTheImage()
    {
        var src = Gradient(Rect.FromSize(10, 6));
        var op = OperationRunner.Prepare(new ScreenLensDistortionOperation(false, false, 0f, 0f), src);
        using var o = OperationRunner.Run(op, src, op.Canvas);
        FloatAssert.AllClose(Pixel(o, 3, 2), [3f, 2f, 0.5f, 1f], 1e-5f, "identity");
        var strong = OperationRunner.Prepare(new ScreenLensDistortionOperation(false, false, 1f, 0f), src);
        using var s = OperationRunner.Run(strong, src, strong.Canvas);
        Assert.That(Pixel(s, 0, 0), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }), "no solution in the corner");
        Assert.That(Pixel(s, 5, 3)[3], Is.EqualTo(1f));
    }

    [Test]
    public void ScreenLensJitterRepeats()
    {
        var src = Gradient(Rect.FromSize(16, 10));
        var op = OperationRunner.Prepare(new ScreenLensDistortionOperation(false, true, 0.3f, 0.5f), src);
        using var a = OperationRunner.Run(op, src, op.Canvas);
        using var b = OperationRunner.Run(op, src, op.Canvas);
        FloatAssert.AllClose(a.Span, b.Span, 0f, "two runs");
    }

    [Test]
    public void LensCanvasMovesToTheOrigin()
    {
        var src = Gradient(new Rect(3, -2, 13, 4));
        var op = OperationRunner.Prepare(new ScreenLensDistortionOperation(true, false, 0.1f, 0f), src);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(10, 6)));
        var projector = OperationRunner.Prepare(new ProjectorLensDistortionOperation(), src, RenderQuality.High, 0.1f);
        Assert.That(projector.Canvas, Is.EqualTo(Rect.FromSize(10, 6)));
    }
}
