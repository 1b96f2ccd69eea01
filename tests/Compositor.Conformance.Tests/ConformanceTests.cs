using Compositor.Codecs;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.NodeTypes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Conformance.Tests;

/// <summary>
/// Renders every conformance case whose node types are implemented, in both execution models, and
/// compares with Blender 3.4's FULL_FRAME result under the case's tolerance. A case with a node
/// type we lack is reported as skipped with the missing types named.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ConformanceTests
{
    private static readonly NodeRegistry Registry = BuiltinNodes.CreateRegistry();
    private static readonly WorkScheduler Scheduler = new(Math.Max(2, Environment.ProcessorCount));

    /// <summary>Where the cases' File Output nodes write (never into the shared case folders).</summary>
    internal static readonly string FileOutputDirectory = Path.Combine(Path.GetTempPath(), $"compositor-conformance-{Environment.ProcessId}");

    /// <summary>Cases × execution models.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        var cases = ConformanceCase.All();
        if (cases.Count == 0)
        {
            yield return new TestCaseData(null, ExecutionModel.FullFrame).SetName("shared_conformance_data_present");
            yield break;
        }

        foreach (var c in cases)
            foreach (var model in new[] { ExecutionModel.FullFrame, ExecutionModel.Tiled })
                yield return new TestCaseData(c, model).SetName($"{c.Name}_{(model == ExecutionModel.FullFrame ? "full_frame" : "tiled")}");
    }

    /// <summary>Missing node types of a case (Math operations count as their node type).</summary>
    public static IReadOnlyList<string> MissingNodeTypes(ConformanceCase c) =>
        c.NodeTypes.Select(n => n.Split(':')[0]).Distinct()
            .Where(n => !GraphSocketsKnown(n) && !Registry.Contains(n))
            .ToList();

    private static bool GraphSocketsKnown(string type) => Compile.GraphSockets.IsLayoutNode(type);

    /// <summary>Renders; a case whose input needs a codec we lack is skipped, naming it.</summary>
    internal static RenderResult RenderOrSkip(Renderer renderer, NodeGraph graph, ExecutionModel model, int chunkSize = 64, bool fuse = true)
    {
        try
        {
            return renderer.Render(graph, new RenderOptions { Model = model, ChunkSize = chunkSize, FileOutputDirectory = FileOutputDirectory, FusePixelOperations = fuse });
        }
        catch (GraphException e) when (e.InnerException is NotSupportedException unsupported)
        {
            Assert.Ignore($"input not supported: {unsupported.Message}");
            throw;
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesBlender(ConformanceCase? c, ExecutionModel model)
    {
        Assert.That(c, Is.Not.Null, "no conformance cases found: the shared data (../shared/conformance) is missing");
        var missing = MissingNodeTypes(c!);
        if (missing.Count > 0) Assert.Ignore($"node types not implemented: {string.Join(", ", missing)}");

        var graph = c!.ReadGraph();
        var renderer = new Renderer(Registry, Scheduler);
        using var result = RenderOrSkip(renderer, graph, model);
        var composite = result.Composite;
        Assert.That(composite, Is.Not.Null, "the graph produced no Composite output");

        var expected = ImageCodecs.Read(Path.Combine(c.Folder, "expected.exr"));
        Assert.That((composite!.Width, composite.Height), Is.EqualTo((expected.Width, expected.Height)), "output size");
        var comparison = ImageComparison.Compare(expected.Pixels, ImageComparison.TopDown(composite), c.RelativeAbove1);
        TestContext.Out.WriteLine($"{c.Name} {model}: {comparison}");
        Assert.Multiple(() =>
        {
            Assert.That(comparison.NaNs, Is.Zero, $"NaN pixels ({comparison})");
            Assert.That(comparison.Rmse, Is.LessThanOrEqualTo(c.MaxRmse), $"RMSE over the tolerance ({comparison})");
            Assert.That(comparison.P999, Is.LessThanOrEqualTo(c.MaxP999), $"99.9th percentile error over the tolerance ({comparison})");
        });
    }
}

/// <summary>Removes what the cases' File Output nodes wrote once the assembly's tests have run.</summary>
[SetUpFixture]
public sealed class FileOutputCleanup
{
    [OneTimeTearDown]
    public void RemoveFileOutputs()
    {
        if (Directory.Exists(ConformanceTests.FileOutputDirectory)) Directory.Delete(ConformanceTests.FileOutputDirectory, recursive: true);
    }
}
