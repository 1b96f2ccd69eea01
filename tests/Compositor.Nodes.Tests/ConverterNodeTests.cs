using System.Text.Json;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Converter;
using Compositor.Nodes.Input;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Input;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// Edge cases Blender 3.4 defines for the converter nodes (ramp ends, hue wrap, rounding, flat
/// ranges, clamp flags, alpha 0, whole-image statistics), Bokeh Image's shape, and the nodes'
/// conversion in small graphs.
/// </summary>
[TestFixture]
public sealed class ConverterNodeTests
{
    private static ColorBand Band(string json) => ColorRampNode.Parse(JsonDocument.Parse(json).RootElement);

    private static float[] Eval(ColorBand band, float t)
    {
        var rgba = new float[4];
        band.Evaluate(t, rgba);
        return rgba;
    }

    private const string TwoStops = """{"elements":[{"position":0.2,"color":[1,0,0,1]},{"position":0.8,"color":[0,0,1,0.5]}]}""";

    [TestCase("LINEAR")]
    [TestCase("EASE")]
    [TestCase("CONSTANT")]
    public void RampKeepsEndColorsOutsideItsStops(string interpolation)
    {
        var band = Band(TwoStops.Replace("{\"elements\"", $"{{\"interpolation\":\"{interpolation}\",\"elements\""));
        FloatAssert.AllClose(Eval(band, -3f), [1f, 0f, 0f, 1f], 0f, "before");
        FloatAssert.AllClose(Eval(band, 0.2f), [1f, 0f, 0f, 1f], 0f, "at first stop");
        FloatAssert.AllClose(Eval(band, 0.95f), [0f, 0f, 1f, 0.5f], 0f, "after");
        FloatAssert.AllClose(Eval(band, float.NaN), [0f, 0f, 1f, 0.5f], 0f, "NaN reads as past the end");
    }

    [Test]
    public void RampLinearBlendsBetweenStops()
    {
        var band = Band(TwoStops);
        FloatAssert.AllClose(Eval(band, 0.5f), [0.5f, 0f, 0.5f, 0.75f], 1e-6f);
    }

    [Test]
    public void RampEaseIsSmoothstep()
    {
        var band = Band("""{"interpolation":"EASE","elements":[{"position":0,"color":[0,0,0,1]},{"position":1,"color":[1,1,1,1]}]}""");
        float t = 0.25f, s = 3 * t * t - 2 * t * t * t;
        FloatAssert.AllClose(Eval(band, t), [s, s, s, 1f], 1e-6f);
    }

    [Test]
    public void RampConstantTakesTheStopAtOrLeft()
    {
        var band = Band("""{"interpolation":"CONSTANT","elements":[{"position":0.2,"color":[1,0,0,1]},{"position":0.5,"color":[0,1,0,1]},{"position":0.8,"color":[0,0,1,1]}]}""");
        FloatAssert.AllClose(Eval(band, 0.49f), [1f, 0f, 0f, 1f], 0f);
        FloatAssert.AllClose(Eval(band, 0.5f), [0f, 1f, 0f, 1f], 0f);
    }

    [TestCase("B_SPLINE")]
    [TestCase("CARDINAL")]
    public void RampSplinesInterpolateBeyondTheEndsAndClamp(string interpolation)
    {
        var band = Band($$"""{"interpolation":"{{interpolation}}","elements":[{"position":0.3,"color":[1.6,0,0,1]},{"position":0.7,"color":[0,0,0,1]}]}""");
        var before = Eval(band, 0.1f);
        Assert.That(before[0], Is.EqualTo(1f), "red over 1 is clamped");
        var inside = Eval(band, 0.5f);
        Assert.That(inside[0], Is.GreaterThan(0f).And.LessThan(1f));
    }

