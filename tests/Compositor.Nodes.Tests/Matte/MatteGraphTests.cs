using System.IO.Compression;
using System.Text.Json;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Matte;

/// <summary>
/// The spatial matte nodes — Box and Ellipse Mask (every mask type, unlinked Mask, zero size,
/// rotation), Dilate/Erode (every mode, dilate and erode, every feather falloff, threshold with and
/// without anti-aliasing), Double Edge Mask (every mode) and Keying (clipping, edges, pre- and
/// post-blur, dilate/erode, feather, garbage and core mattes, despill) — rendered from graphs made
/// of Blender nodes only (32 × 24, shapes from the mask nodes), in both execution models, against
/// Blender 3.4.1's FULL_FRAME renders of the same graphs. Regenerate with
/// <c>tools/blender/make_matte_graphs.py</c> and <c>tools/blender/record_graph_pixels.py</c>.
/// </summary>
[TestFixture]
public sealed class MatteGraphTests
{
    private const string FileName = "Blender/matte_graphs_blender_3.4.1.json.gz";

    private static readonly Lazy<Dictionary<string, (int Width, int Height, float[] Pixels)>> Expected = new(Load);

    public static IEnumerable<TestCaseData> Cases() =>
        from name in Expected.Value.Keys.Order(StringComparer.Ordinal)
        from model in new[] { ExecutionModel.FullFrame, ExecutionModel.Tiled }
        select new TestCaseData(name, model).SetName($"BlenderGraph_{name}_{model}");

    [Test]
    public void EveryGraphHasARecording()
    {
        var graphs = Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Graphs", "Matte"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.That(graphs, Is.EquivalentTo(Expected.Value.Keys));
    }

    [TestCaseSource(nameof(Cases))]
    public void RendersAsBlender(string name, ExecutionModel model)
    {
        string json = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Graphs", "Matte", name + ".json"));
        var (expectedWidth, expectedHeight, expected) = Expected.Value[name];
        var (actual, w, h) = TestRenderer.Composite(TestRenderer.Create(), json, model);
        Assert.That((w, h), Is.EqualTo((expectedWidth, expectedHeight)), "size");

        var failures = new List<string>();
        float worst = 0f;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            float error = float.IsNaN(e) ? (float.IsNaN(a) ? 0f : float.PositiveInfinity) : MathF.Abs(a - e) / MathF.Max(1f, MathF.Abs(e));
            if (float.IsNaN(error)) error = float.PositiveInfinity;
            worst = MathF.Max(worst, error);
            if (error > 2e-6f && failures.Count < 10)
            {
                int p = i / 4;
                failures.Add($"pixel ({p % w}, {p / w}) channel {i % 4}: expected {e:R}, got {a:R}");
            }
        }

        Assert.That(failures, Is.Empty, $"largest error {worst}\n" + string.Join("\n", failures));
    }

    private static Dictionary<string, (int, int, float[])> Load()
    {
        using var file = File.OpenRead(Path.Combine(TestContext.CurrentContext.TestDirectory, FileName));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gz);
        var result = new Dictionary<string, (int, int, float[])>(StringComparer.Ordinal);
        foreach (var g in doc.RootElement.GetProperty("graphs").EnumerateObject())
        {
            var pixels = g.Value.GetProperty("pixels").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
                ? v.GetString() switch { "NaN" => float.NaN, "Infinity" => float.PositiveInfinity, _ => float.NegativeInfinity }
                : v.GetSingle()).ToArray();
            result[g.Name] = (g.Value.GetProperty("width").GetInt32(), g.Value.GetProperty("height").GetInt32(), pixels);
        }

        return result;
    }
}
