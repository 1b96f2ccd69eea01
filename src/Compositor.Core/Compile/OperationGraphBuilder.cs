using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>
/// Turns a node graph into operations (Blender's NodeGraph + NodeOperationBuilder, first half):
/// groups are inlined, reroutes, mutes and group sockets become proxies, every node converts
/// through its type, node links expand to operation links, and unlinked inputs get constants.
/// </summary>
internal sealed class OperationGraphBuilder
{
    private readonly NodeGraph _graph;
    private readonly NodeRegistry _registry;
    private readonly CompileSettings _settings;
    private readonly List<NodeOperation> _operations = [];
    private readonly Dictionary<(string Key, string Socket), List<(OperationInput Input, Func<float[]> Value)>> _inputMap = [];
    private readonly Dictionary<(string Key, string Socket), NodeOperation> _outputMap = [];
    private readonly List<(string FromKey, string FromSocket, string ToKey, string ToSocket)> _links = [];
    private readonly Dictionary<(string Key, string Socket), DataType> _linkedInputs = [];

    public OperationGraphBuilder(NodeGraph graph, NodeRegistry registry, CompileSettings settings)
    {
        _graph = graph;
        _registry = registry;
        _settings = settings;
    }

    public List<NodeOperation> Operations => _operations;

    public void Add(NodeOperation operation) => _operations.Add(operation);

    public void MapInput(string key, string socket, OperationInput input, Func<float[]> value)
    {
        if (!_inputMap.TryGetValue((key, socket), out var list)) _inputMap[(key, socket)] = list = [];
        list.Add((input, value));
    }

    public void MapOutput(string key, string socket, NodeOperation operation) => _outputMap[(key, socket)] = operation;

    public bool IsInputLinked(string key, string socket) => _linkedInputs.ContainsKey((key, socket));

    /// <summary>The type of the output socket linked to an input socket, or null when none is.</summary>
    public DataType? LinkedOutputType(string key, string socket) => _linkedInputs.TryGetValue((key, socket), out var t) ? t : null;

    /// <summary>Runs the conversion: every node, then links, then constants for what stays unlinked.</summary>
    public void Build()
    {
        CollectLinks(_graph.Nodes, _graph.Links, null, "");
        ConvertTree(_graph.Nodes, null, "", null);
        ExpandLinks();
        AddInputConstants();
    }

