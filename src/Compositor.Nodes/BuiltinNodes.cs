using Compositor.NodeTypes;

namespace Compositor.Nodes;

/// <summary>Every node type Compositor implements, registered explicitly (no reflection at start-up).</summary>
public static class BuiltinNodes
{
    /// <summary>A registry holding every built-in node type.</summary>
    public static NodeRegistry CreateRegistry()
    {
        var registry = new NodeRegistry();
        // Input
        registry.Register(new Input.ValueNode());
        registry.Register(new Input.RgbNode());
        registry.Register(new Input.ImageNode());
        // Distort
        registry.Register(new Distort.ScaleNode());
        // Filter
        registry.Register(new Filter.BlurNode());
        // Output
        registry.Register(new Output.CompositeNode());
        registry.Register(new Output.ViewerNode());
        return registry;
    }
}
