using System.Text.Json;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Matte;

/// <summary>
/// The pixel-wise matte nodes rendered end to end (node conversion, color space conversions, matte
/// and alpha operations) in both execution models, against Blender 3.4.1's results for 96 input
/// pixels per configuration: Channel, Chroma, Color, Difference, Distance and Luminance Key (Image
/// and Matte outputs), Color Spill, Alpha Convert, and Keying without its spatial stages.
/// Regenerate with <c>tools/blender/make_matte_probe_spec.py</c> and <c>tools/blender/probe_pixel_ops.py</c>.
/// </summary>
[TestFixture]
public sealed class MatteReferenceTests
{
    private const string FileName = "Blender/matte_ops_blender_3.4.1.json.gz";
    private const int Width = 12;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var suite in BlenderReference.Open(FileName).Suites)
            for (int i = 0; i < suite.Results.Count; i++)
                foreach (var model in new[] { ExecutionModel.FullFrame, ExecutionModel.Tiled })
                    yield return new TestCaseData(suite.Name, i, model).SetName($"Blender_{suite.Name}_{suite.Results[i].Describe()}_{model}");
    }

    [Test]
    public void ReferenceCoversEveryMatteSetting()
    {
        var reference = BlenderReference.Open(FileName);
        string[] Values(string suite, string key) =>
            reference.Get(suite).Results.Where(r => r.Config.ContainsKey(key)).Select(r => r.Config[key].GetString()!).Distinct().ToArray();
        Assert.That(Values("channel_matte_matte", "color_space"), Is.EquivalentTo(new[] { "RGB", "HSV", "YUV", "YCC" }));
        Assert.That(Values("channel_matte_matte", "limit_method"), Is.EquivalentTo(new[] { "SINGLE", "MAX" }));
        Assert.That(Values("color_spill", "channel"), Is.EquivalentTo(new[] { "R", "G", "B" }));
        Assert.That(Values("color_spill", "limit_method"), Is.EquivalentTo(new[] { "SIMPLE", "AVERAGE" }));
        Assert.That(Values("distance_matte_image", "channel"), Is.EquivalentTo(new[] { "RGB", "YCC" }));
        Assert.That(Values("premul_key", "mapping"), Is.EquivalentTo(new[] { "STRAIGHT_TO_PREMUL", "PREMUL_TO_STRAIGHT" }));
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(string suiteName, int resultIndex, ExecutionModel model)
    {
        var reference = BlenderReference.Open(FileName);
        var suite = reference.Get(suiteName);
        var result = suite.Results[resultIndex];
        int height = suite.Pixels / Width;
        var names = suite.Inputs.Keys.ToList();
        var renderer = TestRenderer.Create(new ProbeSourceNode(Width, height, names.Select(n => suite.Inputs[n]).ToList()));
        string json = Graph(SuiteNode(suiteName), SuiteOutput(suiteName), names, result.Config, height);
        var (actual, w, h) = TestRenderer.Composite(renderer, json, model);
        Assert.That((w, h), Is.EqualTo((Width, height)));

        var expected = result.Output;
        var failures = new List<string>();
        for (int p = 0; p < suite.Pixels; p++)
        {
            bool ok = true;
            for (int c = 0; c < 4; c++) ok &= FloatAssert.Close(actual[p * 4 + c], expected[p * 4 + c], 0f);
            if (!ok)
                failures.Add($"pixel {p}: expected ({string.Join(", ", expected.Skip(p * 4).Take(4).Select(v => v.ToString("R")))}), got ({string.Join(", ", actual.Skip(p * 4).Take(4).Select(v => v.ToString("R")))})");
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
    }

    private static string SuiteNode(string suite) => BlenderReference.Open(FileName).Get(suite).Node;

    private static string SuiteOutput(string suite) => suite switch
    {
        _ when suite.EndsWith("_matte", StringComparison.Ordinal) || suite is "keying_garbage_core" => "Matte",
        _ when suite.StartsWith("double_edge_mask", StringComparison.Ordinal) => "Mask",
        _ => "Image",
    };

    private static string Graph(string nodeType, string output, List<string> inputs, IReadOnlyDictionary<string, JsonElement> config, int height)
    {
        var nodes = new List<string>();
        var links = new List<string>();
        for (int i = 0; i < inputs.Count; i++)
        {
            nodes.Add($$$"""{"name": "S{{{i}}}", "type": "CompositorNodeBokehImage", "properties": {"flaps": {{{i + 3}}}}}""");
            links.Add($$"""{"from": "S{{i}}", "from_socket": "Image", "to": "N", "to_socket": "{{inputs[i]}}"}""");
        }

        string props = "{" + string.Join(", ", config.Select(kv => $"\"{kv.Key}\": {kv.Value.GetRawText()}")) + "}";
        nodes.Add($$"""{"name": "N", "type": "{{nodeType}}", "properties": {{props}}}""");
        nodes.Add("""{"name": "Composite", "type": "CompositorNodeComposite", "properties": {"use_alpha": true}}""");
        links.Add($$"""{"from": "N", "from_socket": "{{output}}", "to": "Composite", "to_socket": "Image"}""");
        return $$"""
            {"version": 1, "settings": {"resolution": [{{Width}}, {{height}}]},
             "nodes": [{{string.Join(", ", nodes)}}],
             "links": [{{string.Join(", ", links)}}]}
            """;
    }
}
