using Compositor.Graph;
using Compositor.Nodes.Color;
using Compositor.Nodes.Input;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Curves;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// The color nodes rendered end to end from graphs (RGB / Value inputs, the node, Composite at
/// 4 × 4) in both execution models, against what Blender 3.4.1 renders for the same files
/// (<c>render_graph.py ... --mode FULL_FRAME</c>): which operation the properties and linked
/// sockets select (RGB Curves' linked or constant levels, Color Balance's method, Z Combine's
/// anti-aliased and Z outputs, Convert Colorspace's pass-through), unlinked socket values, the
/// Time and Scene Time constants, and behaviour Blender defines at the edges.
/// </summary>
[TestFixture]
public sealed class ColorNodeGraphTests
{
    private static readonly Dictionary<string, float[]> Blender = new()
    {
        ["bright_contrast_straight"] = [0.285714298f, 0.142857134f, -1.49011612e-08f, 0.5f],
        ["color_balance_cdl_basis"] = [0.375221252f, 0.335000038f, 0.207294747f, 1f],
        ["color_balance_lgg_defaults"] = [0.740270257f, 0.200000018f, 0.0257338248f, 1f],
        ["color_correction_mask"] = [0.623524427f, 0.400000006f, 0.309524387f, 1f],
        ["convert_colorspace_aces"] = [0.23831673f, 0.220968455f, 0.107966319f, 0.5f],
        ["convert_colorspace_data"] = [0.300000012f, 0.200000003f, 0.100000001f, 0.5f],
        ["curve_vec_from_color"] = [0.767128229f, 0.149999976f, 0.200000048f, 1f],
        ["curves_rgb_constant_levels"] = [0.814598322f, 0.168474376f, 0.0999724567f, 0.699999988f],
        ["curves_rgb_linked_levels"] = [0.771678686f, 0.1947795f, 0.119977966f, 1f],
        ["exposure_socket"] = [0.106066018f, 0.0707106814f, 0.0353553407f, 0.5f],
        ["hue_correct_fac"] = [0.200000003f, 0.821099818f, 0.284275085f, 1f],
        ["posterize_defaults"] = [0.25f, 0.625f, 0.875f, 1f],
        ["scene_time_seconds"] = [0.233333334f, 7f, 0f, 1f],
        ["time_frame"] = [0.827465415f, 0.827465415f, 0.827465415f, 1f],
        ["tonemap_constant"] = [0.500745118f, 0.333995998f, 0.200477302f, 1f],
        ["z_combine_alpha_aa"] = [0.450000018f, 0.25f, 0.5f, 1f],
        ["z_combine_z_output"] = [2f, 2f, 2f, 1f],
    };

    public static IEnumerable<TestCaseData> Cases() =>
        from name in Blender.Keys
        from model in new[] { ExecutionModel.FullFrame, ExecutionModel.Tiled }
        select new TestCaseData(name, model).SetName($"Graph_{name}_{model}");

