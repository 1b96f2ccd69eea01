using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Distort;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Distort;

/// <summary>The distort nodes through the renderer, in both execution models.</summary>
public class DistortNodeTests
{
    private static float At((float[] Pixels, int Width, int Height) img, int x, int y, int c) => img.Pixels[(y * img.Width + x) * 4 + c];

    [Test]
    public void TranslateMovesTheImage([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 10));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(20, 10, "CompositorNodeTranslate", "{}", inputs: """{"X": 3.9, "Y": -2.2}"""), model);
        Assert.That(At(img, 5, 3, 0), Is.EqualTo(2f), "x - 3");
        Assert.That(At(img, 5, 3, 1), Is.EqualTo(5f), "y + 2");
        Assert.That(At(img, 2, 3, 3), Is.EqualTo(0f), "uncovered");
        Assert.That(At(img, 5, 8, 3), Is.EqualTo(0f), "uncovered at the top");
    }

    [Test]
    public void TranslateRelativeWrapsByFractionsOfTheScene([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 10));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(20, 10, "CompositorNodeTranslate",
            """{"use_relative": true, "wrap_axis": "BOTH"}""", inputs: """{"X": 0.25, "Y": 0.5}"""), model);
        Assert.That(At(img, 0, 0, 0), Is.EqualTo(15f));
        Assert.That(At(img, 0, 0, 1), Is.EqualTo(5f));
        Assert.That(At(img, 5, 5, 0), Is.EqualTo(0f));
        Assert.That(At(img, 5, 5, 3), Is.EqualTo(1f), "wrapping leaves no holes");
    }

    [Test]
    public void RotateKeepsTheImageCentred([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(21, 11));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(21, 11, "CompositorNodeRotate", """{"filter_type": "NEAREST"}""", inputs: """{"Degr": 0.0}"""), model);
        Assert.That(At(img, 7, 4, 0), Is.EqualTo(7f));
        Assert.That(At(img, 7, 4, 1), Is.EqualTo(4f));
    }

    [Test]
    public void FlipXYMirrorsBothAxes([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(12, 8));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(12, 8, "CompositorNodeFlip", """{"axis": "XY"}"""), model);
        Assert.That(At(img, 0, 0, 0), Is.EqualTo(11f));
        Assert.That(At(img, 0, 0, 1), Is.EqualTo(7f));
        Assert.That(At(img, 4, 2, 0), Is.EqualTo(7f));
    }

    [Test]
    public void TransformIsScaleThenRotateThenTranslate()
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 10));
        var g = TestRenderer.Chain(20, 10, "CompositorNodeTransform", """{"filter_type": "BICUBIC"}""", inputs: """{"X": 2.6, "Scale": 1.0}""");
        var ops = r.Compile(GraphReader.ReadString(g)).Operations;
        var scale = ops.OfType<ScaleRelativeOperation>().Single();
        Assert.That(scale.Interpolation, Is.EqualTo(Compositor.Imaging.Sampling.Interpolation.Bilinear), "bicubic samples as bilinear");
        Assert.That(scale.MaxCanvasWidth, Is.EqualTo(20f), "the scaled canvas is at most the scene size");
        Assert.That(ops.OfType<RotateOperation>().Single().Inputs[0].Link, Is.SameAs(scale));
        var translate = ops.OfType<TranslateCanvasOperation>().Single();
        Assert.That(translate.Canvas, Is.EqualTo(new Rect(2, 0, 22, 10)));
        var img = TestRenderer.Composite(r, g);
        Assert.That(At(img, 5, 3, 0), Is.EqualTo(3f).Within(1e-5f));
    }

    [Test]
    public void CropImageSizeIsCentredInTheRender([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 10));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(20, 10, "CompositorNodeCrop",
            """{"use_crop_size": true, "min_x": 2, "max_x": 8, "min_y": 1, "max_y": 5}"""), model);
        // The 6x4 crop is centred: it starts at (7, 3) and reads from (2, 1).
        Assert.That(At(img, 6, 3, 3), Is.EqualTo(0f));
        Assert.That(At(img, 7, 3, 0), Is.EqualTo(2f));
        Assert.That(At(img, 7, 3, 1), Is.EqualTo(1f));
        Assert.That(At(img, 12, 6, 0), Is.EqualTo(7f));
        Assert.That(At(img, 13, 6, 3), Is.EqualTo(0f));
    }

    [Test]
    public void CropRelativeClearsOutside([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 10));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(20, 10, "CompositorNodeCrop",
            """{"relative": true, "rel_min_x": 0.25, "rel_max_x": 0.5, "rel_min_y": 0.0, "rel_max_y": 0.5}"""), model);
        Assert.That(At(img, 5, 2, 0), Is.EqualTo(5f));
        Assert.That(At(img, 9, 4, 3), Is.EqualTo(1f));
        Assert.That(At(img, 10, 2, 3), Is.EqualTo(0f));
        Assert.That(At(img, 5, 5, 3), Is.EqualTo(0f));
        Assert.That(At(img, 4, 2, 3), Is.EqualTo(0f));
    }

    [Test]
    public void CornerPinPlaneAndImage([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(20, 20));
        const string corners = """{"Lower Left": [0.25, 0.25, 0], "Lower Right": [0.75, 0.25, 0], "Upper Right": [0.75, 0.75, 0], "Upper Left": [0.25, 0.75, 0]}""";
        var plane = TestRenderer.Composite(r, TestRenderer.Chain(20, 20, "CompositorNodeCornerPin", "{}", outSocket: "Plane", inputs: corners), model);
        Assert.That(At(plane, 10, 10, 0), Is.EqualTo(1f));
        Assert.That(At(plane, 2, 2, 0), Is.EqualTo(0f));
        var image = TestRenderer.Composite(r, TestRenderer.Chain(20, 20, "CompositorNodeCornerPin", "{}", inputs: corners), model);
        // Half size about the centre: pixel (10, 10) sees the source near (10, 10); the corners stay empty.
        Assert.That(At(image, 10, 10, 0), Is.EqualTo(10f).Within(0.6f));
        Assert.That(At(image, 2, 2, 3), Is.EqualTo(0f));
        Assert.That(At(image, 10, 10, 3), Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void DisplaceLowQualityUsesTheSimpleOperation()
    {
        var high = TestRenderer.Create(new GradientSourceNode(8, 8));
        var g = TestRenderer.Chain(8, 8, "CompositorNodeDisplace", "{}");
        Assert.That(high.Compile(GraphReader.ReadString(g)).Operations.OfType<DisplaceOperation>().Count(), Is.EqualTo(1));
        var low = GraphReader.ReadString(g.Replace("\"resolution\": [8, 8]", "\"resolution\": [8, 8], \"render_quality\": \"LOW\""));
        var ops = high.Compile(low).Operations;
        Assert.That(ops.OfType<DisplaceSimpleOperation>().Count(), Is.EqualTo(1));
        Assert.That(ops.OfType<DisplaceOperation>().Count(), Is.EqualTo(0));
    }

    [Test]
    public void MapUvWithAConstantUvFillsWithOneColor([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(16, 16));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(16, 16, "CompositorNodeMapUV", "{}", inputs: """{"UV": [0.5, 0.25, 1.0]}"""), model);
        // Every pixel reads around (8, 4): EWA centred half a pixel lower.
        Assert.That(At(img, 1, 1, 0), Is.EqualTo(7.5f).Within(1e-3f));
        Assert.That(At(img, 14, 9, 1), Is.EqualTo(3.5f).Within(1e-3f));
        var none = TestRenderer.Composite(r, TestRenderer.Chain(16, 16, "CompositorNodeMapUV", "{}"), model);
        Assert.That(none.Pixels.All(v => v == 0f), Is.True, "the default UV has alpha 0");
    }

    [Test]
    public void LensDistortionModes()
    {
        var r = TestRenderer.Create(new GradientSourceNode(16, 16));
        var projector = r.Compile(GraphReader.ReadString(TestRenderer.Chain(16, 16, "CompositorNodeLensdist", """{"use_projector": true}""", inputs: """{"Dispersion": 0.1}"""))).Operations;
        Assert.That(projector.OfType<ProjectorLensDistortionOperation>().Count(), Is.EqualTo(1));
        var screen = r.Compile(GraphReader.ReadString(TestRenderer.Chain(16, 16, "CompositorNodeLensdist", """{"use_fit": true, "use_jitter": true}""", inputs: """{"Distort": 0.1}"""))).Operations;
        var op = screen.OfType<ScreenLensDistortionOperation>().Single();
        Assert.That(op.Fit && op.Jitter, Is.True);
        var img = TestRenderer.Composite(r, TestRenderer.Chain(16, 16, "CompositorNodeLensdist", "{}"));
        Assert.That(At(img, 5, 9, 0), Is.EqualTo(5f).Within(1e-4f), "no distortion: the image");
        Assert.That(At(img, 5, 9, 3), Is.EqualTo(1f));
    }
}
