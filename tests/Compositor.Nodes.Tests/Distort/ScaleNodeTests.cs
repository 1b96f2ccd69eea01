using Compositor.Imaging;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Distort;

public class ScaleNodeTests
{
    private static float At((float[] Pixels, int Width, int Height) img, int x, int y, int c) => img.Pixels[(y * img.Width + x) * 4 + c];

    [Test]
    public void RelativeHalfScaleIsCentredInTheRender([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(40, 20));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(40, 20, "CompositorNodeScale", """{"space": "RELATIVE"}""", inputs: """{"X": 0.5, "Y": 0.5}"""), model);
        // The 20x10 result sits at (10, 5); its pixel (i, j) reads the source at (2i, 2j).
        Assert.That(At(img, 9, 10, 3), Is.EqualTo(0f));
        Assert.That(At(img, 10, 5, 3), Is.EqualTo(1f));
        Assert.That(At(img, 13, 7, 0), Is.EqualTo(6f).Within(1e-5f));
        Assert.That(At(img, 13, 7, 1), Is.EqualTo(4f).Within(1e-5f));
        Assert.That(At(img, 30, 10, 3), Is.EqualTo(0f));
    }

    [Test]
    public void AbsoluteScaleReachesTheRequestedSize()
    {
        var r = TestRenderer.Create(new GradientSourceNode(40, 20));
        var g = TestRenderer.Chain(60, 40, "CompositorNodeScale", """{"space": "ABSOLUTE"}""", inputs: """{"X": 80, "Y": 40}""");
        var ops = r.Compile(Compositor.Graph.GraphReader.ReadString(g)).Operations;
        Assert.That(ops.OfType<ScaleAbsoluteOperation>().Single().Canvas, Is.EqualTo(Rect.FromSize(80, 40)));
        var img = TestRenderer.Composite(r, g);
        // Centred: composite x reads scaled x + 10, which reads the source at 20 + (x + 10 - 20 - 20) / 2.
        Assert.That(At(img, 10, 10, 0), Is.EqualTo(10f).Within(1e-5f));
        Assert.That(At(img, 11, 10, 0), Is.EqualTo(10.5f).Within(1e-5f));
        // At most 1.5 times the render size.
        var small = TestRenderer.Chain(40, 20, "CompositorNodeScale", """{"space": "ABSOLUTE"}""", inputs: """{"X": 80, "Y": 40}""");
        Assert.That(r.Compile(Compositor.Graph.GraphReader.ReadString(small)).Operations.OfType<ScaleAbsoluteOperation>().Single().Canvas,
            Is.EqualTo(Rect.FromSize(60, 30)));
    }

    [Test]
    public void SceneSizeScalesByTheRenderPercentage()
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(40, 20, "CompositorNodeScale", """{"space": "SCENE_SIZE"}"""));
        Assert.That(At(img, 5, 3, 0), Is.EqualTo(0f).Within(1e-6f), "100 %: the source unscaled, centred at x 5");
        Assert.That(At(img, 4, 3, 3), Is.EqualTo(0f));
        Assert.That(At(img, 34, 3, 0), Is.EqualTo(29f).Within(1e-6f));
    }

    [Test]
    public void RenderSizeStretchesFitsAndCrops()
    {
        var r = TestRenderer.Create(new GradientSourceNode(40, 20));
        var stretch = TestRenderer.Composite(r, TestRenderer.Chain(20, 20, "CompositorNodeScale", """{"space": "RENDER_SIZE", "frame_method": "STRETCH"}"""));
        Assert.That(At(stretch, 5, 10, 0), Is.EqualTo(10f).Within(1e-5f));
        Assert.That(At(stretch, 5, 10, 1), Is.EqualTo(10f).Within(1e-5f));
        var fit = TestRenderer.Composite(r, TestRenderer.Chain(20, 20, "CompositorNodeScale", """{"space": "RENDER_SIZE", "frame_method": "FIT"}"""));
        Assert.That(At(fit, 10, 2, 3), Is.EqualTo(0f), "fit leaves bars above and below");
        Assert.That(At(fit, 10, 10, 3), Is.EqualTo(1f));
        var crop = TestRenderer.Composite(r, TestRenderer.Chain(20, 20, "CompositorNodeScale", """{"space": "RENDER_SIZE", "frame_method": "CROP"}"""));
        Assert.That(At(crop, 0, 0, 3), Is.EqualTo(1f), "crop covers the frame");
        Assert.That(At(crop, 0, 0, 0), Is.GreaterThan(5f), "and cuts the sides");
    }

    [TestCase(ResizeMode.Stretch, 1f, 0.5f)]
    [TestCase(ResizeMode.FitWidth, 1f, 1f)]
    [TestCase(ResizeMode.FitHeight, 0.5f, 0.5f)]
    [TestCase(ResizeMode.FitAny, 0.5f, 0.5f)]
    public void CompilerFitsInputsByScaling(ResizeMode mode, float stepX, float stepY)
    {
        // A 40x40 source into a 40x80 consumer: stretch scales by (1, 2), fit width by 1, fit
        // height and fit any (the larger factor) by 2.
        var r = TestRenderer.Create(new GradientSourceNode(40, 40), new FitProbeNode(mode, Rect.FromSize(40, 80)));
        var g = TestRenderer.Chain(40, 80, "CompositorNodePixelate", "{}", "Color", "Color");
        var ops = r.Compile(Compositor.Graph.GraphReader.ReadString(g)).Operations;
        var scale = ops.OfType<ScaleRelativeOperation>().Single();
        Assert.That(scale.Canvas.Width, Is.EqualTo(40));
        Assert.That(scale.Canvas.Height, Is.EqualTo(80));
        var img = TestRenderer.Composite(r, g);
        // Consecutive output pixels step through the source by 1 / scale, about the centre.
        Assert.That(At(img, 21, 41, 0) - At(img, 20, 41, 0), Is.EqualTo(stepX).Within(1e-4f), "x step");
        Assert.That(At(img, 21, 41, 1) - At(img, 21, 40, 1), Is.EqualTo(stepY).Within(1e-4f), "y step");
        Assert.That(At(img, 20, 40, 0), Is.EqualTo(20f).Within(0.51f), "centred");
    }
}
