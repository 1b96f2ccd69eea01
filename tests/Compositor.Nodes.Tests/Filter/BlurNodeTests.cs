using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class BlurNodeTests
{
    private static float At((float[] Pixels, int Width, int Height) img, int x, int y, int c) => img.Pixels[(y * img.Width + x) * 4 + c];

    private static IReadOnlyList<NodeOperation> Compile(string props, string inputs = "{}", string? extraLinks = null)
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        return r.Compile(GraphReader.ReadString(TestRenderer.Chain(30, 20, "CompositorNodeBlur", props, inputs: inputs))).Operations;
    }

    [Test]
    public void EachSettingPicksBlendersOperations()
    {
        var sep = Compile("""{"filter_type": "TENT", "size_x": 3, "size_y": 2}""");
        Assert.That(sep.OfType<GaussianBlurOperation>().Select(o => o.Axis), Is.EqualTo(new[] { BlurAxis.X, BlurAxis.Y }));
        Assert.That(Compile("""{"filter_type": "FAST_GAUSS", "size_x": 3}""").OfType<FastGaussianBlurOperation>().Count(), Is.EqualTo(1));
        Assert.That(Compile("""{"size_x": 3, "use_bokeh": true}""").OfType<GaussianBokehBlurOperation>().Count(), Is.EqualTo(1));
        var gamma = Compile("""{"size_x": 3, "use_gamma_correction": true}""");
        Assert.That(gamma.OfType<GammaCorrectOperation>().Count() + gamma.OfType<GammaUncorrectOperation>().Count(), Is.EqualTo(2));
        var variable = Compile("""{"size_x": 3, "use_variable_size": true}""");
        Assert.That(variable.OfType<GaussianBlurReferenceOperation>().Count(), Is.EqualTo(1));
        Assert.That(variable.OfType<GaussianAlphaBlurOperation>().Count(), Is.EqualTo(2));
        Assert.That(Compile("""{"filter_type": "FAST_GAUSS", "size_x": 3, "use_variable_size": true}""").OfType<FastGaussianBlurOperation>().Count(),
            Is.EqualTo(1), "FAST_GAUSS wins over the variable size, as in Blender");
    }

    [Test]
    public void FlatBlurAveragesTheNeighbourhood([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(30, 20, "CompositorNodeBlur", """{"filter_type": "FLAT", "size_x": 2, "size_y": 1}"""), model);
        Assert.That(At(img, 10, 10, 0), Is.EqualTo(10f).Within(1e-4f));
        Assert.That(At(img, 0, 10, 0), Is.EqualTo(1f).Within(1e-4f), "renormalized at the edge: (0 + 1 + 2) / 3");
        Assert.That(At(img, 10, 19, 1), Is.EqualTo(18.5f).Within(1e-4f), "(18 + 19) / 2 at the top");
        Assert.That(At(img, 10, 10, 3), Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void SizeInputMultipliesTheRadii()
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        var img = TestRenderer.Composite(r, TestRenderer.Chain(30, 20, "CompositorNodeBlur", """{"filter_type": "FLAT", "size_x": 10, "size_y": 0}""", inputs: """{"Size": 0.2}"""));
        Assert.That(At(img, 0, 5, 0), Is.EqualTo(1f).Within(1e-4f), "radius 2: (0 + 1 + 2) / 3");
    }

    [Test]
    public void ExtendedBoundsLetTheBlurSpreadPastTheImage([Values] ExecutionModel model)
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        var g = TestRenderer.Chain(36, 20, "CompositorNodeBlur", """{"filter_type": "FLAT", "size_x": 3, "size_y": 0, "use_extended_bounds": true}""");
        var ops = r.Compile(GraphReader.ReadString(g)).Operations;
        Assert.That(ops.OfType<GaussianBlurOperation>().First().Canvas, Is.EqualTo(Rect.FromSize(36, 20)));
        var img = TestRenderer.Composite(r, g, model);
        // The y pass extends the canvas again (Blender does too), so the composite shows the x pass
        // shifted by 3: composite x 1 is x-pass pixel 1, whose taps -2..4 keep 0..4 (inside the
        // canvas), two of them on the image (centred at 3).
        Assert.That(At(img, 1, 10, 3), Is.EqualTo(2f / 5f).Within(1e-5f));
        Assert.That(At(img, 18, 10, 3), Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void FastGaussWithExtendedBoundsRendersWhatItsReaderNeedsInBothModels()
    {
        // The recursive blur runs over the area its readers need, as in the full-frame model.
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        var g = TestRenderer.Chain(30, 20, "CompositorNodeBlur", """{"filter_type": "FAST_GAUSS", "size_x": 6, "size_y": 6, "use_extended_bounds": true}""");
        var full = TestRenderer.Composite(r, g, ExecutionModel.FullFrame);
        var tiled = TestRenderer.Composite(r, g, ExecutionModel.Tiled);
        Assert.That(tiled.Pixels, Is.EqualTo(full.Pixels).Within(1e-5f));
        Assert.That(At(full, 0, 10, 3), Is.EqualTo(1f).Within(1e-4f));
    }
}

public class VariableSizeBlurTests
{
    [Test]
    public void SmoothClosenessIsTheEasedDistance()
    {
        var t = GaussianAlphaBlurOperation.SmoothCloseness(2f, 2);
        Assert.That(t, Is.EqualTo(new[] { 0f, 0.5f, 1f, 0.5f, 0f }).Within(1e-6f));
    }

    [Test]
    public void AlphaBlurFeathersAValueMapTowardsItsMaximum()
    {
        var canvas = Rect.FromSize(9, 1);
        var values = new float[9];
        values[4] = 1f;
        var src = new SourceOperation(canvas, values, DataType.Value);
        var op = OperationRunner.Prepare(new GaussianAlphaBlurOperation(new BlurSettings { Filter = BlurFilterType.Tent, SizeX = 2 }, BlurAxis.X), src);
        var o = OperationRunner.Run(op, src, canvas);
        // Pixel 3: the gauss mean is 0.25; the maximum, 1 at closeness 0.5, is kept as 0.5 and
        // weighted by its closeness again: 0.5 * 0.5 + 0.5 * 0.25 (Blender's formula).
        Assert.That(o.Span[3], Is.EqualTo(0.375f).Within(1e-6f));
        Assert.That(o.Span[4], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(o.Span[1], Is.EqualTo(0f).Within(1e-6f));
        var eroded = OperationRunner.Run(OperationRunner.Prepare(new GaussianAlphaBlurOperation(new BlurSettings { Filter = BlurFilterType.Tent, SizeX = 2 }, BlurAxis.X, subtract: true), src), src, canvas);
        Assert.That(eroded.Span[4], Is.EqualTo(0.5f).Within(1e-6f), "inverted: the zeros around eat the peak");
    }

    [Test]
    public void ReferenceBlurRadiusFollowsTheSizeMap()
    {
        var canvas = Rect.FromSize(21, 1);
        var pixels = new float[21 * 4];
        for (int x = 0; x < 21; x++) pixels[x * 4] = x;
        var image = new SourceOperation(canvas, pixels);
        var op = new GaussianBlurReferenceOperation(new BlurSettings { Filter = BlurFilterType.Flat, SizeX = 4, SizeY = 4 });
        op.Inputs[0].Link = image;
        op.Inputs[1].Link = new SourceOperation(canvas, Enumerable.Range(0, 21).Select(x => x < 10 ? 0f : 1f).ToArray(), DataType.Value);
        new Compositor.Operations.CanvasResolver().Resolve(op, canvas);
        op.InitializeExecution(new RenderContext());
        Assert.That(op.GetAreaOfInterest(0, new Rect(5, 0, 6, 1)), Is.EqualTo(new Rect(-1, -6, 12, 7)));
        Assert.That(op.GetAreaOfInterest(1, new Rect(5, 0, 6, 1)), Is.EqualTo(new Rect(5, 0, 6, 1)));
        var sizes = ((SourceOperation)op.Inputs[1].Link!).Render(canvas);
        var o = MemoryBuffer.Create(DataType.Color, canvas);
        op.Execute(o, canvas, [image.Render(canvas), sizes], new RenderContext());
        Assert.That(o.Span[o.IndexOf(5, 0)], Is.EqualTo(5f), "size 0: radius 1, the pixel itself");
        // Size 1 -> radius 4 along x, but the height is 1 so y keeps radius 1... the window is x-4 .. x+3.
        Assert.That(o.Span[o.IndexOf(15, 0)], Is.EqualTo((11 + 12 + 13 + 14 + 15 + 16 + 17 + 18) / 8f).Within(1e-4f));
    }
}
