using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Operations.Filter;
using Compositor.Nodes.Operations.Math;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Matte;

/// <summary>How the matte nodes convert (which stages their settings select), their validation, and operation-level invariants.</summary>
public sealed class MatteNodeTests
{
    private static IReadOnlyList<NodeOperation> Compile(string type, string props, string inSocket = "Image", string outSocket = "Image", string inputs = "{}")
    {
        var r = TestRenderer.Create(new GradientSourceNode(30, 20));
        return r.Compile(GraphReader.ReadString(TestRenderer.Chain(30, 20, type, props, inSocket, outSocket, inputs))).Operations;
    }

    private static GraphException? ValidationError(string type, string props)
    {
        try
        {
            Compile(type, props, outSocket: type.Contains("Mask") ? "Mask" : "Image", inSocket: type.Contains("Mask") ? "Mask" : "Image");
            return null;
        }
        catch (GraphException e)
        {
            return e;
        }
    }

    [Test]
    public void KeyingBuildsOnlyTheStagesItsSettingsAskFor()
    {
        var plain = Compile("CompositorNodeKeying", "{}", outSocket: "Image");
        Assert.That(plain.OfType<KeyingOperation>().Count(), Is.EqualTo(1));
        Assert.That(plain.OfType<KeyingDespillOperation>().Count(), Is.EqualTo(1), "despill_factor defaults to 1");
        Assert.That(plain.OfType<KeyingClipOperation>(), Is.Empty, "no clipping by default, and the edges are not read");
        Assert.That(plain.OfType<KeyingBlurOperation>(), Is.Empty);

        var full = Compile("CompositorNodeKeying", """
            {"blur_pre": 2, "blur_post": 3, "clip_black": 0.1, "dilate_distance": -2, "feather_distance": 4, "feather_falloff": "ROOT", "despill_factor": 0}
            """, outSocket: "Matte");
        Assert.That(full.OfType<KeyingBlurOperation>().Select(b => b.Size).Order(), Is.EqualTo(new[] { 2, 2, 2, 2, 3, 3 }), "Cb and Cr pre-blur (x, y), matte post-blur");
        Assert.That(full.OfType<KeyingClipOperation>().Single().EdgeMatte, Is.False);
        var erode = full.OfType<DilateDistanceOperation>().Single();
        Assert.That((erode.Distance, erode.Erode), Is.EqualTo((2, true)));
        var feather = full.OfType<GaussianAlphaBlurOperation>().ToList();
        Assert.That(feather.Select(f => (f.Axis, f.Falloff, f.Subtract)), Is.EqualTo(new[] { (BlurAxis.X, FeatherFalloff.Root, false), (BlurAxis.Y, FeatherFalloff.Root, false) }));

        var edges = Compile("CompositorNodeKeying", """{"edge_kernel_radius": 5}""", outSocket: "Edges");
        var edge = edges.OfType<KeyingClipOperation>().Single();
        Assert.That((edge.EdgeMatte, edge.KernelRadius), Is.EqualTo((true, 5)));
    }

    [Test]
    public void KeyingGarbageAndCoreMattesOnlyWhenLinked()
    {
        string json = """
            {"version": 1, "settings": {"resolution": [30, 20]},
             "nodes": [{"name": "Src", "type": "CompositorNodeBokehImage"}, {"name": "G", "type": "CompositorNodeBoxMask"},
                       {"name": "N", "type": "CompositorNodeKeying", "inputs": {"Core Matte": 1.0}}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "Src", "from_socket": "Image", "to": "N", "to_socket": "Image"},
                       {"from": "G", "from_socket": "Mask", "to": "N", "to_socket": "Garbage Matte"},
                       {"from": "N", "from_socket": "Matte", "to": "Composite", "to_socket": "Image"}]}
            """;
        var ops = TestRenderer.Create(new GradientSourceNode(30, 20)).Compile(GraphReader.ReadString(json)).Operations;
        var math = ops.OfType<MathOperation>().Select(m => m.Type).ToList();
        Assert.That(math, Does.Contain(MathOperationType.Minimum));
        Assert.That(math, Does.Not.Contain(MathOperationType.Maximum), "an unlinked Core Matte is ignored whatever its value");
    }

    [Test]
    public void DilateErodeModesSelectBlendersOperations()
    {
        Assert.That(Compile("CompositorNodeDilateErode", """{"mode": "STEP", "distance": -3}""", "Mask", "Mask").OfType<DilateStepOperation>().Single().Erode, Is.True);
        Assert.That(Compile("CompositorNodeDilateErode", """{"mode": "DISTANCE", "distance": 4}""", "Mask", "Mask").OfType<DilateDistanceOperation>().Single().Erode, Is.False);
        var soft = Compile("CompositorNodeDilateErode", """{"mode": "THRESHOLD", "distance": 2, "edge": 1.5}""", "Mask", "Mask");
        Assert.That(soft.OfType<AntiAliasOperation>().Count(), Is.EqualTo(1), "an edge below 2 is anti-aliased");
        var hard = Compile("CompositorNodeDilateErode", """{"mode": "THRESHOLD", "distance": 2, "edge": 2.0}""", "Mask", "Mask");
        Assert.That(hard.OfType<AntiAliasOperation>(), Is.Empty);
        var feather = Compile("CompositorNodeDilateErode", """{"mode": "FEATHER", "distance": -5, "falloff": "INVERSE_SQUARE"}""", "Mask", "Mask").OfType<GaussianAlphaBlurOperation>().ToList();
        Assert.That(feather.Select(f => (f.Falloff, f.Subtract, f.Settings.SizeX)).Distinct().Single(), Is.EqualTo((FeatherFalloff.InverseSquare, true, 5)));
    }

