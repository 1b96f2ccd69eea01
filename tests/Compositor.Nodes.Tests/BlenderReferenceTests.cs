using Compositor.Imaging;
using Compositor.Nodes.Color;
using Compositor.Nodes.Converter;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Math;
using Compositor.Nodes.Operations.Mix;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// Each pixel operation against Blender 3.4.1's own results for 96 input pixels per node
/// configuration (every blend type, math operation, clamp and alpha option): hand-picked edge cases
/// (zero, negative and HDR components, gray colors, transparent and over-opaque alpha, factors
/// outside 0..1, division by zero, negative bases, out-of-range arcsines) and seeded random values.
/// Regenerate with <c>tools/blender/make_probe_spec.py</c> and <c>tools/blender/probe_pixel_ops.py</c>.
/// </summary>
[TestFixture]
public sealed class BlenderReferenceTests
{
    private const int Width = 12;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var suite in BlenderReference.Instance.Suites)
            for (int i = 0; i < suite.Results.Count; i++)
                yield return new TestCaseData(suite.Name, i).SetName($"Blender_{suite.Name}_{suite.Results[i].Describe()}");
    }

    [Test]
    public void ReferenceCoversEveryBlendTypeAndMathOperation()
    {
        var reference = BlenderReference.Instance;
        var blendTypes = reference.Get("mix").Results.Select(r => MixBlendTypes.Parse(r.Config["blend_type"].GetString()!)!.Value).ToHashSet();
        Assert.That(blendTypes, Is.EquivalentTo(Enum.GetValues<MixBlendType>()));
        var mathOps = reference.Get("math").Results.Select(r => MathOperationTypes.Parse(r.Config["operation"].GetString()!)!.Value).ToHashSet();
        Assert.That(mathOps, Is.EquivalentTo(Enum.GetValues<MathOperationType>()));
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(string suiteName, int resultIndex)
    {
        var suite = BlenderReference.Instance.Get(suiteName);
        var result = suite.Results[resultIndex];
        var (op, inputNames) = Create(suiteName, result.Config);
        int height = suite.Pixels / Width;
        var inputs = inputNames.Select(n =>
        {
            var (isValue, values) = suite.Inputs[n];
            return OpRunner.Buffer(isValue ? DataType.Value : DataType.Color, Width, values);
        }).ToArray();
        var actual = OpRunner.Run(op, Width, height, inputs);
        if (op.OutputType == DataType.Value)
        {
            // Blender's Composite shows a value as gray with alpha 1.
            actual = actual.SelectMany(v => new[] { v, v, v, 1f }).ToArray();
        }

        var expected = result.Output;
        var failures = new List<string>();
        for (int p = 0; p < suite.Pixels; p++)
        {
            bool ok = true;
            for (int c = 0; c < 4; c++) ok &= FloatAssert.Close(actual[p * 4 + c], expected[p * 4 + c], 0f);
            if (!ok)
            {
                string inputsText = string.Join("; ", inputNames.Select(n =>
                {
                    var (isValue, values) = suite.Inputs[n];
                    return isValue ? $"{n}={values[p]:R}" : $"{n}=({string.Join(", ", values.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})";
                }));
                failures.Add($"pixel {p}: {inputsText} -> expected ({string.Join(", ", expected.Skip(p * 4).Take(4).Select(v => v.ToString("R")))}), got ({string.Join(", ", actual.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})");
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
    }

    private static (NodeOperation Op, string[] Inputs) Create(string suite, IReadOnlyDictionary<string, System.Text.Json.JsonElement> config)
    {
        bool Bool(string key) => config[key].GetBoolean();
        string Text(string key) => config[key].GetString()!;
        return suite switch
        {
            "mix" => (new MixOperation(MixBlendTypes.Parse(Text("blend_type"))!.Value, Bool("use_alpha"), Bool("use_clamp")), ["Fac", "Image", "Image_001"]),
            "math" => (new MathOperation(MathOperationTypes.Parse(Text("operation"))!.Value, Bool("use_clamp")), ["Value", "Value_001", "Value_002"]),
            "alpha_over" => (AlphaOverNode.CreateOperation(Bool("use_premultiply"), config["premul"].GetSingle()), ["Fac", "Image", "Image_001"]),
            "set_alpha" => (SetAlphaNode.CreateOperation(Text("mode"))!, ["Image", "Alpha"]),
            "invert" => (new InvertOperation(Bool("invert_rgb"), Bool("invert_alpha")), ["Fac", "Color"]),
            "rgb_to_bw" => (new ColorToBwOperation(), ["Image"]),
            "comb_rgba" => (new CombineChannelsOperation(), ["R", "G", "B", "A"]),
            "hue_sat" => (new HueSaturationValueOperation(), ["Image", "Hue", "Saturation", "Value", "Fac"]),
            _ => throw new ArgumentException($"no operation for suite {suite}"),
        };
    }
}