    [Test]
    public void RampHsvNearWrapsThroughRed()
    {
        // Hues 0.9 (magenta-red) and 0.1 (orange): NEAR goes through hue 0, FAR through cyan (0.5).
        const string stops = "\"elements\":[{\"position\":0,\"color\":[1,0,0.6,1]},{\"position\":1,\"color\":[1,0.6,0,1]}]";
        var near = Eval(Band($$"""{"color_mode":"HSV","hue_interpolation":"NEAR",{{stops}}}"""), 0.5f);
        FloatAssert.AllClose(near[..3], [1f, 0f, 0f], 1e-5f, "near");
        var far = Eval(Band($$"""{"color_mode":"HSV","hue_interpolation":"FAR",{{stops}}}"""), 0.5f);
        FloatAssert.AllClose(far[..3], [0f, 1f, 1f], 1e-5f, "far");
    }

    [Test]
    public void RampHsvFarMakesAFullTurnBetweenEqualHues()
    {
        var band = Band("""{"color_mode":"HSV","hue_interpolation":"FAR","elements":[{"position":0,"color":[1,0,0,1]},{"position":1,"color":[1,0,0,1]}]}""");
        FloatAssert.AllClose(Eval(band, 0.5f)[..3], [0f, 1f, 1f], 1e-5f);
        var near = Band("""{"color_mode":"HSV","hue_interpolation":"NEAR","elements":[{"position":0,"color":[1,0,0,1]},{"position":1,"color":[1,0,0,1]}]}""");
        FloatAssert.AllClose(Eval(near, 0.5f)[..3], [1f, 0f, 0f], 1e-6f);
    }

    [Test]
    public void RampWithOneStopIsConstant()
    {
        var band = Band("""{"interpolation":"B_SPLINE","elements":[{"position":0.7,"color":[0.1,0.2,0.3,0.4]}]}""");
        foreach (float t in new[] { -1f, 0f, 0.7f, 2f }) FloatAssert.AllClose(Eval(band, t), [0.1f, 0.2f, 0.3f, 0.4f], 0f);
    }

    [Test]
    public void RampElementsAreSortedAndAlphaOverrides()
    {
        var band = Band("""{"elements":[{"position":0.9,"color":[0,0,1]},{"position":0.1,"color":[1,0,0,1],"alpha":0.25}]}""");
        Assert.That(band.Stops.Select(s => s.Position), Is.EqualTo(new[] { 0.1f, 0.9f }));
        Assert.That(band.Stops[0].A, Is.EqualTo(0.25f));
        Assert.That(band.Stops[1].A, Is.EqualTo(1f), "three components get alpha 1");
    }

    [TestCase("""{"interpolation":"SMOOTH"}""", "interpolation")]
    [TestCase("""{"color_mode":"LAB"}""", "color_mode")]
    [TestCase("""{"hue_interpolation":"UP"}""", "hue_interpolation")]
    [TestCase("""{"elements":[]}""", "at least one")]
    [TestCase("""{"elements":[{"position":1.5,"color":[0,0,0,1]}]}""", "outside 0..1")]
    [TestCase("""{"elements":[{"position":0.5,"color":[0,0]}]}""", "3 or 4 numbers")]
    public void RampRejectsMalformedSettings(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => Band(json))!;
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void RampRejectsMoreThan32Elements()
    {
        string elements = string.Join(",", Enumerable.Range(0, 33).Select(i => $$"""{"position":{{i / 40.0:R}},"color":[0,0,0,1]}"""));
        Assert.Throws<FormatException>(() => Band($$"""{"elements":[{{elements}}]}"""));
    }

    [Test]
    public void RampNodeReportsBadRampWhenTheGraphIsLoaded()
    {
        var graph = GraphReader.ReadString(Graph("""{"name":"Ramp","type":"CompositorNodeValToRGB","properties":{"color_ramp":{"interpolation":"SMOOTH"}}}""", "Ramp", "Image"));
        var e = Assert.Throws<GraphException>(() => Renderer().Compile(graph))!;
        Assert.That(e.Message, Does.Contain("SMOOTH"));
    }

