using Compositor.Compile;
using Compositor.Graph;

namespace Compositor.NodeTypes;

/// <summary>
/// A Blender compositor node type: its sockets and properties (used to validate graphs), taken from
/// <see cref="BlenderNodeCatalog"/>, and its conversion into operations, which derived classes
/// implement in <see cref="Convert"/>.
/// </summary>
public abstract class NodeType
{
    private readonly Dictionary<string, PropertyDefinition> _properties;

    /// <summary>Declares a node type with Blender's sockets and properties for <paramref name="identifier"/>.</summary>
    /// <param name="identifier">Blender's bl_idname, e.g. <c>CompositorNodeBlur</c>.</param>
    /// <param name="category">Blender's Add menu: Input, Output, Color, Converter, Filter, Vector, Matte, Distort, Layout.</param>
    protected NodeType(string identifier, string category)
    {
        if (!BlenderNodeCatalog.TryGet(identifier, out var entry))
            throw new ArgumentException($"Blender 3.4 has no node type {identifier}", nameof(identifier));
        Identifier = identifier;
        Category = category;
        Label = entry.Label;
        Inputs = entry.Inputs;
        Outputs = entry.Outputs;
        _properties = entry.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Blender's bl_idname.</summary>
    public string Identifier { get; }

    /// <summary>Blender's UI name.</summary>
    public string Label { get; }

    /// <summary>Blender's Add-menu category.</summary>
    public string Category { get; }

    /// <summary>Input sockets in Blender's order.</summary>
    public IReadOnlyList<SocketDefinition> Inputs { get; }

    /// <summary>Output sockets in Blender's order.</summary>
    public IReadOnlyList<SocketDefinition> Outputs { get; }

    /// <summary>Properties by identifier.</summary>
    public IReadOnlyDictionary<string, PropertyDefinition> Properties => _properties;

    /// <summary>Adds operations for <paramref name="context"/>'s node and maps its sockets to them.</summary>
    public abstract void Convert(NodeConverterContext context);

    /// <summary>
    /// The input sockets of one node of this type. Most types have fixed sockets; types whose sockets
    /// depend on properties (File Output slots) override this.
    /// </summary>
    public virtual IReadOnlyList<SocketDefinition> GetInputs(GraphNode node) => Inputs;

    /// <summary>The output sockets of one node of this type.</summary>
    public virtual IReadOnlyList<SocketDefinition> GetOutputs(GraphNode node) => Outputs;

    /// <summary>
    /// Checks what the generic validation cannot (combinations of properties, referenced files);
    /// returns the problem or null. Runs when a graph is loaded, before any work.
    /// </summary>
    public virtual string? Validate(GraphNode node, NodeGraph graph) => null;

    /// <summary>
    /// For a muted node: which input passes through to output <paramref name="outputIndex"/>
    /// (Blender's internal links), or -1 for none. By default the first input of the output's data
    /// type, else the first input.
    /// </summary>
    public virtual int GetMutedPassThroughInput(GraphNode node, int outputIndex)
    {
        var inputs = GetInputs(node);
        var outputs = GetOutputs(node);
        if (inputs.Count == 0) return -1;
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i].Type == outputs[outputIndex].Type) return i;
        return 0;
    }
}
