using System.Text.Json;
using Compositor.Graph;
using Compositor.NodeTypes;

namespace Compositor.Compile;

/// <summary>
/// Checks a graph against the node types a registry knows: types, properties and enum values, socket
/// values, links and their sockets, one link per input, cycles, and node groups (missing or
/// containing themselves). Every problem is a <see cref="GraphException"/> naming node, key and reason.
/// </summary>
public static class GraphValidator
{
    /// <summary>Throws the first problem found.</summary>
    public static void Validate(NodeGraph graph, NodeRegistry registry)
    {
        ValidateTree(graph.Nodes, graph.Links, null, graph, registry);
        foreach (var group in graph.Groups.Values) ValidateTree(group.Nodes, group.Links, group, graph, registry);
        foreach (var group in graph.Groups.Values) CheckRecursion(group, graph, []);
    }

    private static void ValidateTree(List<GraphNode> nodes, List<GraphLink> links, NodeGroup? group, NodeGraph graph, NodeRegistry registry)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var node in nodes) ValidateNode(node, group, graph, registry);

        var linkedInputs = new HashSet<(string, string)>();
        var edges = nodes.ToDictionary(n => n.Name, _ => new List<string>(), StringComparer.Ordinal);
        int index = 0;
        foreach (var link in links)
        {
            string where = group is null ? $"links[{index}]" : $"groups.{group.Name}.links[{index}]";
            index++;
            if (!byName.TryGetValue(link.From, out var from))
                throw new GraphException($"link from an unknown node '{link.From}'", key: where + ".from");
            if (!byName.TryGetValue(link.To, out var to))
                throw new GraphException($"link to an unknown node '{link.To}'", key: where + ".to");
            var fromSocket = GraphSockets.Find(GraphSockets.Outputs(from, group, graph, registry), link.FromSocket)
                ?? throw new GraphException($"no output socket {link.FromSocket} (outputs: {Names(GraphSockets.Outputs(from, group, graph, registry))})", Name(group, from), where + ".from_socket");
            var toSocket = GraphSockets.Find(GraphSockets.Inputs(to, group, graph, registry), link.ToSocket)
                ?? throw new GraphException($"no input socket {link.ToSocket} (inputs: {Names(GraphSockets.Inputs(to, group, graph, registry))})", Name(group, to), where + ".to_socket");
            if (!linkedInputs.Add((to.Name, toSocket.Identifier)))
                throw new GraphException($"input socket '{toSocket.Identifier}' has more than one link", Name(group, to), where);
            _ = fromSocket;
            edges[from.Name].Add(to.Name);
        }

        CheckCycles(edges, group);
    }

    private static string Names(IReadOnlyList<SocketDefinition> sockets) =>
        sockets.Count == 0 ? "none" : string.Join(", ", sockets.Select(s => s.Identifier));

    private static string Name(NodeGroup? group, GraphNode node) => group is null ? node.Name : $"{group.Name}/{node.Name}";

    private static void ValidateNode(GraphNode node, NodeGroup? group, NodeGraph graph, NodeRegistry registry)
    {
        string name = Name(group, node);
        if (GraphSockets.IsLayoutNode(node.Type))
        {
            if (node.Type == GraphSockets.Group)
            {
                if (!node.Properties.TryGetValue("node_tree", out var tree) || tree.ValueKind != JsonValueKind.String)
                    throw new GraphException("a group node needs \"node_tree\": the name of an entry in \"groups\"", name, "properties.node_tree");
                if (!graph.Groups.ContainsKey(tree.GetString()!))
                    throw new GraphException($"unknown node group '{tree.GetString()}'; groups: {(graph.Groups.Count == 0 ? "none" : string.Join(", ", graph.Groups.Keys))}", name, "properties.node_tree");
            }

            if ((node.Type is GraphSockets.GroupInput or GraphSockets.GroupOutput) && group is null)
                throw new GraphException($"{node.Type} is only allowed inside a node group", name, "type");
            CheckSocketValues(node, GraphSockets.Inputs(node, group, graph, registry), node.Inputs, "inputs", name);
            return;
        }

        if (!registry.TryGet(node.Type, out var type))
        {
            string reason = BlenderNodeCatalog.IsBlenderType(node.Type)
                ? $"node type {node.Type} is not supported by this version of Compositor"
                : $"unknown node type '{node.Type}'";
            throw new GraphException(reason, name, "type");
        }

        foreach (var (key, value) in node.Properties)
        {
            if (!type.Properties.TryGetValue(key, out var def))
                throw new GraphException($"node type {type.Identifier} has no property '{key}'", name, "properties." + key);
            if (def.Validate(value) is { } problem) throw new GraphException(problem, name, "properties." + key);
        }

        CheckSocketValues(node, type.GetInputs(node), node.Inputs, "inputs", name);
        CheckSocketValues(node, type.GetOutputs(node), node.Outputs, "outputs", name);
        if (NodeErrors.Guard(name, () => type.Validate(node, graph)) is { } issue) throw new GraphException(issue, name);
    }

    private static void CheckSocketValues(GraphNode node, IReadOnlyList<NodeTypes.SocketDefinition> sockets, Dictionary<string, JsonElement> values, string what, string name)
    {
        foreach (var (key, value) in values)
        {
            var socket = sockets.FirstOrDefault(s => s.Identifier == key)
                ?? throw new GraphException($"no {what[..^1]} socket '{key}' (sockets: {Names(sockets)})", name, $"{what}.{key}");
            if (SocketValues.Read(value, socket.Type) is null)
                throw new GraphException($"expected a number or an array of numbers, got {value.GetRawText()}", name, $"{what}.{key}");
        }
    }

    private static void CheckCycles(Dictionary<string, List<string>> edges, NodeGroup? group)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in edges.Keys)
        {
            if (state.ContainsKey(start)) continue;
            var stack = new Stack<(string Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (n, next) = stack.Pop();
                if (next < edges[n].Count)
                {
                    stack.Push((n, next + 1));
                    string m = edges[n][next];
                    if (state.TryGetValue(m, out int s))
                    {
                        if (s == 1) throw new GraphException("the links form a cycle through this node", group is null ? m : $"{group.Name}/{m}", "links");
                        continue;
                    }

                    state[m] = 1;
                    stack.Push((m, 0));
                }
                else
                {
                    state[n] = 2;
                }
            }
        }
    }

    private static void CheckRecursion(NodeGroup group, NodeGraph graph, List<string> path)
    {
        if (path.Contains(group.Name))
            throw new GraphException($"node group '{group.Name}' contains itself ({string.Join(" > ", path.Append(group.Name))})", key: $"groups.{group.Name}");
        path.Add(group.Name);
        foreach (var node in group.Nodes)
            if (node.Type == GraphSockets.Group && GraphSockets.GroupOf(node, graph) is { } inner)
                CheckRecursion(inner, graph, path);
        path.RemoveAt(path.Count - 1);
    }
}
