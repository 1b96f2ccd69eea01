using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compositor.Cli.Commands;
using Compositor.Codecs;
using Compositor.Conformance.Tests;

namespace Compositor.Blender.Tests;

/// <summary>
/// examples/blender/compositing.blend (made in Blender by tools/blender-addon/make_example_blend.py:
/// keying, nested groups, curves, a color ramp on a Non-Color mask, a packed straight-alpha logo,
/// frames, reroutes, a muted node, 50 % resolution) exports headless with the add-on, renders with
/// the compositor command, and matches Blender's own render of the .blend.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BlendFileTests
{
    private string _dir = "";

    private static string Example => Path.Combine(Blender.RepoRoot, "examples", "blender", "compositing.blend");

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-blend-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ExportedBlendRendersLikeBlender()
    {
        Blender.Require();
        string reference = Path.Combine(_dir, "blender.exr");
        var (code, log) = Blender.Run([Example, "--python", Path.Combine(Blender.AddonFolder, "render_blend.py"), "--", reference], TimeSpan.FromMinutes(2));
        Assert.That(code == 0 && File.Exists(reference), Is.True, $"Blender could not render the .blend:\n{RoundTrip.Tail(log)}");

        string graph = Path.Combine(_dir, "export", "graph.json");
        (code, log) = Blender.Run([Example, "--python", Path.Combine(Blender.AddonFolder, "export_graph.py"), "--", graph, "--copy-images", "--strict"], TimeSpan.FromMinutes(2));
        Assert.That(code, Is.Zero, $"the headless export failed or reported nodes Compositor cannot render:\n{RoundTrip.Tail(log)}");
        // Copied and unpacked images lie beside the graph: the folder stands on its own.
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(graph)!, "*.png").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "coffee_240x160.png", "greenscreen_240x160.png", "mask_inner.png", "logo_rgba.png" }));

        string output = Path.Combine(_dir, "compositor.exr");
        int exit = CompositorCommand.Create().Parse(["render", graph, "-o", output]).Invoke();
        Assert.That(exit, Is.Zero, "compositor render failed");

        var expected = ImageCodecs.Read(reference);
        var actual = ImageCodecs.Read(output);
        Assert.That((actual.Width, actual.Height), Is.EqualTo((240, 160)), "480x320 at 50 %");
        Assert.That((expected.Width, expected.Height), Is.EqualTo((actual.Width, actual.Height)));
        var comparison = ImageComparison.Compare(expected.Pixels, actual.Pixels, relativeAbove1: false);
        TestContext.Out.WriteLine($"compositing.blend: {comparison}");
        Assert.Multiple(() =>
        {
            Assert.That(comparison.NaNs, Is.Zero);
            Assert.That(comparison.Rmse, Is.LessThanOrEqualTo(0.002), $"RMSE over the conformance tolerance ({comparison})");
            Assert.That(comparison.P999, Is.LessThanOrEqualTo(0.02), $"99.9th percentile error over the conformance tolerance ({comparison})");
        });
    }

    /// <summary>
    /// The add-on installs from a zip like any add-on, its menu operators export the .blend, and
    /// importing that export and exporting again writes the same graph; a node Compositor cannot
    /// render is exported and reported by name.
    /// </summary>
    [Test]
    public void AddonZipInstallsAndItsOperatorsExportAndImport()
    {
        Blender.Require();
        string zip = Path.Combine(_dir, "compositor_graph.zip");
        ZipFile.CreateFromDirectory(Path.Combine(Blender.AddonFolder, "compositor_graph"), zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        string first = Path.Combine(_dir, "first", "graph.json"), second = Path.Combine(_dir, "second", "graph.json");
        string script = string.Join('\n',
            "import bpy, addon_utils",
            $"bpy.ops.preferences.addon_install(filepath={Py(zip)})",
            "addon_utils.enable('compositor_graph', default_set=True)",
            $"assert bpy.ops.export_scene.compositor_graph(filepath={Py(first)}) == {{'FINISHED'}}",
            $"assert bpy.ops.import_scene.compositor_graph(filepath={Py(first)}) == {{'FINISHED'}}",
            $"assert bpy.ops.export_scene.compositor_graph(filepath={Py(second)}) == {{'FINISHED'}}",
            // A node Compositor cannot render is exported and named in Blender's report.
            "bpy.context.scene.node_tree.nodes.new('CompositorNodeRLayers').name = 'Beauty Pass'",
            $"assert bpy.ops.export_scene.compositor_graph(filepath={Py(Path.Combine(_dir, "third", "graph.json"))}) == {{'FINISHED'}}",
            "print('ADDON-OK')");
        var environment = new Dictionary<string, string> { ["BLENDER_USER_SCRIPTS"] = Path.Combine(_dir, "scripts"), ["BLENDER_USER_CONFIG"] = Path.Combine(_dir, "config") };
        var (code, log) = Blender.Run([Example, "--python-exit-code", "1", "--python-expr", script], TimeSpan.FromMinutes(2), environment);
        Assert.That(code == 0 && log.Contains("ADDON-OK"), Is.True, $"the add-on did not install or its operators failed:\n{RoundTrip.Tail(log)}");

        Assert.That(log, Does.Contain("Compositor cannot render these nodes (exported anyway): Beauty Pass (CompositorNodeRLayers)"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "third", "graph.json")), Does.Contain("\"Beauty Pass\""), "the unsupported node is kept");
        var a = Canonical(first);
        Assert.That(a["nodes"]!.AsArray(), Has.Count.EqualTo(17));
        Assert.That(a["groups"]!.AsObject().Select(g => g.Key), Is.EquivalentTo(new[] { "Grade", "Glow" }));
        Assert.That(Canonical(second).ToJsonString(), Is.EqualTo(a.ToJsonString()), "import then export changed the graph");
    }

    private static string Py(string s) => JsonSerializer.Serialize(s);

    /// <summary>The graph with image paths made absolute (the two exports lie in different folders).</summary>
    private static JsonNode Canonical(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var trees = new List<JsonNode?> { root }.Concat(root["groups"]?.AsObject().Select(g => g.Value) ?? []);
        foreach (var node in trees.SelectMany(t => t!["nodes"]!.AsArray()))
            if (node?["properties"]?["image"] is JsonObject image)
                image["filepath"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, image["filepath"]!.GetValue<string>()));
        return root;
    }
}
