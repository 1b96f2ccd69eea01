namespace Compositor.NodeTypes;

/// <summary>The node types a compositor knows, by Blender bl_idname (the short form without "CompositorNode" works too).</summary>
public sealed class NodeRegistry
{
    private readonly Dictionary<string, NodeType> _types = new(StringComparer.Ordinal);

    /// <summary>Adds a node type; a second type with the same identifier is an error.</summary>
    public NodeRegistry Register(NodeType type)
    {
        if (!_types.TryAdd(type.Identifier, type))
            throw new InvalidOperationException($"node type {type.Identifier} is registered twice");
        return this;
    }

    /// <summary>All registered types.</summary>
    public IEnumerable<NodeType> Types => _types.Values;

    /// <summary>The full bl_idname for <paramref name="type"/> (expands the short form).</summary>
    public static string Normalize(string type) =>
        type.StartsWith("CompositorNode", StringComparison.Ordinal) || type.StartsWith("Node", StringComparison.Ordinal)
            ? type
            : "CompositorNode" + type;

    /// <summary>Finds a type by bl_idname or short form.</summary>
    public bool TryGet(string type, out NodeType nodeType)
    {
        if (_types.TryGetValue(type, out nodeType!)) return true;
        return _types.TryGetValue(Normalize(type), out nodeType!);
    }

    /// <summary>True when the type (either form) is known.</summary>
    public bool Contains(string type) => TryGet(type, out _);
}
