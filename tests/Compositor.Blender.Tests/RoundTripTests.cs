using Compositor.Conformance.Tests;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.NodeTypes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Blender.Tests;

/// <summary>
/// Every public conformance case, imported into Blender with the add-on and exported again, renders
/// to exactly the pixels of the original graph: the add-on loses nothing Compositor uses. The
/// export with only changed values, built again in Blender, gives the same tree as the full one.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class RoundTripTests
{
    private static readonly NodeRegistry Registry = BuiltinNodes.CreateRegistry();
    private static readonly WorkScheduler Scheduler = new(Math.Max(2, Environment.ProcessorCount));
    private string _fileOutputs = "";

    /// <summary>One test per conformance case.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        var cases = ConformanceCase.All();
        if (cases.Count == 0)
        {
            yield return new TestCaseData(null).SetName("shared_conformance_data_present");
            yield break;
        }

        foreach (var c in cases) yield return new TestCaseData(c).SetName($"{c.Name}_roundtrip");
    }

    [SetUp]
    public void SetUp() => _fileOutputs = Path.Combine(Path.GetTempPath(), "compositor-blender-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_fileOutputs)) Directory.Delete(_fileOutputs, recursive: true);
    }

    [TestCaseSource(nameof(Cases))]
    public void ExportedGraphRendersTheSamePixels(ConformanceCase? c)
    {
        Assert.That(c, Is.Not.Null, "no conformance cases found: the shared data (../shared/conformance) is missing");
        string exported = RoundTrip.Result.ExportedGraph(c!.Name);
        // The short form (only values that differ from a new node) must carry the same tree.
        var lost = RoundTrip.Result.Summary.GetProperty("cases").GetProperty(c.Name).GetProperty("only_changed_differences");
        Assert.That(lost.GetArrayLength(), Is.Zero, $"exporting only changed values lost: {lost}");
        var missing = c.NodeTypes.Select(n => n.Split(':')[0]).Distinct()
            .Where(n => !Compile.GraphSockets.IsLayoutNode(n) && !Registry.Contains(n)).ToList();
        if (missing.Count > 0) Assert.Ignore($"node types not implemented: {string.Join(", ", missing)}");

        var report = RoundTrip.Result.Report(c.Name);
        Assert.That(report.GetProperty("unsupported").GetArrayLength(), Is.Zero, $"the add-on reports nodes as unsupported: {report.GetProperty("unsupported")}");
        Assert.That(report.GetProperty("warnings").GetArrayLength(), Is.Zero, $"export warnings: {report.GetProperty("warnings")}");

        AssertSamePixels(c.Name, Path.Combine(c.Folder, "graph.json"), exported);
    }

    /// <summary>A graph written by hand, without locations: Blender lays it out, and it still renders the same.</summary>
    [Test]
    public void HandWrittenExampleGraphRoundTrips()
    {
        string exported = RoundTrip.Result.ExportedGraph("glow");
        var locations = System.Text.Json.JsonDocument.Parse(File.ReadAllText(exported)).RootElement.GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("location").GetRawText()).ToList();
        Assert.That(locations, Is.Unique, "imported nodes are laid out apart");
        AssertSamePixels("glow", RoundTrip.ExampleGraph, exported);
    }

    private void AssertSamePixels(string name, string originalGraph, string exportedGraph)
    {
        var renderer = new Renderer(Registry, Scheduler); // one image cache for both renders
        var original = Render(renderer, GraphReader.ReadFile(originalGraph));
        var roundTripped = Render(renderer, GraphReader.ReadFile(exportedGraph));
        var diff = ImageComparison.Compare(original, roundTripped, relativeAbove1: false);
        TestContext.Out.WriteLine($"{name}: {diff}");
        // Blender keeps float32 values and the exporter writes the shortest text that reads back as
        // the same float32, so the pixels must be identical, not merely close.
        Assert.That(diff.MaxError, Is.Zero, $"the exported graph renders differently ({diff}); exported graph: {exportedGraph}");
    }

    private float[] Render(Renderer renderer, NodeGraph graph)
    {
        try
        {
            using var result = renderer.Render(graph, new RenderOptions { Model = ExecutionModel.FullFrame, FileOutputDirectory = _fileOutputs });
            Assert.That(result.Composite, Is.Not.Null, "the graph produced no Composite output");
            return ImageComparison.TopDown(result.Composite!);
        }
        catch (GraphException e) when (e.InnerException is NotSupportedException unsupported)
        {
            Assert.Ignore($"input not supported: {unsupported.Message}");
            throw;
        }
    }
}
