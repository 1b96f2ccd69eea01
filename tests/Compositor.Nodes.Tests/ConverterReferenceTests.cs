using System.Text.Json;
using Compositor.Imaging;
using Compositor.Nodes.Converter;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// The converter nodes' operations against Blender 3.4.1's own results for 96 input pixels per
/// configuration: Color Ramp (every interpolation, HSV/HSL with every hue direction, one stop,
/// coincident stops, factors outside 0..1), Separate/Combine Color in every mode and YCC standard,
/// the legacy HSVA/YCbCrA/YUVA combine nodes, ID Mask, Map Range (flat and reversed ranges, values
/// beyond ±10000, clamping), Map Value (bounds crossing) and the Normal node's Dot. Regenerate with
/// <c>tools/blender/make_converter_probe_spec.py</c> and <c>tools/blender/probe_pixel_ops.py</c>.
/// </summary>
[TestFixture]
public sealed class ConverterReferenceTests
{
    private const string FileName = "Blender/converter_ops_blender_3.4.1.json.gz";
    private const int Width = 12;
    private static readonly Lazy<BlenderReference> Reference = new(() => BlenderReference.FromFile(FileName));

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var suite in Reference.Value.Suites)
            for (int i = 0; i < suite.Results.Count; i++)
                yield return new TestCaseData(suite.Name, i).SetName($"Blender_{suite.Name}_{i}_{Describe(suite.Results[i])}");
    }

    [Test]
    public void ReferenceCoversEveryInterpolationAndMode()
    {
        var ramps = Reference.Value.Get("color_ramp").Results.Select(r => ColorRampNode.Parse(r.Config["color_ramp"])).ToList();
        Assert.That(ramps.Select(r => r.Interpolation).ToHashSet(), Is.EquivalentTo(Enum.GetValues<ColorBandInterpolation>()));
        Assert.That(ramps.Where(r => r.Mode == ColorBandMode.Hsv).Select(r => r.Hue).ToHashSet(), Is.EquivalentTo(Enum.GetValues<ColorBandHueInterpolation>()));
        Assert.That(ramps.Where(r => r.Mode == ColorBandMode.Hsl).Select(r => r.Hue).ToHashSet(), Is.EquivalentTo(Enum.GetValues<ColorBandHueInterpolation>()));
        var modes = Reference.Value.Get("comb_color").Results.Select(r => r.Config["mode"].GetString()).ToHashSet();
        Assert.That(modes, Is.EquivalentTo(new[] { "RGB", "HSV", "HSL", "YCC", "YUV" }));
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(string suiteName, int resultIndex)
    {
        var suite = Reference.Value.Get(suiteName);
        var result = suite.Results[resultIndex];
        int height = suite.Pixels / Width;
        MemoryBuffer Input(string name)
        {
            var (isValue, values) = suite.Inputs[name];
            return OpRunner.Buffer(isValue ? DataType.Value : DataType.Color, Width, values);
        }

        var actual = Evaluate(suiteName, result.Config, Input, height);
        var expected = result.Output;
        var failures = new List<string>();
        for (int p = 0; p < suite.Pixels; p++)
        {
            bool ok = true;
            for (int c = 0; c < 4; c++) ok &= FloatAssert.Close(actual[p * 4 + c], expected[p * 4 + c], 0f);
            if (!ok)
            {
                string inputs = string.Join("; ", suite.Inputs.Select(kv => kv.Value.IsValue
                    ? $"{kv.Key}={kv.Value.Values[p]:R}"
                    : $"{kv.Key}=({string.Join(", ", kv.Value.Values.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})"));
                failures.Add($"pixel {p}: {inputs} -> expected ({string.Join(", ", expected.Skip(p * 4).Take(4).Select(v => v.ToString("R")))}), got ({string.Join(", ", actual.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})");
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Runs the operations the node compiles to and returns RGBA per pixel as Blender's Composite shows it.</summary>
    private static float[] Evaluate(string suite, IReadOnlyDictionary<string, JsonElement> config, Func<string, MemoryBuffer> input, int height)
    {
        string Text(string key, string fallback) => config.TryGetValue(key, out var e) ? e.GetString()! : fallback;
        YccStandard Ycc(string key) => ColorModels.ParseYcc(Text(key, "ITUBT709"))!.Value;
        float[] Run(NodeOperation op, params MemoryBuffer[] inputs) => OpRunner.Run(op, Width, height, inputs);
        MemoryBuffer Color(float[] rgba) => OpRunner.Buffer(DataType.Color, Width, rgba);

        if (suite.StartsWith("sep_color_", StringComparison.Ordinal))
        {
            int channel = Array.IndexOf(["red", "green", "blue", "alpha"], suite["sep_color_".Length..]);
            var image = input("Image");
            var conversion = ColorChannelNodes.FromRgb(Text("mode", "RGB"));
            if (conversion is { } c) image = Color(Run(new ColorConversionOperation(c, Ycc("ycc_mode")), image));
            return Gray(Run(new SeparateChannelOperation(channel), image));
        }

        switch (suite)
        {
            case "color_ramp":
                return Run(new ColorRampOperation(ColorRampNode.Parse(config["color_ramp"])), input("Fac"));
            case "comb_color":
            case "comb_hsva":
            case "comb_ycca":
            case "comb_yuva":
            {
                string[] names = suite switch
                {
                    "comb_color" => ["Red", "Green", "Blue", "Alpha"],
                    "comb_hsva" => ["H", "S", "V", "A"],
                    "comb_ycca" => ["Y", "Cb", "Cr", "A"],
                    _ => ["Y", "U", "V", "A"],
                };
                var combined = Run(new CombineChannelsOperation(), names.Select(input).ToArray());
                ColorConversion? conversion = suite switch
                {
                    "comb_color" => ColorChannelNodes.ToRgb(Text("mode", "RGB")),
                    "comb_hsva" => ColorConversion.HsvToRgb,
                    "comb_ycca" => ColorConversion.YccToRgb,
                    _ => ColorConversion.YuvToRgb,
                };
                if (conversion is not { } c) return combined;
                return Run(new ColorConversionOperation(c, Ycc(suite == "comb_ycca" ? "mode" : "ycc_mode")), Color(combined));
            }

            case "id_mask":
                return Gray(Run(new IdMaskOperation(config["index"].GetInt32()), input("ID value")));
            case "map_range":
                return Gray(Run(new MapRangeOperation(config["use_clamp"].GetBoolean()),
                    input("Value"), input("From Min"), input("From Max"), input("To Min"), input("To Max")));
            case "map_value":
            {
                float First(string key, float fallback) => config.TryGetValue(key, out var e) ? e[0].GetSingle() : fallback;
                bool Flag(string key) => config.TryGetValue(key, out var e) && e.GetBoolean();
                var op = new MapValueOperation(First("offset", 0f), First("size", 1f), Flag("use_min") ? First("min", 0f) : null, Flag("use_max") ? First("max", 1f) : null);
                return Gray(Run(op, input("Value")));
            }

            case "normal_dot":
            {
                float[] direction = config.TryGetValue("output_defaults", out var d)
                    ? d.GetProperty("Normal").EnumerateArray().Select(x => x.GetSingle()).ToArray()
                    : [0f, 0f, 1f];
                var colors = input("Normal");
                var vectors = new float[Width * height * 3];
                var src = colors.Span;
                for (int i = 0, j = 0; j < vectors.Length; i += 4, j += 3)
                {
                    vectors[j] = src[i];
                    vectors[j + 1] = src[i + 1];
                    vectors[j + 2] = src[i + 2];
                }

                return Gray(Run(new DotProductOperation(), OpRunner.Buffer(DataType.Vector, Width, vectors),
                    OpRunner.Constant(DataType.Vector, NormalNode.Normalize(direction))));
            }

            default:
                throw new ArgumentException($"no evaluation for suite {suite}");
        }
    }

    /// <summary>A value output as Blender's Composite shows it: gray, alpha 1.</summary>
    private static float[] Gray(float[] values) => values.SelectMany(v => new[] { v, v, v, 1f }).ToArray();

    private static string Describe(BlenderReference.Result r)
    {
        if (!r.Config.TryGetValue("color_ramp", out var ramp)) return r.Describe();
        int stops = ramp.GetProperty("elements").GetArrayLength();
        return $"{ramp.GetProperty("interpolation").GetString()},{ramp.GetProperty("color_mode").GetString()},{ramp.GetProperty("hue_interpolation").GetString()},{stops}stops";
    }
}
