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

    /// <summary>
    /// Adds or replaces a property definition, for what the catalog cannot show: properties that
    /// share a name with a base Node property (the Box Mask's <c>width</c>) and enums whose items
    /// depend on another property (the Channel Key's channels). Call from the constructor.
    /// </summary>
    protected void DeclareProperty(PropertyDefinition definition) => _properties[definition.Name] = definition;

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
    /// (Blender's internal links), or -1 for none. Blender scores each input's type against the
    /// output's (a vector never feeds a color, nor a color a vector) and takes the best; a linked
    /// input beats an unlinked one whatever its score.
    /// </summary>
    public virtual int GetMutedPassThroughInput(GraphNode node, int outputIndex, Func<string, bool> isLinked)
    {
        var inputs = GetInputs(node);
        var output = GetOutputs(node)[outputIndex].Type;
        int selected = -1, selectedPriority = -1;
        bool selectedLinked = false;
        for (int i = 0; i < inputs.Count; i++)
        {
            int priority = PassThroughPriority(inputs[i].Type, output);
            if (priority < 0) continue;
            bool linked = isLinked(inputs[i].Identifier);
            if (priority > selectedPriority || (linked && !selectedLinked))
            {
                selected = i;
                selectedPriority = priority;
                selectedLinked = linked;
            }
        }

        return selected;
    }

    /// <summary>Blender's preference for passing an input of type <paramref name="from"/> to an output of type <paramref name="to"/>; negative: never.</summary>
    private static int PassThroughPriority(Imaging.DataType from, Imaging.DataType to) => (to, from) switch
    {
        (Imaging.DataType.Color, Imaging.DataType.Color) => 4,
        (Imaging.DataType.Color, Imaging.DataType.Value) => 3,
        (Imaging.DataType.Vector, Imaging.DataType.Vector) => 4,
        (Imaging.DataType.Vector, Imaging.DataType.Value) => 3,
        (Imaging.DataType.Value, Imaging.DataType.Value) => 5,
        (Imaging.DataType.Value, Imaging.DataType.Color) => 2,
        (Imaging.DataType.Value, Imaging.DataType.Vector) => 1,
        _ => -1,
    };
}
