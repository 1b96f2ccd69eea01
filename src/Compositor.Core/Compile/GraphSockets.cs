using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;

namespace Compositor.Compile;

/// <summary>
/// The sockets of any node in a tree, layout nodes included: registered types declare theirs;
/// reroutes, group nodes and group input/output nodes take them from their group's interface.
/// </summary>
public static class GraphSockets
{
    /// <summary>Blender's reroute node.</summary>
    public const string Reroute = "NodeReroute";

    /// <summary>Blender's frame node (layout only).</summary>
    public const string Frame = "NodeFrame";

    /// <summary>A group's input node.</summary>
    public const string GroupInput = "NodeGroupInput";

    /// <summary>A group's output node.</summary>
    public const string GroupOutput = "NodeGroupOutput";

    /// <summary>A node group instance.</summary>
    public const string Group = "CompositorNodeGroup";

    private static readonly SocketDefinition[] RerouteIn = [new("Input", "Input", DataType.Color, [0, 0, 0, 0])];
    private static readonly SocketDefinition[] RerouteOut = [new("Output", "Output", DataType.Color, [0, 0, 0, 0])];

    /// <summary>True for the node types the compiler itself handles.</summary>
    public static bool IsLayoutNode(string type) => type is Reroute or Frame or GroupInput or GroupOutput or Group;

    /// <summary>Input sockets of <paramref name="node"/> inside <paramref name="enclosing"/> (null: the top level).</summary>
    public static IReadOnlyList<SocketDefinition> Inputs(GraphNode node, NodeGroup? enclosing, NodeGraph graph, NodeRegistry registry) => node.Type switch
    {
        Reroute => RerouteIn,
        Frame or GroupInput => [],
        GroupOutput => enclosing is null ? [] : Interface(enclosing.Outputs),
        Group => GroupOf(node, graph) is { } g ? Interface(g.Inputs) : [],
        _ => registry.TryGet(node.Type, out var t) ? t.GetInputs(node) : [],
    };

    /// <summary>Output sockets of <paramref name="node"/> inside <paramref name="enclosing"/>.</summary>
    public static IReadOnlyList<SocketDefinition> Outputs(GraphNode node, NodeGroup? enclosing, NodeGraph graph, NodeRegistry registry) => node.Type switch
    {
        Reroute => RerouteOut,
        Frame or GroupOutput => [],
        GroupInput => enclosing is null ? [] : Interface(enclosing.Inputs),
        Group => GroupOf(node, graph) is { } g ? Interface(g.Outputs) : [],
        _ => registry.TryGet(node.Type, out var t) ? t.GetOutputs(node) : [],
    };

    /// <summary>The group a group node instances, or null when its node_tree is missing or unknown.</summary>
    public static NodeGroup? GroupOf(GraphNode node, NodeGraph graph) =>
        node.Properties.TryGetValue("node_tree", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.String &&
        graph.Groups.TryGetValue(e.GetString()!, out var g) ? g : null;

    /// <summary>Finds a socket by identifier or index; null when there is none.</summary>
    public static SocketDefinition? Find(IReadOnlyList<SocketDefinition> sockets, SocketRef socket) =>
        socket.Identifier is { } id ? sockets.FirstOrDefault(s => s.Identifier == id)
        : socket.Index < sockets.Count ? sockets[socket.Index] : null;

    /// <summary>The interface sockets of a group as socket definitions.</summary>
    public static IReadOnlyList<SocketDefinition> Interface(IEnumerable<GroupSocket> sockets) =>
        sockets.Select(s =>
        {
            var type = BlenderNodeCatalog.SocketType(s.Type) ?? DataType.Color;
            var value = (s.Default is { } d ? SocketValues.Read(d, type) : null) ?? DefaultFor(type);
            return new SocketDefinition(s.Identifier, s.Name, type, value);
        }).ToList();

    private static float[] DefaultFor(DataType type) => type == DataType.Color ? [0, 0, 0, 1] : new float[type.Channels()];
}