    private static string ReadGraph(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Graphs", name + ".json"));

    [TestCaseSource(nameof(Cases))]
    public void RendersAsBlender(string name, ExecutionModel model)
    {
        var pixels = GraphRunner.RenderComposite(ReadGraph(name), model);
        Assert.That(pixels, Has.Length.EqualTo(4 * 4 * 4));
        var expected = Enumerable.Repeat(Blender[name], 16).SelectMany(p => p).ToArray();
        // Color Balance's lift/gamma/gain uses a polynomial pow within a few units in the last place of powf.
        float tolerance = name.StartsWith("convert_colorspace", StringComparison.Ordinal) ? 2e-6f : name == "tonemap_constant" ? 1e-6f
            : name.StartsWith("color_balance_lgg", StringComparison.Ordinal) ? 3e-6f : 0f;
        for (int i = 0; i < pixels.Length; i++)
            if (!FloatAssert.Close(pixels[i], expected[i], tolerance) && !(MathF.Abs(expected[i]) < 1e-7f && MathF.Abs(pixels[i]) < 1e-7f))
                Assert.Fail($"{name}: element {i}: expected {expected[i]:R}, got {pixels[i]:R}");
    }

    [Test]
    public void RgbCurvesUsesTheLinkedLevelsOperationOnlyWhenALevelIsLinked()
    {
        var registry = BuiltinNodes.CreateRegistry();
        var linked = OperationsOf(registry, NotConstant(ReadGraph("curves_rgb_linked_levels"), "C"));
        Assert.That(linked.OfType<ColorCurveOperation>().Count(), Is.EqualTo(1));
        Assert.That(linked.OfType<ConstantLevelColorCurveOperation>(), Is.Empty);
        var constant = OperationsOf(registry, NotConstant(ReadGraph("curves_rgb_constant_levels"), "C"));
        Assert.That(constant.OfType<ConstantLevelColorCurveOperation>().Single().White, Is.EqualTo(new[] { 0.9f, 1.1f, 1f }));
        Assert.That(constant.OfType<ColorCurveOperation>(), Is.Empty);
    }

    [Test]
    public void ZCombineAntiAliasesItsMaskOnlyWhenAsked()
    {
        var registry = BuiltinNodes.CreateRegistry();
        string graph = NotConstant(ReadGraph("z_combine_alpha_aa"), "Z1");
        var ops = OperationsOf(registry, graph);
        Assert.That(ops.OfType<AntiAliasOperation>().Count(), Is.EqualTo(1));
        Assert.That(ops.OfType<ZCombineMaskOperation>().Single().UseAlpha, Is.True);
        ops = OperationsOf(registry, graph.Replace("\"use_alpha\":true", "\"use_alpha\":true,\"use_antialias_z\":false", StringComparison.Ordinal));
        Assert.That(ops.OfType<AntiAliasOperation>(), Is.Empty);
        Assert.That(ops.OfType<ZCombineOperation>().Single().UseAlpha, Is.True);
    }

    /// <summary>Routes node <paramref name="name"/>'s output through a Tonemap, which is never folded into a constant, so the operations after it stay in the compiled graph.</summary>
    private static string NotConstant(string json, string name)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        root["nodes"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"name":"NotConstant","type":"CompositorNodeTonemap"}"""));
        var links = root["links"]!.AsArray();
        foreach (var link in links)
            if ((string)link!["from"]! == name)
                link["from"] = "NotConstant";
        string socket = (string)root["nodes"]!.AsArray().First(n => (string)n!["name"]! == name)!["type"]! == "CompositorNodeValue" ? "Value" : "RGBA";
        links.Add(System.Text.Json.Nodes.JsonNode.Parse($$"""{"from":"{{name}}","from_socket":"{{socket}}","to":"NotConstant","to_socket":"Image"}"""));
        foreach (var link in links)
            if ((string)link!["from"]! == "NotConstant") link["from_socket"] = "Image";
        return root.ToJsonString();
    }

    [Test]
    public void UnsupportedColorSpaceFailsTheGraphNamingIt()
    {
        string json = ReadGraph("convert_colorspace_aces").Replace("\"Linear ACEScg\"", "\"Filmic sRGB\"", StringComparison.Ordinal);
        var e = Assert.Throws<GraphException>(() => GraphRunner.RenderComposite(json));
        Assert.That(e!.Message, Does.Contain("Filmic sRGB"));
        string toLog = ReadGraph("convert_colorspace_aces").Replace("\"XYZ\"", "\"Filmic Log\"", StringComparison.Ordinal);
        e = Assert.Throws<GraphException>(() => GraphRunner.RenderComposite(toLog));
        Assert.That(e!.Message, Does.Contain("Filmic Log"));
    }

    [Test]
    public void TimeCurveMatchesBlenderAcrossTheFrameRange()
    {
        // Blender 3.4.1, frames 1..101, curve (0, 0.1) (0.5, 1.3) (1, 0.2): below the start, inside, at
        // and after the end.
        // Blender added the middle point, so it was selected and moved into the clipping rectangle (y 1).
        var json = System.Text.Json.JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0.1]},{"location":[0.5,1.3]},{"location":[1,0.2]}]}]}""").RootElement;
        var curve = CurveMappingReader.Read(json, CurveMappingDefaults.Time);
        var blender = new (int Frame, float Value)[]
        {
            (-5, 0.100000001f), (0, 0.100000001f), (1, 0.100000001f), (2, 0.188888282f), (26, 0.903418303f),
            (40, 0.983078957f), (50, 0.99934423f), (51, 1f), (75, 0.917548537f), (100, 0.260955244f),
            (101, 0.199999779f), (150, 0.199999779f),
        };
        foreach (var (frame, value) in blender)
            Assert.That(TimeNode.Evaluate(curve, frame, 1, 101), Is.EqualTo(value), $"frame {frame}");
        // A zero-length range: before it 0, at it 0, after it 1 (through the curve).
        Assert.That(TimeNode.Evaluate(curve, 9, 10, 10), Is.EqualTo(0.100000001f));
        Assert.That(TimeNode.Evaluate(curve, 10, 10, 10), Is.EqualTo(0.100000001f));
        Assert.That(TimeNode.Evaluate(curve, 11, 10, 10), Is.EqualTo(0.199999779f));
    }

    [Test]
    public void SceneTimeClampsNegativeFramesToZeroAsBlender()
    {
        string json = ReadGraph("scene_time_seconds").Replace("\"frame_current\": 7", "\"frame_current\": -12", StringComparison.Ordinal);
        var pixels = GraphRunner.RenderComposite(json);
        Assert.That(pixels.Take(4), Is.EqualTo(new[] { 0f, 0f, 0f, 1f }));
    }

    [Test]
    public void ColorBalanceSyncFormulasGiveBlendersValues()
    {
        // Blender 3.4.1 after setting offset (0.1, 0, 0): lift 1.1818182, gain 1.1; after slope (2, 1, 1): lift 2, gain 2; power 2: gamma 0.5.
        float[] lift = new float[3], gamma = new float[3], gain = new float[3];
        ColorBalanceNode.SyncFromCdl([0.1f, 0f, 0f], [2f, 1f, 1f], [1f, 1f, 1f], lift, gamma, gain);
        Assert.That(lift[0], Is.EqualTo(1.18181825f));
        Assert.That(gain[0], Is.EqualTo(1.10000002f));
        Assert.That(gamma[0], Is.EqualTo(0.5f));
        ColorBalanceNode.SyncFromCdl([0f, 0f, 0f], [1f, 1f, 1f], [2f, 1f, 1f], lift, gamma, gain);
        Assert.That((lift[0], gain[0]), Is.EqualTo((2f, 2f)));
        float[] offset = new float[3], power = new float[3], slope = new float[3];
        ColorBalanceNode.SyncFromLgg([1.1818182f, 1f, 1f], [1f, 0f, 1f], [1.1f, 1f, 1f], offset, power, slope);
        Assert.That(offset[0], Is.EqualTo(0.2f).Within(1e-6f));
        Assert.That(slope[0], Is.EqualTo(0.9f).Within(1e-6f));
        Assert.That(power[1], Is.EqualTo(1000000f), "gamma 0 gives Blender's power 1e6");
    }

    [Test]
    public void ColorBalanceDerivesTheActiveSetFromTheOtherWhenOnlyThatIsGiven()
    {
        // Offset/power/slope mode with only lift/gamma/gain given: as if Blender had synced them.
        string lggOnly = """
            {"version":1,"settings":{"resolution":[2,2]},"nodes":[
             {"name":"C","type":"CompositorNodeRGB","outputs":{"RGBA":[0.3,0.2,0.1,1]}},
             {"name":"N","type":"CompositorNodeColorBalance","properties":{"correction_method":"OFFSET_POWER_SLOPE","lift":[1.2,1,1],"gamma":[1,2,1],"gain":[1,1,0.5]}},
             {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[{"from":"C","from_socket":"RGBA","to":"N","to_socket":"Image"},{"from":"N","from_socket":"Image","to":"Composite","to_socket":"Image"}]}
            """;
        var pixels = GraphRunner.RenderComposite(lggOnly);
        float[] offset = new float[3], power = new float[3], slope = new float[3];
        ColorBalanceNode.SyncFromLgg([1.2f, 1f, 1f], [1f, 2f, 1f], [1f, 1f, 0.5f], offset, power, slope);
        for (int c = 0; c < 3; c++)
        {
            float x = MathF.Max(new[] { 0.3f, 0.2f, 0.1f }[c] * slope[c] + offset[c], 0f);
            Assert.That(pixels[c], Is.EqualTo(MathF.Pow(x, power[c])), $"channel {c}");
        }
    }

    [Test]
    public void BrightContrastLeavesTransparentPixelsUnscaledWhenUnpremultiplying()
    {
        var op = new BrightnessOperation(usePremultiply: true);
        var image = OpRunner.Buffer(Imaging.DataType.Color, 2, 0.2f, 0.4f, 0.6f, 0f, 0.2f, 0.4f, 0.6f, 1f);
        var result = OpRunner.Run(op, 2, 1, image, OpRunner.Constant(Imaging.DataType.Value, 10f), OpRunner.Constant(Imaging.DataType.Value, 0f));
        // Alpha 0: no division, the result premultiplied by 0 again.
        Assert.That(result.Take(4), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }));
        Assert.That(result.Skip(4), Is.EqualTo(new[] { 0.3f, 0.5f, 0.70000005f, 1f }));
    }

    [Test]
    public void HueCorrectWrapsTheShiftedHue()
    {
        // A hue curve at 1 everywhere shifts every hue by +0.5: red (hue 0) becomes cyan.
        var json = System.Text.Json.JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,1]},{"location":[1,1]}]},{"points":[{"location":[0,0.5]},{"location":[1,0.5]}]},{"points":[{"location":[0,0.5]},{"location":[1,0.5]}]}]}""").RootElement;
        var op = new HueCorrectOperation(CurveMappingReader.Read(json, CurveMappingDefaults.HueCorrect));
        var result = OpRunner.Run(op, 1, 1, OpRunner.Constant(Imaging.DataType.Value, 1f), OpRunner.Buffer(Imaging.DataType.Color, 1, 1f, 0f, 0f, 1f));
        Assert.That(result, Is.EqualTo(new[] { 0f, 1f, 1f, 1f }));
    }

    [Test]
    public void AntiAliasSmoothsAStaircaseEdgeAndKeepsFlatAreas()
    {
        Assert.That(AntiAliasOperation.Extrapolate(1, 1, 1, 1, 1, 1, 1, 1, 1), Is.EqualTo(1f));
        // A diagonal edge: the centre is blended (quantised to 1/255).
        float v = AntiAliasOperation.Extrapolate(0, 0, 0, 1, 1, 0, 1, 1, 1);
        Assert.That(v, Is.GreaterThan(0f).And.LessThan(1f));
        Assert.That(v * 255f, Is.EqualTo(MathF.Round(v * 255f)).Within(1e-3f));
    }

    private static IReadOnlyList<NodeOperation> Operations(NodeTypes.NodeRegistry registry, string name) => OperationsOf(registry, ReadGraph(name));

    private static IReadOnlyList<NodeOperation> OperationsOf(NodeTypes.NodeRegistry registry, string json)
    {
        var graph = GraphReader.ReadString(json);
        var compiled = Compile.GraphCompiler.Compile(graph, registry, new Compile.CompileSettings { Scene = graph.Settings });
        return compiled.Operations;
    }
}
