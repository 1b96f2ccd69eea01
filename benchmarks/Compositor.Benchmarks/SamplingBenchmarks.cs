using BenchmarkDotNet.Attributes;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Benchmarks;

/// <summary>
/// Sampling operations on the 2048 x 2048 perf input (4 MP), one graph each (Image → node →
/// Composite), full-frame, on every core: Scale, Rotate with each filter, Transform and Lens
/// Distortion. The Image read and the Composite copy are in every case; CopyOnly times them alone.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    private static readonly Dictionary<string, string> Nodes = new()
    {
        ["CopyOnly"] = "",
        ["ScaleRelative"] = """{"name":"N","type":"CompositorNodeScale","properties":{"space":"RELATIVE"},"inputs":{"X":0.8,"Y":0.8}}""",
        ["RotateNearest"] = """{"name":"N","type":"CompositorNodeRotate","properties":{"filter_type":"NEAREST"},"inputs":{"Degr":0.35}}""",
        ["RotateBilinear"] = """{"name":"N","type":"CompositorNodeRotate","properties":{"filter_type":"BILINEAR"},"inputs":{"Degr":0.35}}""",
        ["RotateBicubic"] = """{"name":"N","type":"CompositorNodeRotate","properties":{"filter_type":"BICUBIC"},"inputs":{"Degr":0.35}}""",
        ["TransformBilinear"] = """{"name":"N","type":"CompositorNodeTransform","properties":{"filter_type":"BILINEAR"},"inputs":{"X":40,"Y":-25,"Angle":-0.2,"Scale":1.15}}""",
        ["LensDistortionFit"] = """{"name":"N","type":"CompositorNodeLensdist","properties":{"use_fit":true},"inputs":{"Distort":0.05}}""",
    };

    private Renderer _renderer = null!;
    private WorkScheduler _scheduler = null!;
    private NodeGraph _graph = null!;

    public static IEnumerable<string> Cases() => Nodes.Keys;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (_, baseDirectory) = PerfInputs.Graph("transform_chain_2048");
        string node = Nodes[Case];
        string image = """{"name":"Img","type":"CompositorNodeImage","properties":{"image":{"filepath":"../inputs/astronaut_2048.png","source":"FILE","colorspace":"sRGB"}}}""";
        string links = node.Length == 0
            ? """[{"from":"Img","from_socket":"Image","to":"Composite","to_socket":"Image"}]"""
            : """[{"from":"Img","from_socket":"Image","to":"N","to_socket":"Image"},{"from":"N","from_socket":"Image","to":"Composite","to_socket":"Image"}]""";
        string nodes = node.Length == 0 ? image : image + "," + node;
        string json = $$"""{"version":1,"settings":{"resolution":[2048,2048]},"nodes":[{{nodes}},{"name":"Composite","type":"CompositorNodeComposite"}],"links":{{links}}}""";
        _graph = GraphReader.ReadString(json, baseDirectory);
        _scheduler = new WorkScheduler(Environment.ProcessorCount);
        _renderer = new Renderer(BuiltinNodes.CreateRegistry(), _scheduler);
        Render();
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.Dispose();

    [Benchmark]
    public void Render()
    {
        using var result = _renderer.Render(_graph);
    }
}