    private void CollectLinks(List<GraphNode> nodes, List<GraphLink> links, NodeGroup? group, string prefix)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var link in links)
        {
            var from = byName[link.From];
            var to = byName[link.To];
            var fromSocket = GraphSockets.Find(GraphSockets.Outputs(from, group, _graph, _registry), link.FromSocket)!;
            var toSocket = GraphSockets.Find(GraphSockets.Inputs(to, group, _graph, _registry), link.ToSocket)!;
            _links.Add((prefix + from.Name, fromSocket.Identifier, prefix + to.Name, toSocket.Identifier));
            _linkedInputs[(prefix + to.Name, toSocket.Identifier)] = fromSocket.Type;
        }

        foreach (var node in nodes)
            if (node.Type == GraphSockets.Group && GraphSockets.GroupOf(node, _graph) is { } inner)
                CollectLinks(inner.Nodes, inner.Links, inner, prefix + node.Name + "/");
    }

    /// <summary>Group sockets seen from inside an instance: proxies for its inputs and outputs.</summary>
    private sealed record GroupInstance(NodeGroup Group, Dictionary<string, SocketProxyOperation> Inputs, Dictionary<string, SocketProxyOperation> Outputs);

    private void ConvertTree(List<GraphNode> nodes, NodeGroup? group, string prefix, GroupInstance? instance)
    {
        bool outputMapped = false;
        foreach (var node in nodes)
        {
            string key = prefix + node.Name;
            switch (node.Type)
            {
                case GraphSockets.Frame:
                    break;
                case GraphSockets.Reroute:
                {
                    var proxy = AddProxy(DataType.Color, key);
                    MapInput(key, "Input", proxy.Inputs[0], () => [0, 0, 0, 0]);
                    MapOutput(key, "Output", proxy);
                    break;
                }

                case GraphSockets.GroupInput:
                    foreach (var (id, proxy) in instance!.Inputs) MapOutput(key, id, proxy);
                    break;
                case GraphSockets.GroupOutput:
                    // Blender uses the active group output node; a graph names the first one active.
                    if (outputMapped) break;
                    outputMapped = true;
                    foreach (var (id, proxy) in instance!.Outputs) MapInput(key, id, proxy.Inputs[0], () => new float[proxy.Inputs[0].Type.Channels()]);
                    break;
                case GraphSockets.Group:
                    ConvertGroupNode(node, key);
                    break;
                default:
                    if (node.Mute) ConvertMuted(node, key);
                    else ConvertNode(node, key);
                    break;
            }
        }
    }

    private SocketProxyOperation AddProxy(DataType type, string label)
    {
        var proxy = new SocketProxyOperation(type) { Label = label };
        _operations.Add(proxy);
        return proxy;
    }

    private void ConvertGroupNode(GraphNode node, string key)
    {
        var group = GraphSockets.GroupOf(node, _graph)!;
        var inputs = new Dictionary<string, SocketProxyOperation>(StringComparer.Ordinal);
        foreach (var socket in GraphSockets.Interface(group.Inputs))
        {
            var proxy = AddProxy(socket.Type, $"{key}:{socket.Identifier}");
            var value = node.Inputs.TryGetValue(socket.Identifier, out var e) ? SocketValues.Read(e, socket.Type)! : socket.Default;
            MapInput(key, socket.Identifier, proxy.Inputs[0], () => value);
            inputs[socket.Identifier] = proxy;
        }

        var outputs = new Dictionary<string, SocketProxyOperation>(StringComparer.Ordinal);
        foreach (var socket in GraphSockets.Interface(group.Outputs))
        {
            var proxy = AddProxy(socket.Type, $"{key}:{socket.Identifier}");
            MapOutput(key, socket.Identifier, proxy);
            outputs[socket.Identifier] = proxy;
        }

        ConvertTree(group.Nodes, group, key + "/", new GroupInstance(group, inputs, outputs));
    }

    private void ConvertMuted(GraphNode node, string key)
    {
        var type = Type(node, key);
        var inputs = type.GetInputs(node);
        var outputs = type.GetOutputs(node);
        var context = new NodeConverterContext(this, key, key, node, type, _settings);
        for (int o = 0; o < outputs.Count; o++)
        {
            int i = type.GetMutedPassThroughInput(node, o, socket => IsInputLinked(key, socket));
            if (i < 0) continue;
            var proxy = AddProxy(outputs[o].Type, $"{key}:muted");
            string socket = inputs[i].Identifier;
            MapInput(key, socket, proxy.Inputs[0], () => context.InputValue(socket));
            MapOutput(key, outputs[o].Identifier, proxy);
        }
    }

    private void ConvertNode(GraphNode node, string key)
    {
        var type = Type(node, key);
        NodeErrors.Guard(key, () => type.Convert(new NodeConverterContext(this, key, key, node, type, _settings)));
    }

    private NodeType Type(GraphNode node, string key) =>
        _registry.TryGet(node.Type, out var type) ? type : throw new GraphException($"unknown node type '{node.Type}'", key, "type");

    private void ExpandLinks()
    {
        foreach (var (fromKey, fromSocket, toKey, toSocket) in _links)
        {
            // An output nothing produces (a muted node's output without pass-through) leaves the input to its value.
            if (!_outputMap.TryGetValue((fromKey, fromSocket), out var producer)) continue;
            if (!_inputMap.TryGetValue((toKey, toSocket), out var consumers)) continue;
            foreach (var (input, _) in consumers) input.Link = producer;
        }
    }

    private void AddInputConstants()
    {
        var mapped = new HashSet<OperationInput>();
        foreach (var list in _inputMap.Values)
        {
            foreach (var (input, value) in list)
            {
                mapped.Add(input);
                if (input.IsConnected) continue;
                var constant = new ConstantOperation(input.Type, value()) { Label = input.Owner.Label + ":value" };
                _operations.Add(constant);
                input.Link = constant;
            }
        }

        foreach (var op in _operations.ToList())
            foreach (var input in op.Inputs)
                if (!input.IsConnected && !mapped.Contains(input))
                {
                    // Blender gives inputs that no socket backs a zero.
                    var constant = new ConstantOperation(input.Type, new float[input.Type.Channels()]) { Label = op.Label + ":zero" };
                    _operations.Add(constant);
                    input.Link = constant;
                }
    }
}
