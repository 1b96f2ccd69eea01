using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class DirectionalBlurOperationTests
{
    [Test]
    public void OneStepOfAWholePixelAveragesWithTheRightNeighbourFadingPastTheEdge()
    {
        // 3x4 canvas: diagonal 5, so distance 0.2 moves one pixel; iterations 0 = one sample.
        var src = SourceOperation.Random(Rect.FromSize(3, 4), 7);
        var op = OperationRunner.Prepare(new DirectionalBlurOperation(new DirectionalBlurSettings { Iterations = 0, Distance = 0.2f, CenterX = 0.5f, CenterY = 0.5f }), src);
        Assert.That(op.Samples, Is.EqualTo(1));
        var o = OperationRunner.Run(op, src, src.Canvas);
        for (int c = 0; c < 4; c++)
        {
            Assert.That(o.Span[o.IndexOf(1, 2) + c], Is.EqualTo((src.Pixel(1, 2, c) + src.Pixel(2, 2, c)) / 2f).Within(1e-6f));
            Assert.That(o.Span[o.IndexOf(2, 2) + c], Is.EqualTo(src.Pixel(2, 2, c) / 2f).Within(1e-6f));
        }
    }

    [Test]
    public void AngleMovesDownwardsAndIterationsDoubleTheSamples()
    {
        // Angle π/2: the translation is (0, −D); two iterations = four samples at −D/4 … −D.
        var src = SourceOperation.Random(Rect.FromSize(3, 4), 8);
        var op = OperationRunner.Prepare(new DirectionalBlurOperation(new DirectionalBlurSettings { Iterations = 2, Distance = 0.8f, Angle = MathF.PI / 2, CenterX = 0.5f, CenterY = 0.5f }), src);
        Assert.That(op.Samples, Is.EqualTo(4));
        var o = OperationRunner.Run(op, src, src.Canvas);
        // D = 4 pixels: samples at y − 1, y − 2, y − 3, y − 4 (up to float rounding of cos(π/2)).
        float expected = (src.Pixel(1, 3, 0) + src.Pixel(1, 2, 0) + src.Pixel(1, 1, 0) + src.Pixel(1, 0, 0)) / 5f;
        Assert.That(o.Span[o.IndexOf(1, 3)], Is.EqualTo(expected).Within(1e-5f));
    }

    [Test]
    public void ReadsTheWholeCanvas()
    {
        var src = SourceOperation.Random(new Rect(2, 3, 12, 9), 1);
        var op = OperationRunner.Prepare(new DirectionalBlurOperation(new DirectionalBlurSettings { Iterations = 1 }), src);
        Assert.That(op.GetAreaOfInterest(0, new Rect(4, 4, 5, 5)), Is.EqualTo(src.Canvas));
    }
}

public class BilateralBlurOperationTests
{
    private static float[] Run(BilateralBlurOperation op, SourceOperation src, float[] determinator, RenderQuality quality = RenderQuality.High)
    {
        op.Inputs[0].Link = src;
        op.Inputs[1].Link = new ConstantOperation(DataType.Color, determinator);
        new CanvasResolver().Resolve(op, src.Canvas);
        op.InitializeExecution(new RenderContext { Quality = quality });
        using var image = src.Render(op.GetAreaOfInterest(0, src.Canvas).Intersect(src.Canvas));
        using var det = MemoryBuffer.CreateSingleElement(DataType.Color, determinator, src.Canvas);
        using var output = MemoryBuffer.Create(DataType.Color, src.Canvas);
        op.Execute(output, src.Canvas, [image, det], new RenderContext());
        return output.Span.ToArray();
    }

    [Test]
    public void WindowIsFloorToCeilExclusiveAndPixelsOutsideAreRejectedWhenTheReferenceIsFar()
    {
        var src = SourceOperation.Random(Rect.FromSize(6, 1), 2);
        // Radius 0.5 + 1 = 1.5: window x − 2 … x + 1.
        var o = Run(new BilateralBlurOperation(1, 0.5f, 0.5f), src, [1f, 1f, 1f, 1f]);
        for (int c = 0; c < 4; c++)
        {
            float mean3 = (src.Pixel(1, 0, c) + src.Pixel(2, 0, c) + src.Pixel(3, 0, c) + src.Pixel(4, 0, c)) / 4f;
            Assert.That(o[3 * 4 + c], Is.EqualTo(mean3).Within(1e-6f));
            Assert.That(o[c], Is.EqualTo((src.Pixel(0, 0, c) + src.Pixel(1, 0, c)) / 2f).Within(1e-6f));
        }
    }

    [Test]
    public void PixelsOutsideCountAsBlackWhenTheReferenceIsNearBlack()
    {
        var src = SourceOperation.Random(Rect.FromSize(6, 1), 3);
        var o = Run(new BilateralBlurOperation(1, 0.5f, 0.5f), src, [0.1f, 0.1f, 0.1f, 1f]);
        // Window 4 × 4 = 16 pixels, of which only x = 0, 1 at y = 0 lie inside.
        Assert.That(o[0], Is.EqualTo((src.Pixel(0, 0, 0) + src.Pixel(1, 0, 0)) / 16f).Within(1e-6f));
    }

    [Test]
    public void NothingAcceptedGivesOpaqueBlackAndTheAreaGrowsByTheRadiusPlusOne()
    {
        var src = SourceOperation.Random(Rect.FromSize(3, 2), 4);
        var op = new BilateralBlurOperation(2, 0f, 3.2f);
        var o = Run(op, src, [1f, 1f, 1f, 1f]);
        Assert.That(o[..4], Is.EqualTo(new[] { 0f, 0f, 0f, 1f }));
        Assert.That(op.GetAreaOfInterest(1, new Rect(0, 0, 2, 2)), Is.EqualTo(new Rect(-7, -7, 9, 9)));
    }

    [Test]
    public void LowerQualitySkipsPixels()
    {
        var src = SourceOperation.Random(Rect.FromSize(8, 1), 5);
        var o = Run(new BilateralBlurOperation(1, 0.5f, 1f), src, [1f, 1f, 1f, 1f], RenderQuality.Medium);
        // Radius 2, window x − 2 … x + 1, every second pixel: x − 2 and x.
        Assert.That(o[4 * 4], Is.EqualTo((src.Pixel(2, 0, 0) + src.Pixel(4, 0, 0)) / 2f).Within(1e-6f));
    }
}