    [Test]
    public void ColorConversionsRoundTrip()
    {
        float[] color = [0.3f, 0.6f, 0.2f, 0.5f];
        foreach (var (to, back) in new[] { (ColorConversion.RgbToHsv, ColorConversion.HsvToRgb), (ColorConversion.RgbToHsl, ColorConversion.HslToRgb), (ColorConversion.RgbToYuv, ColorConversion.YuvToRgb) })
        {
            var converted = OpRunner.Run(new ColorConversionOperation(to), 1, 1, OpRunner.Buffer(DataType.Color, 1, color));
            var result = OpRunner.Run(new ColorConversionOperation(back), 1, 1, OpRunner.Buffer(DataType.Color, 1, converted));
            FloatAssert.AllClose(result, color, 1e-5f, to.ToString());
        }

        foreach (var standard in Enum.GetValues<YccStandard>())
        {
            var converted = OpRunner.Run(new ColorConversionOperation(ColorConversion.RgbToYcc, standard), 1, 1, OpRunner.Buffer(DataType.Color, 1, color));
            var result = OpRunner.Run(new ColorConversionOperation(ColorConversion.YccToRgb, standard), 1, 1, OpRunner.Buffer(DataType.Color, 1, converted));
            // Blender's forward and inverse YCC coefficients are rounded independently.
            FloatAssert.AllClose(result, color, 5e-3f, standard.ToString());
        }
    }

    [Test]
    public void YccIsScaledTo01AndKeepsAlpha()
    {
        var ycc = OpRunner.Run(new ColorConversionOperation(ColorConversion.RgbToYcc, YccStandard.ItuBt709), 1, 1, OpRunner.Buffer(DataType.Color, 1, 0f, 0f, 0f, 0.25f));
        FloatAssert.AllClose(ycc, [16f / 255f, 128f / 255f, 128f / 255f, 0.25f], 1e-6f);
    }

    [TestCase(ColorConversion.HsvToRgb)]
    [TestCase(ColorConversion.HslToRgb)]
    public void HueModelsToRgbNeverGoNegative(ColorConversion conversion)
    {
        // Saturation above 1 drives channels below zero; Blender raises them to 0.
        var rgb = OpRunner.Run(new ColorConversionOperation(conversion), 1, 1, OpRunner.Buffer(DataType.Color, 1, 0.5f, 2f, 0.5f, 1f));
        Assert.That(rgb.Take(3), Has.All.GreaterThanOrEqualTo(0f));
        Assert.That(rgb.Take(3).Min(), Is.EqualTo(0f));
    }

    [Test]
    public void IdMaskRoundsHalfAwayFromZero()
    {
        var mask = OpRunner.Run(new IdMaskOperation(2), 5, 1, OpRunner.Buffer(DataType.Value, 5, 1.5f, 2.49f, 2.5f, 1.49f, 2f));
        Assert.That(mask, Is.EqualTo(new[] { 1f, 1f, 0f, 0f, 1f }));
        var zero = OpRunner.Run(new IdMaskOperation(0), 3, 1, OpRunner.Buffer(DataType.Value, 3, -0.5f, -0.49f, 0.49f));
        Assert.That(zero, Is.EqualTo(new[] { 0f, 1f, 1f }));
    }

