using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Nodes.Tests.Scratch;

[Explicit]
public class DescribeTests
{
    [Test]
    public void Describe()
    {
        var path = Environment.GetEnvironmentVariable("GRAPH")!;
        var graph = GraphReader.ReadFile(path);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), new Compositor.Devices.WorkScheduler(1));
        TestContext.Out.WriteLine(renderer.Compile(graph).Describe());
    }
}
