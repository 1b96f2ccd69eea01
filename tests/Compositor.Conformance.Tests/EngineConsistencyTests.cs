using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Conformance.Tests;

/// <summary>
/// The engine gives the same pixels whatever the execution model, chunk size and thread count:
/// checked on every conformance graph whose node types are implemented. Fused pixel-wise chains
/// give the same pixels as the operations run one by one.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class EngineConsistencyTests
{
    /// <summary>Implemented cases.</summary>
    public static IEnumerable<TestCaseData> Cases() =>
        ConformanceCase.All().Where(c => ConformanceTests.MissingNodeTypes(c).Count == 0)
            .Select(c => new TestCaseData(c).SetName($"{c.Name}_same_pixels_everywhere"));

    [TestCaseSource(nameof(Cases))]
    public void SamePixelsInEveryModelChunkSizeAndThreadCount(ConformanceCase c)
    {
        var graph = c.ReadGraph();
        var registry = BuiltinNodes.CreateRegistry();
        float[] Render(ExecutionModel model, int threads, int chunk, bool fuse = true)
        {
            using var scheduler = new WorkScheduler(threads);
            using var result = ConformanceTests.RenderOrSkip(new Renderer(registry, scheduler), graph, model, chunk, fuse);
            return ImageComparison.TopDown(result.Composite!);
        }

        // The reference runs every operation on its own buffers; the variants fuse pixel-wise chains.
        var reference = Render(ExecutionModel.FullFrame, 1, 256, fuse: false);
        var variants = new (ExecutionModel Model, int Threads, int Chunk)[]
        {
            (ExecutionModel.FullFrame, 4, 256), (ExecutionModel.Tiled, 1, 32), (ExecutionModel.Tiled, 3, 64), (ExecutionModel.Tiled, 2, 1024),
        };
        foreach (var (model, threads, chunk) in variants)
        {
            var pixels = Render(model, threads, chunk);
            var diff = ImageComparison.Compare(reference, pixels, relativeAbove1: false);
            Assert.That(diff.MaxError, Is.LessThanOrEqualTo(1e-5), $"{model}, {threads} threads, chunk {chunk}: {diff}");
        }
    }
}
