using System.IO.Compression;
using System.Text.Json;
using Compositor.Nodes.Operations.Curves;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests;

/// <summary>
/// The curve mapping module against Blender 3.4.1's own evaluation (CurveMapping.evaluate, i.e.
/// BKE_curvemap_evaluateF) of every curve of 20 mappings at 265 positions inside and outside the
/// table range: handle types AUTO, AUTO_CLAMPED and VECTOR, horizontal and extrapolated extension,
/// points outside the clipping rectangle, a narrower rectangle, vertical ends and duplicate x.
/// Recorded by <c>tools/blender/make_curve_probe_spec.py</c> and <c>probe_curves.py</c>.
/// </summary>
[TestFixture]
public sealed class CurveMappingTests
{
    private const string FileName = "Blender/curves_blender_3.4.1.json.gz";

    private static readonly Lazy<JsonDocument> Reference = new(() =>
    {
        using var file = File.OpenRead(Path.Combine(TestContext.CurrentContext.TestDirectory, FileName));
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gz);
    });

    public static IEnumerable<TestCaseData> Cases()
    {
        int n = Reference.Value.RootElement.GetProperty("cases").GetArrayLength();
        for (int i = 0; i < n; i++) yield return new TestCaseData(i).SetName($"Blender_curve_mapping_{i:D2}");
    }

    internal static CurveMappingDefaults DefaultsFor(string node) => node switch
    {
        "CompositorNodeCurveRGB" => CurveMappingDefaults.RgbCurves,
        "CompositorNodeCurveVec" => CurveMappingDefaults.VectorCurves,
        "CompositorNodeHueCorrect" => CurveMappingDefaults.HueCorrect,
        "CompositorNodeTime" => CurveMappingDefaults.Time,
        _ => throw new ArgumentException(node),
    };

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(int index)
    {
        var root = Reference.Value.RootElement;
        var xs = root.GetProperty("xs").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var c = root.GetProperty("cases")[index];
        var mapping = CurveMappingReader.Read(c.GetProperty("mapping"), DefaultsFor(c.GetProperty("node").GetString()!));
        var expected = c.GetProperty("values").EnumerateArray().ToArray();
        Assert.That(mapping.Curves, Has.Count.EqualTo(expected.Length));
        var failures = new List<string>();
        for (int curve = 0; curve < expected.Length; curve++)
        {
            var values = expected[curve].EnumerateArray().Select(v => v.GetSingle()).ToArray();
            for (int i = 0; i < xs.Length; i++)
            {
                float actual = mapping.Curves[curve].Evaluate(xs[i]);
                if (!FloatAssert.Close(actual, values[i], 0f))
                    failures.Add($"curve {curve} x={xs[i]:R}: expected {values[i]:R}, got {actual:R}");
            }
        }

        Assert.That(failures, Is.Empty, $"{failures.Count} mismatches in {c.GetProperty("mapping")}:\n" + string.Join("\n", failures.Take(12)));
    }

    [Test]
    public void IdentityCurveIsIdentityInsideAndExtrapolatesOutside()
    {
        var mapping = CurveMappingReader.Read(null, CurveMappingDefaults.RgbCurves);
        foreach (float x in new[] { 0f, 0.25f, 0.5f, 1f, -1f, 2f, 10f })
            Assert.That(mapping.Curves[0].Evaluate(x), Is.EqualTo(x).Within(2e-6f), $"x={x}");
    }

    [Test]
    public void HorizontalExtensionHoldsTheEndValues()
    {
        var json = JsonDocument.Parse("""{"extend":"HORIZONTAL","curves":[{"points":[{"location":[0,0.2]},{"location":[1,0.7]}]}]}""").RootElement;
        var mapping = CurveMappingReader.Read(json, CurveMappingDefaults.Time);
        Assert.That(mapping.Curves[0].Evaluate(-5f), Is.EqualTo(0.2f).Within(1e-6f));
        Assert.That(mapping.Curves[0].Evaluate(5f), Is.EqualTo(0.7f).Within(1e-6f));
    }

    [Test]
    public void ClippingClampsOnlyTheClippedEvaluation()
    {
        var json = JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0]},{"location":[1,1]}]}]}""").RootElement;
        var clipped = CurveMappingReader.Read(json, CurveMappingDefaults.Time);
        Assert.That(clipped.Curves[0].Evaluate(2f), Is.GreaterThan(1.5f));
        Assert.That(clipped.EvaluateClipped(0, 2f), Is.EqualTo(1f));
        Assert.That(clipped.EvaluateClipped(0, -2f), Is.EqualTo(0f));
        var open = JsonDocument.Parse("""{"use_clip":false,"curves":[{"points":[{"location":[0,0]},{"location":[1,1]}]}]}""").RootElement;
        Assert.That(CurveMappingReader.Read(open, CurveMappingDefaults.Time).EvaluateClipped(0, 2f), Is.GreaterThan(1.5f));
    }

    [Test]
    public void SelectedPointsAreMovedIntoTheClippingRectangle()
    {
        var json = JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0]},{"location":[0.5,1.4],"select":true},{"location":[1,1]}]}]}""").RootElement;
        var moved = CurveMappingReader.Read(json, CurveMappingDefaults.Time);
        var json2 = JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0]},{"location":[0.5,1.0]},{"location":[1,1]}]}]}""").RootElement;
        var reference = CurveMappingReader.Read(json2, CurveMappingDefaults.Time);
        Assert.That(moved.Curves[0].Evaluate(0.5f), Is.EqualTo(reference.Curves[0].Evaluate(0.5f)));
    }

    [Test]
    public void MalformedMappingsAreRejectedWithTheReason()
    {
        Assert.That(() => CurveMappingReader.Read(JsonDocument.Parse("""{"curves":[]}""").RootElement, CurveMappingDefaults.RgbCurves),
            Throws.TypeOf<FormatException>().With.Message.Contains("4 curves"));
        Assert.That(() => CurveMappingReader.Read(JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0]}]}]}""").RootElement, CurveMappingDefaults.Time),
            Throws.TypeOf<FormatException>().With.Message.Contains("at least 2 points"));
        Assert.That(() => CurveMappingReader.Read(JsonDocument.Parse("""{"curves":[{"points":[{"location":[0,0],"handle_type":"FREE"},{"location":[1,1]}]}]}""").RootElement, CurveMappingDefaults.Time),
            Throws.TypeOf<FormatException>().With.Message.Contains("FREE"));
        Assert.That(() => CurveMappingReader.Read(JsonDocument.Parse("""{"extend":"SIDEWAYS"}""").RootElement, CurveMappingDefaults.Time),
            Throws.TypeOf<FormatException>().With.Message.Contains("SIDEWAYS"));
    }
}