    [Test]
    public void IdMaskAntiAliasingSmoothsOnlyTheMasksEdges([Values(ExecutionModel.FullFrame, ExecutionModel.Tiled)] ExecutionModel model)
    {
        // A rotated box (value 1 inside) as the ID pass: its mask has staircase edges.
        string Mask(bool aa) => $$$"""
            {"version":1,"settings":{"resolution":[32,32]},
             "nodes":[{"name":"Box","type":"CompositorNodeBoxMask","properties":{"x":0.5,"y":0.5,"width":0.6,"height":0.4,"rotation":0.4},"inputs":{"Mask":0,"Value":1}},
                      {"name":"Id","type":"CompositorNodeIDMask","properties":{"index":1,"use_antialiasing":{{{(aa ? "true" : "false")}}}}},
                      {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[{"from":"Box","from_socket":"Mask","to":"Id","to_socket":"ID value"},
                      {"from":"Id","from_socket":"Alpha","to":"Composite","to_socket":"Image"}]}
            """;
        var hard = GraphRunner.RenderComposite(Mask(false), model);
        var soft = GraphRunner.RenderComposite(Mask(true), model);
        Assert.That(hard.Where((_, i) => i % 4 == 0).All(v => v is 0f or 1f), Is.True);
        int blended = 0;
        for (int i = 0; i < hard.Length; i += 4)
        {
            if (soft[i] is > 0f and < 1f) blended++;
            Assert.That(soft[i + 3], Is.EqualTo(1f));
            Assert.That(soft[i], Is.EqualTo(soft[i + 1]), "the smoothed mask stays gray");
            // Far from the edges (all 8 neighbours equal) the mask is unchanged.
            int p = i / 4, x = p % 32, y = p / 32;
            bool interior = x > 1 && y > 1 && x < 30 && y < 30 &&
                Enumerable.Range(-2, 5).All(dy => Enumerable.Range(-2, 5).All(dx => hard[((y + dy) * 32 + x + dx) * 4] == hard[i]));
            if (interior) Assert.That(soft[i], Is.EqualTo(hard[i]), $"({x},{y})");
        }

        Assert.That(blended, Is.GreaterThan(10), "the staircase edges are smoothed");
    }

    [Test]
    public void MapRangeEdges()
    {
        float[] Run(bool clamp, float v, float fromMin, float fromMax, float toMin, float toMax) =>
            OpRunner.RunFolded(new MapRangeOperation(clamp), [.. new[] { v, fromMin, fromMax, toMin, toMax }.Select(x => OpRunner.Constant(DataType.Value, x))]);
        Assert.That(Run(false, 0.5f, 0.3f, 0.3000001f, 0f, 1f)[0], Is.EqualTo(0f), "source range under 1e-6");
        Assert.That(Run(false, 2f, 0f, 1f, 0f, 10f)[0], Is.EqualTo(20f), "unclamped extrapolates");
        Assert.That(Run(true, 2f, 0f, 1f, 0f, 10f)[0], Is.EqualTo(10f));
        Assert.That(Run(true, 2f, 0f, 1f, 10f, 0f)[0], Is.EqualTo(0f), "reversed target clamps to its own bounds");
        Assert.That(Run(false, 20000f, 0f, 1f, 3f, 5f)[0], Is.EqualTo(5f), "beyond +10000: the target maximum");
        Assert.That(Run(false, -20000f, 0f, 1f, 3f, 5f)[0], Is.EqualTo(3f), "beyond -10000: the target minimum");
    }

    [Test]
    public void MapValueAppliesMinimumThenMaximum()
    {
        var op = new MapValueOperation(1f, 2f, 0.6f, 0.4f);
        Assert.That(OpRunner.RunFolded(op, OpRunner.Constant(DataType.Value, -1f))[0], Is.EqualTo(0.4f));
        var free = new MapValueOperation(1f, 2f, null, null);
        Assert.That(OpRunner.RunFolded(free, OpRunner.Constant(DataType.Value, 0.5f))[0], Is.EqualTo(3f));
    }

    [Test]
    public void NormalDirectionIsNormalizedAndZeroStaysZero()
    {
        FloatAssert.AllClose(NormalNode.Normalize([0f, 3f, 4f]), [0f, 0.6f, 0.8f], 1e-6f);
        FloatAssert.AllClose(NormalNode.Normalize([0f, 0f, 0f]), [0f, 0f, 0f], 0f);
        var dot = OpRunner.RunFolded(new DotProductOperation(), OpRunner.Constant(DataType.Vector, 0f, 0f, 1f), OpRunner.Constant(DataType.Vector, 0f, 0.6f, 0.8f));
        Assert.That(dot[0], Is.EqualTo(-0.8f).Within(1e-7f));
    }

