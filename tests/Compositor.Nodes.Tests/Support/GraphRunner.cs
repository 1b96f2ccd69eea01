using Compositor.Devices;
using Compositor.Graph;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Nodes.Tests.Support;

/// <summary>Renders small graphs with the built-in nodes.</summary>
internal static class GraphRunner
{
    private static readonly Lazy<Renderer> Shared = new(() => new Renderer(BuiltinNodes.CreateRegistry(), new WorkScheduler(2)));

    /// <summary>Renders <paramref name="json"/> in <paramref name="model"/> and returns the Composite's floats (RGBA, rows bottom to top).</summary>
    public static float[] RenderComposite(string json, ExecutionModel model = ExecutionModel.FullFrame)
    {
        var graph = GraphReader.ReadString(json);
        using var result = Shared.Value.Render(graph, new RenderOptions { Model = model });
        Assert.That(result.Composite, Is.Not.Null, "no Composite output");
        return result.Composite!.Span.ToArray();
    }
}
