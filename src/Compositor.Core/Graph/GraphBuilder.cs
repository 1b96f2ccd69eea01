using Compositor.Imaging;

namespace Compositor.Graph;

/// <summary>
/// Builds a <see cref="NodeGraph"/> in code with the names the graph format uses: node types as
/// Blender's <c>bl_idname</c> (or its short form, <c>"Blur"</c> for <c>CompositorNodeBlur</c>),
/// properties and sockets by identifier. What is built is checked, as a loaded file is, when it
/// is rendered.
/// </summary>
/// <example>
/// <code>
/// var graph = new GraphBuilder()
///     .Resolution(64, 64)
///     .Node("Color", "RGB", n => n.Output("RGBA", new[] { 1f, 0.5f, 0f, 1f }))
///     .Node("Composite", "Composite")
///     .Link("Color", "RGBA", "Composite", "Image")
///     .Build();
/// </code>
/// </example>
public sealed class GraphBuilder
{
    private readonly NodeGraph _graph = new();

    /// <summary>Sets the render size (the Composite output's size).</summary>
    public GraphBuilder Resolution(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _graph.Settings = _graph.Settings with { ResolutionX = width, ResolutionY = height };
        return this;
    }

    /// <summary>Changes any scene setting (execution mode, chunk size, frame, quality…).</summary>
    public GraphBuilder Settings(Func<GraphSettings, GraphSettings> change)
    {
        _graph.Settings = change(_graph.Settings);
        return this;
    }

    /// <summary>Adds a node named <paramref name="name"/> of type <paramref name="type"/>, configured by <paramref name="configure"/>.</summary>
    public GraphBuilder Node(string name, string type, Action<NodeBuilder>? configure = null)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("a node needs a name", nameof(name));
        if (_graph.Nodes.Any(n => n.Name == name)) throw new ArgumentException($"a node called '{name}' already exists", nameof(name));
        var node = new GraphNode(name, NodeTypes.NodeRegistry.Normalize(type));
        configure?.Invoke(new NodeBuilder(node));
        _graph.Nodes.Add(node);
        return this;
    }

    /// <summary>Links output socket <paramref name="fromSocket"/> of <paramref name="from"/> to input <paramref name="toSocket"/> of <paramref name="to"/> (socket identifiers).</summary>
    public GraphBuilder Link(string from, string fromSocket, string to, string toSocket)
    {
        _graph.Links.Add(new GraphLink(from, SocketRef.ById(fromSocket), to, SocketRef.ById(toSocket)));
        return this;
    }

    /// <summary>Links sockets by zero-based index, for nodes whose sockets share an identifier (Mix's two "Image" inputs).</summary>
    public GraphBuilder Link(string from, int fromSocket, string to, int toSocket)
    {
        _graph.Links.Add(new GraphLink(from, SocketRef.ByIndex(fromSocket), to, SocketRef.ByIndex(toSocket)));
        return this;
    }

    /// <summary>
    /// The graph. Relative image paths resolve against <paramref name="baseDirectory"/> (default:
    /// the current directory). The builder must not be used afterwards.
    /// </summary>
    public NodeGraph Build(string? baseDirectory = null)
    {
        _graph.BaseDirectory = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        return _graph;
    }
}

/// <summary>Configures one node for <see cref="GraphBuilder.Node"/>.</summary>
public sealed class NodeBuilder
{
    private readonly GraphNode _node;

    internal NodeBuilder(GraphNode node) => _node = node;

    /// <summary>Sets an RNA property (see <see cref="GraphNode.SetProperty"/>).</summary>
    public NodeBuilder Property(string name, object? value)
    {
        _node.SetProperty(name, value);
        return this;
    }

    /// <summary>Sets an unlinked input socket's value (see <see cref="GraphNode.SetInput"/>).</summary>
    public NodeBuilder Input(string identifier, object? value)
    {
        _node.SetInput(identifier, value);
        return this;
    }

    /// <summary>Sets a value stored on an output socket (the RGB and Value nodes keep theirs there).</summary>
    public NodeBuilder Output(string identifier, object? value)
    {
        _node.Outputs[identifier] = GraphValues.ToJson(value);
        return this;
    }

    /// <summary>Mutes the node (it passes its inputs through).</summary>
    public NodeBuilder Mute(bool mute = true)
    {
        _node.Mute = mute;
        return this;
    }

    /// <summary>For an Image node: reads <paramref name="image"/> instead of a file.</summary>
    public NodeBuilder Image(ImageInput image)
    {
        _node.Image = image;
        return this;
    }
}
