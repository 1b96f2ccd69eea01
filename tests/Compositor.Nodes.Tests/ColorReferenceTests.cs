using System.Text.Json;
using Compositor.Imaging;
using Compositor.Nodes.Color;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Curves;
using Compositor.Nodes.Operations.Math;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// The color nodes' operations against Blender 3.4.1's own results for 96 input pixels per
/// configuration: RGB Curves (constant and linked levels, film-like tone, horizontal extension),
/// Vector Curves, Hue Correct, Bright/Contrast, Color Balance (both methods), Color Correction,
/// Exposure, Posterize, Z Combine (with and without alpha and anti-aliasing), Convert Colorspace
/// and Tonemap (whole-image statistics of the 12 × 8 input). Inputs mix edge cases (negative and
/// HDR components, zero and over-opaque alpha, factors outside 0..1, equal depths) with seeded
/// random values. Regenerate with <c>tools/blender/make_color_probe_spec.py</c> and
/// <c>tools/blender/probe_pixel_ops.py</c>.
/// </summary>
[TestFixture]
public sealed class ColorReferenceTests
{
    private const int Width = 12;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var suite in BlenderReference.Color.Suites)
            for (int i = 0; i < suite.Results.Count; i++)
                yield return new TestCaseData(suite.Name, i).SetName($"Blender_{suite.Name}_{i}");
    }

    /// <summary>Relative tolerance per suite: exact where Blender's arithmetic is reproduced step by step.</summary>
    private static float Tolerance(string suite) => suite switch
    {
        // OpenColorIO samples the sRGB curve into a 1D LUT and interpolates; we evaluate the curve.
        "convert_colorspace" => 2e-4f,
        // Lift/gamma/gain raises to powers with a polynomial pow (VectorMath.PowPositive, vectorised),
        // which is within a few units in the last place of powf (relative error below 3e-6).
        "color_balance" => 3e-6f,
        // Whole-image float sums: Blender adds the partial sums of its worker chunks.
        "tonemap" => 0f,
        _ => 0f,
    };

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(string suiteName, int resultIndex)
    {
        var suite = BlenderReference.Color.Get(suiteName);
        var result = suite.Results[resultIndex];
        int height = suite.Pixels / Width;
        var buffers = suite.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.IsValue
            ? OpRunner.Buffer(DataType.Value, Width, kv.Value.Values)
            : OpRunner.Buffer(DataType.Color, Width, kv.Value.Values));
        float[] actual = Run(suite, result.Config, buffers, height);

        var expected = result.Output;
        float tolerance = Tolerance(suiteName);
        var failures = new List<string>();
        for (int p = 0; p < suite.Pixels; p++)
        {
            bool ok = true;
            for (int c = 0; c < 4; c++) ok &= FloatAssert.Close(actual[p * 4 + c], expected[p * 4 + c], tolerance);
            if (!ok)
            {
                string inputs = string.Join("; ", suite.Inputs.Select(kv => kv.Value.IsValue
                    ? $"{kv.Key}={kv.Value.Values[p]:R}"
                    : $"{kv.Key}=({string.Join(", ", kv.Value.Values.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})"));
                failures.Add($"pixel {p}: {inputs} -> expected ({string.Join(", ", expected.Skip(p * 4).Take(4).Select(v => v.ToString("R")))}), got ({string.Join(", ", actual.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})");
            }
        }

        Assert.That(failures, Is.Empty, $"{result.Describe()}: {failures.Count} pixels differ\n" + string.Join("\n", failures.Take(10)));
    }

    private static float[] Run(BlenderReference.Suite suite, IReadOnlyDictionary<string, JsonElement> config, Dictionary<string, MemoryBuffer> inputs, int height)
    {
        bool Bool(string key, bool fallback) => config.TryGetValue(key, out var v) ? v.GetBoolean() : fallback;
        float Float(string key, float fallback) => config.TryGetValue(key, out var v) ? v.GetSingle() : fallback;
        float[] Floats(string key, float[] fallback) => config.TryGetValue(key, out var v) ? v.EnumerateArray().Select(x => x.GetSingle()).ToArray() : fallback;
        string Text(string key, string fallback) => config.TryGetValue(key, out var v) ? v.GetString()! : fallback;
        CurveMapping Mapping(CurveMappingDefaults defaults) => CurveMappingReader.Read(config.TryGetValue("mapping", out var m) ? m : null, defaults);
        float[] Constant(string socket, float[] fallback) => suite.Constants.TryGetValue(socket, out var v) ? v : fallback;

        switch (suite.Name)
        {
            case "curves_rgb":
            case "curves_rgb_levels_constant":
                return OpRunner.Run(new ConstantLevelColorCurveOperation(Mapping(CurveMappingDefaults.RgbCurves),
                    Constant("Black Level", [0, 0, 0, 1]), Constant("White Level", [1, 1, 1, 1])), Width, height, inputs["Fac"], inputs["Image"]);
            case "curves_rgb_levels_linked":
                return OpRunner.Run(new ColorCurveOperation(Mapping(CurveMappingDefaults.RgbCurves)), Width, height,
                    inputs["Fac"], inputs["Image"], inputs["Black Level"], inputs["White Level"]);
            case "curve_vec":
            {
                var color = suite.Inputs["Vector"].Values;
                var vector = new float[color.Length / 4 * 3];
                for (int p = 0; p < color.Length / 4; p++) Array.Copy(color, p * 4, vector, p * 3, 3);
                var output = OpRunner.Run(new VectorCurveOperation(Mapping(CurveMappingDefaults.VectorCurves)), Width, height, OpRunner.Buffer(DataType.Vector, Width, vector));
                return Enumerable.Range(0, output.Length / 3).SelectMany(p => new[] { output[p * 3], output[p * 3 + 1], output[p * 3 + 2], 1f }).ToArray();
            }

            case "hue_correct":
                return OpRunner.Run(new HueCorrectOperation(Mapping(CurveMappingDefaults.HueCorrect)), Width, height, inputs["Fac"], inputs["Image"]);
            case "bright_contrast":
                return OpRunner.Run(new BrightnessOperation(Bool("use_premultiply", true)), Width, height, inputs["Image"], inputs["Bright"], inputs["Contrast"]);
            case "color_balance":
            {
                NodeOperation op = Text("correction_method", "LIFT_GAMMA_GAIN") == "LIFT_GAMMA_GAIN"
                    ? new ColorBalanceLggOperation(Floats("lift", [1, 1, 1]), Floats("gamma", [1, 1, 1]), Floats("gain", [1, 1, 1]))
                    : new ColorBalanceCdlOperation(Floats("offset", [0, 0, 0]).Select(v => v + Float("offset_basis", 0f)).ToArray(), Floats("power", [1, 1, 1]), Floats("slope", [1, 1, 1]));
                return OpRunner.Run(op, Width, height, inputs["Fac"], inputs["Image"]);
            }

            case "color_correction":
            {
                ColorCorrectionSettings Range(string prefix) => new(
                    Float(prefix + "_saturation", 1f), Float(prefix + "_contrast", 1f), Float(prefix + "_gamma", 1f),
                    Float(prefix + "_gain", 1f), Float(prefix + "_lift", 0f));
                var op = new ColorCorrectionOperation(Range("master"), Range("shadows"), Range("midtones"), Range("highlights"),
                    Float("midtones_start", 0.2f), Float("midtones_end", 0.7f), Bool("red", true), Bool("green", true), Bool("blue", true));
                return OpRunner.Run(op, Width, height, inputs["Image"], inputs["Mask"]);
            }

            case "exposure":
                return OpRunner.Run(new ExposureOperation(), Width, height, inputs["Image"], inputs["Exposure"]);
            case "posterize":
                return OpRunner.Run(new PosterizeOperation(), Width, height, inputs["Image"], inputs["Steps"]);
            case "z_combine":
                return RunZCombine(Bool("use_alpha", false), Bool("use_antialias_z", true), inputs, height);
            case "convert_colorspace":
            {
                var conversion = ColorSpaces.Create(Text("from_color_space", "Linear"), Text("to_color_space", "Linear"));
                if (conversion is null) return (float[])suite.Inputs["Image"].Values.Clone();
                return OpRunner.Run(new ConvertColorSpaceOperation(conversion), Width, height, inputs["Image"]);
            }

            case "tonemap":
            {
                var settings = new TonemapSettings(Text("tonemap_type", "RD_PHOTORECEPTOR") == "RD_PHOTORECEPTOR",
                    Float("key", 0.18f), Float("offset", 1f), Float("gamma", 1f),
                    Float("intensity", 0f), Float("contrast", 0f), Float("adaptation", 1f), Float("correction", 0f));
                return OpRunner.Run(new TonemapOperation(settings), Width, height, inputs["Image"]);
            }

            default:
                throw new ArgumentException($"no operation for suite {suite.Name}");
        }
    }

    /// <summary>Z Combine as <see cref="ZCombineNode"/> builds it.</summary>
    private static float[] RunZCombine(bool useAlpha, bool antiAlias, Dictionary<string, MemoryBuffer> inputs, int height)
    {
        if (!antiAlias)
            return OpRunner.Run(new ZCombineOperation(useAlpha), Width, height, inputs["Image"], inputs["Z"], inputs["Image_001"], inputs["Z_001"]);
        var zero = OpRunner.Constant(DataType.Value, 0f);
        var mask = OpRunner.Run(new MathOperation(useAlpha ? MathOperationType.GreaterThan : MathOperationType.LessThan, false), Width, height, inputs["Z"], inputs["Z_001"], zero);
        var antiAliasOp = new AntiAliasOperation { Canvas = Rect.FromSize(Width, height) };
        var smooth = OpRunner.Run(antiAliasOp, Width, height, OpRunner.Buffer(DataType.Value, Width, mask));
        return OpRunner.Run(new ZCombineMaskOperation(useAlpha), Width, height, OpRunner.Buffer(DataType.Value, Width, smooth), inputs["Image"], inputs["Image_001"]);
    }
}
