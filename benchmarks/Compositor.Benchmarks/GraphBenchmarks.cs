using BenchmarkDotNet.Attributes;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Benchmarks;

/// <summary>
/// Whole perf graphs (../shared/perf/graphs), as bench-vs-blender times them: a warm render
/// (inputs decoded once, in the image cache), compile + plan + execute, no file written; in both
/// execution models, on 1 and on every core.
/// </summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private Renderer _renderer = null!;
    private WorkScheduler _scheduler = null!;
    private NodeGraph _graph = null!;
    private RenderOptions _options = null!;

    public static IEnumerable<string> Graphs() => PerfInputs.GraphNames();

    public static IEnumerable<int> ThreadCounts() => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    [ParamsSource(nameof(Graphs))]
    public string Graph { get; set; } = "";

    [Params(ExecutionModel.FullFrame, ExecutionModel.Tiled)]
    public ExecutionModel Model { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (json, baseDirectory) = PerfInputs.Graph(Graph);
        _graph = GraphReader.ReadString(json, baseDirectory);
        _scheduler = new WorkScheduler(Threads);
        _renderer = new Renderer(BuiltinNodes.CreateRegistry(), _scheduler);
        _options = new RenderOptions { Model = Model };
        Render();
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.Dispose();

    [Benchmark]
    public void Render()
    {
        using var result = _renderer.Render(_graph, _options);
    }
}