    [Test]
    public void NormalizeUsesTheWholeInputIgnoringOutliers()
    {
        var input = OpRunner.Buffer(DataType.Value, 3, 2f, 4f, 20000f, float.NaN, 3f, -50000f);
        var result = OpRunner.Run(new NormalizeOperation(), 3, 2, input);
        // Range 2..4 (±10000 and NaN ignored); beyond it clamped to 0..1.
        FloatAssert.AllClose(result, [0f, 1f, 1f, float.NaN, 0.5f, 0f], 1e-6f);
        Assert.That(NormalizeOperation.Range(OpRunner.Buffer(DataType.Value, 2, 5f, 5f)).Multiply, Is.EqualTo(0f), "flat input");
    }

    [Test]
    public void NormalizeOfAFlatImageIsZero()
    {
        var result = OpRunner.Run(new NormalizeOperation(), 2, 1, OpRunner.Buffer(DataType.Value, 2, 7f, 7f));
        Assert.That(result, Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void LevelsCountsOnlyPixelsWithAlpha()
    {
        var image = OpRunner.Buffer(DataType.Color, 4,
            0.2f, 0.4f, 0.6f, 1f,
            0.4f, 0.4f, 0.2f, 0.5f,
            9f, 9f, 9f, 0f,
            0.6f, 0f, 0f, 1f);
        Assert.That(LevelsOperation.Compute(image, LevelsChannel.Red, LevelsStatistic.Mean), Is.EqualTo(0.4f).Within(1e-6f));
        // Sample standard deviation of 0.2, 0.4, 0.6.
        Assert.That(LevelsOperation.Compute(image, LevelsChannel.Red, LevelsStatistic.StandardDeviation), Is.EqualTo(0.2f).Within(1e-6f));
        Assert.That(LevelsOperation.Compute(image, LevelsChannel.Blue, LevelsStatistic.Mean), Is.EqualTo(0.8f / 3f).Within(1e-6f));
        float luma = (0.2126f * 0.2f + 0.7152f * 0.4f + 0.0722f * 0.6f + 0.2126f * 0.4f + 0.7152f * 0.4f + 0.0722f * 0.2f + 0.2126f * 0.6f) / 3f;
        Assert.That(LevelsOperation.Compute(image, LevelsChannel.CombinedRgb, LevelsStatistic.Mean), Is.EqualTo(luma).Within(1e-6f));
        Assert.That(LevelsOperation.Compute(image, LevelsChannel.Luminance, LevelsStatistic.Mean), Is.EqualTo(luma).Within(1e-6f));
    }

    [Test]
    public void LevelsOfNoOrOneVisiblePixel()
    {
        var none = OpRunner.Buffer(DataType.Color, 1, 0.5f, 0.5f, 0.5f, 0f);
        Assert.That(LevelsOperation.Compute(none, LevelsChannel.Red, LevelsStatistic.Mean), Is.EqualTo(0f));
        var one = OpRunner.Buffer(DataType.Color, 1, 0.5f, 0.5f, 0.5f, 1f);
        Assert.That(LevelsOperation.Compute(one, LevelsChannel.Red, LevelsStatistic.StandardDeviation), Is.EqualTo(0f));
        var op = new LevelsOperation(LevelsChannel.Green, LevelsStatistic.Mean);
        op.InitializeExecution(new RenderContext());
        Assert.That(OpRunner.Run(op, 1, 1, one), Is.EqualTo(new[] { 0.5f }));
    }

    [Test]
    public void BokehImageIs512AtThePreferredOrigin()
    {
        var op = new BokehImageOperation(new BokehSettings(5, 0f, 0f, 0f, 0f));
        var canvas = op.DetermineCanvas(new Rect(10, 20, 100, 100), null!);
        Assert.That(canvas, Is.EqualTo(new Rect(10, 20, 10 + 512, 20 + 512)));
    }

    [Test]
    public void BokehImageShape()
    {
        var op = new BokehImageOperation(new BokehSettings(6, 0.3f, 0.2f, 0.1f, 0f)) { Canvas = Rect.FromSize(512, 512) };
        var pixels = OpRunner.Run(op, 512, 512);
        float[] At(int x, int y) => pixels.AsSpan((y * 512 + x) * 4, 4).ToArray();
        FloatAssert.AllClose(At(256 + 100, 256), [1f, 1f, 1f, 1f], 0f, "inside the blades");
        FloatAssert.AllClose(At(256, 256), [0f, 0f, 0f, 0f], 0f, "the catadioptric hole");
        FloatAssert.AllClose(At(2, 2), [0f, 0f, 0f, 0f], 0f, "corner");
        // Soft edges: some pixels are partly covered.
        Assert.That(Enumerable.Range(0, 512).Any(x => At(x, 256)[3] is > 0f and < 1f), Is.True);
    }

    [Test]
    public void BokehLensShiftSplitsTheChannels()
    {
        var positive = new BokehImageOperation(new BokehSettings(8, 0f, 1f, 0f, 0.5f)) { Canvas = Rect.FromSize(512, 512) };
        var negative = new BokehImageOperation(new BokehSettings(8, 0f, 1f, 0f, -0.5f)) { Canvas = Rect.FromSize(512, 512) };
        var p = OpRunner.Run(positive, 512, 512);
        var n = OpRunner.Run(negative, 512, 512);
        int i = (256 * 512 + 256 + 200) * 4; // between the smallest and the largest disc
        Assert.That((p[i], p[i + 2]), Is.EqualTo((0f, 1f)), "positive shift: red disc smallest");
        Assert.That((n[i], n[i + 2]), Is.EqualTo((1f, 0f)), "negative shift: blue disc smallest");
    }

    [TestCase(true, 0.1f)]
    [TestCase(false, 0.7f)]
    public void SwitchPassesOnOrOff(bool check, float red)
    {
        string json = Graph($$$"""
            {"name":"On","type":"CompositorNodeRGB","outputs":{"RGBA":[0.1,0.2,0.3,1]}},
            {"name":"Off","type":"CompositorNodeRGB","outputs":{"RGBA":[0.7,0.8,0.9,1]}},
            {"name":"Switch","type":"CompositorNodeSwitch","properties":{"check":{{{(check ? "true" : "false")}}}}}
            """, "Switch", "Image", """{"from":"On","from_socket":"RGBA","to":"Switch","to_socket":"On"},{"from":"Off","from_socket":"RGBA","to":"Switch","to_socket":"Off"},""");
        Assert.That(GraphRunner.RenderComposite(json)[0], Is.EqualTo(red).Within(1e-6f));
    }

    [Test]
    public void SwitchUsesTheUnlinkedInputsValue()
    {
        string json = Graph("""{"name":"Switch","type":"CompositorNodeSwitch","properties":{"check":true},"inputs":{"On":[0.25,0.5,0.75,1]}}""", "Switch", "Image");
        FloatAssert.AllClose(GraphRunner.RenderComposite(json).AsSpan(0, 4), [0.25f, 0.5f, 0.75f, 1f], 1e-6f);
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void CombineXyzFeedsSeparateXyz(ExecutionModel model)
    {
        string json = Graph("""
            {"name":"Comb","type":"CompositorNodeCombineXYZ","inputs":{"X":0.1,"Y":0.2,"Z":0.3}},
            {"name":"Sep","type":"CompositorNodeSeparateXYZ"},
            {"name":"Out","type":"CompositorNodeCombRGBA","inputs":{"A":1}}
            """, "Out", "Image", """
            {"from":"Comb","from_socket":"Vector","to":"Sep","to_socket":"Vector"},
            {"from":"Sep","from_socket":"Z","to":"Out","to_socket":"R"},
            {"from":"Sep","from_socket":"X","to":"Out","to_socket":"B"},
            """);
        FloatAssert.AllClose(GraphRunner.RenderComposite(json, model).AsSpan(0, 4), [0.3f, 0f, 0.1f, 1f], 1e-6f);
    }

    [Test]
    public void NormalNodeDefaultsFaceTheViewer()
    {
        // Unlinked Normal input (0, 0, 1) against the default direction (0, 0, 1): Dot = -1.
        string json = Graph("""{"name":"N","type":"CompositorNodeNormal"}""", "N", "Dot");
        FloatAssert.AllClose(GraphRunner.RenderComposite(json).AsSpan(0, 4), [-1f, -1f, -1f, 1f], 1e-6f);
    }

    [Test]
    public void MapValueNodeReadsOneElementArrays()
    {
        string json = Graph("""{"name":"M","type":"CompositorNodeMapValue","properties":{"offset":[0.5],"size":[2],"use_max":true,"max":[1.5]},"inputs":{"Value":0.2}}""", "M", "Value");
        Assert.That(GraphRunner.RenderComposite(json)[0], Is.EqualTo(1.4f).Within(1e-6f));
    }

    [Test]
    public void LevelsNodeOutputsConstantsOverTheImage()
    {
        // Mean of a constant color over the frame: its luminance; deviation 0.
        string json = Graph("""
            {"name":"C","type":"CompositorNodeRGB","outputs":{"RGBA":[0.2,0.4,0.6,1]}},
            {"name":"L","type":"CompositorNodeLevels"},
            {"name":"Out","type":"CompositorNodeCombRGBA","inputs":{"A":1}}
            """, "Out", "Image", """
            {"from":"C","from_socket":"RGBA","to":"L","to_socket":"Image"},
            {"from":"L","from_socket":"Mean","to":"Out","to_socket":"R"},
            {"from":"L","from_socket":"Std Dev","to":"Out","to_socket":"G"},
            """);
        float luma = 0.2126f * 0.2f + 0.7152f * 0.4f + 0.0722f * 0.6f;
        FloatAssert.AllClose(GraphRunner.RenderComposite(json).AsSpan(0, 4), [luma, 0f, 0f, 1f], 1e-6f);
    }

    [TestCase("CompositorNodeSepHSVA", "H", "CompositorNodeCombHSVA", "H")]
    [TestCase("CompositorNodeSepYUVA", "Y", "CompositorNodeCombYUVA", "Y")]
    [TestCase("CompositorNodeSepYCCA", "Y", "CompositorNodeCombYCCA", "Y")]
    public void LegacySeparateCombineRoundTrip(string separate, string first, string combine, string firstIn)
    {
        string[] outs = separate switch
        {
            "CompositorNodeSepHSVA" => ["H", "S", "V", "A"],
            "CompositorNodeSepYUVA" => ["Y", "U", "V", "A"],
            _ => ["Y", "Cb", "Cr", "A"],
        };
        var links = string.Concat(outs.Select(o => $$"""{"from":"S","from_socket":"{{o}}","to":"C","to_socket":"{{o}}"},"""));
        string json = Graph($$$"""
            {"name":"Col","type":"CompositorNodeRGB","outputs":{"RGBA":[0.3,0.6,0.2,0.5]}},
            {"name":"S","type":"{{{separate}}}"},
            {"name":"C","type":"{{{combine}}}"}
            """, "C", "Image", $$"""{"from":"Col","from_socket":"RGBA","to":"S","to_socket":"Image"},{{links}}""");
        Assert.That(first, Is.EqualTo(firstIn));
        FloatAssert.AllClose(GraphRunner.RenderComposite(json).AsSpan(0, 4), [0.3f, 0.6f, 0.2f, 0.5f], 5e-3f);
    }

    private static Rendering.Renderer Renderer() => new(BuiltinNodes.CreateRegistry(), new Devices.WorkScheduler(1));

    /// <summary>A 4 × 4 graph: <paramref name="nodes"/>, a Composite fed from <paramref name="node"/>'s <paramref name="socket"/>, and <paramref name="links"/>.</summary>
    internal static string Graph(string nodes, string node, string socket, string links = "") => $$$"""
        {"version":1,"settings":{"resolution":[4,4]},
         "nodes":[{{{nodes}}},{"name":"Composite","type":"CompositorNodeComposite"}],
         "links":[{{{links}}}{"from":"{{{node}}}","from_socket":"{{{socket}}}","to":"Composite","to_socket":"Image"}]}
        """;
}