    [Test]
    public void ChannelKeyChannelNamesFollowTheColorSpace()
    {
        Assert.That(ValidationError("CompositorNodeChannelMatte", """{"color_space": "HSV", "matte_channel": "H", "limit_channel": "V"}"""), Is.Null);
        Assert.That(ValidationError("CompositorNodeChannelMatte", """{"color_space": "YCC", "matte_channel": "CR"}"""), Is.Null);
        Assert.That(ValidationError("CompositorNodeChannelMatte", """{"color_space": "YUV", "matte_channel": "G"}"""), Is.Null, "Blender names YUV's U \"G\"");
        var wrong = ValidationError("CompositorNodeChannelMatte", """{"color_space": "HSV", "matte_channel": "G"}""");
        Assert.That(wrong?.Message, Does.Contain("matte_channel").And.Contain("HSV"));
        Assert.That(ValidationError("CompositorNodeChannelMatte", """{"limit_channel": "CB"}"""), Is.Not.Null, "RGB has no CB");

        var hsv = Compile("CompositorNodeChannelMatte", """{"color_space": "HSV", "matte_channel": "V", "limit_method": "SINGLE", "limit_channel": "H"}""");
        var op = hsv.OfType<ChannelMatteOperation>().Single();
        Assert.That((op.MatteChannel, op.LimitChannel), Is.EqualTo((3, 1)));
        Assert.That(hsv.OfType<ColorConversionOperation>().Select(c => c.Conversion), Is.EquivalentTo(new[] { ColorConversion.RgbToHsv, ColorConversion.HsvToRgb }));
    }

    [Test]
    public void MaskSizeIsAPropertyWithBlendersRange()
    {
        Assert.That(ValidationError("CompositorNodeBoxMask", """{"width": 2.0, "height": 0.0}"""), Is.Null);
        Assert.That(ValidationError("CompositorNodeEllipseMask", """{"width": 2.5}""")?.Message, Does.Contain("maximum"));
        Assert.That(ValidationError("CompositorNodeBoxMask", """{"height": -0.1}""")?.Message, Does.Contain("minimum"));
        var op = Compile("CompositorNodeEllipseMask", "{}", "Mask", "Mask").OfType<EllipseMaskOperation>().Single();
        Assert.That((op.Width, op.Height, op.X, op.Y), Is.EqualTo((0.2f, 0.1f, 0.5f, 0.5f)), "a fresh node's size");
    }

    [Test]
    public void StepDilationIsTheExtremeOverTheClippedSquare([Values(0, 1, 2, 5, 40)] int n, [Values] bool erode)
    {
        var canvas = Rect.FromSize(23, 17);
        var rng = new Random(n + (erode ? 100 : 0));
        var pixels = Enumerable.Range(0, canvas.Width * canvas.Height).Select(_ => (float)Math.Round(rng.NextDouble() * 4 - 1, 2)).ToArray();
        var source = new SourceOperation(canvas, pixels, DataType.Value);
        var op = OperationRunner.Prepare(new DilateStepOperation(n, erode), source);
        foreach (var area in new[] { canvas, new Rect(3, 2, 11, 9), new Rect(20, 0, 23, 17) })
        {
            using var output = OperationRunner.Run(op, source, area);
            for (int y = area.YMin; y < area.YMax; y++)
                for (int x = area.XMin; x < area.XMax; x++)
                {
                    float expected = erode ? float.MaxValue : -float.MaxValue;
                    for (int yy = Math.Max(0, y - n); yy <= Math.Min(canvas.Height - 1, y + n); yy++)
                        for (int xx = Math.Max(0, x - n); xx <= Math.Min(canvas.Width - 1, x + n); xx++)
                            expected = erode ? Math.Min(expected, source.Pixel(xx, yy, 0)) : Math.Max(expected, source.Pixel(xx, yy, 0));
                    Assert.That(output.Span[output.IndexOf(x, y)], Is.EqualTo(expected), $"({x}, {y}) in {area}");
                }
        }
    }

    [Test]
    public void DistanceTransformMatchesTheBruteForceMinimum([Values(1, 2, 3)] int seed)
    {
        int w = 37, h = 23;
        var rng = new Random(seed);
        var feature = Enumerable.Range(0, w * h).Select(_ => rng.NextDouble() < 0.03 * seed).ToArray();
        var actual = DoubleEdgeMaskOperation.SquaredDistances(feature, w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                uint min = uint.MaxValue;
                for (int i = 0; i < feature.Length; i++)
                    if (feature[i]) min = Math.Min(min, (uint)((i % w - x) * (i % w - x) + (i / w - y) * (i / w - y)));
                Assert.That(actual[y * w + x], Is.EqualTo((float)min), $"({x}, {y})");
            }

        Assert.That(DoubleEdgeMaskOperation.SquaredDistances(new bool[6], 3, 2), Is.All.EqualTo((float)uint.MaxValue), "no feature: Blender's untouched 0xffffffff");
    }

    [Test]
    public void FastInverseSquareRootIsBlendersApproximation()
    {
        Assert.That(DoubleEdgeMaskOperation.InverseSqrt(4f), Is.EqualTo(0.499153584f));
        Assert.That(DoubleEdgeMaskOperation.InverseSqrt(1f), Is.EqualTo(0.998307168f));
    }
}
