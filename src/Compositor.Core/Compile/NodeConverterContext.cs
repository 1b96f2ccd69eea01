using System.Text.Json;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>
/// What a node type's converter works with: the node, its properties and socket values, and the
/// operations it adds and maps its sockets to (Blender's NodeConverter).
/// </summary>
public sealed class NodeConverterContext
{
    private readonly OperationGraphBuilder _builder;
    private readonly string _key;

    internal NodeConverterContext(OperationGraphBuilder builder, string key, string displayName, GraphNode node, NodeType type, CompileSettings settings)
    {
        _builder = builder;
        _key = key;
        DisplayName = displayName;
        Node = node;
        Type = type;
        Settings = settings;
    }

    /// <summary>The node being converted.</summary>
    public GraphNode Node { get; }

    /// <summary>The node's type.</summary>
    public NodeType Type { get; }

    /// <summary>The node's name with its group path, for messages.</summary>
    public string DisplayName { get; }

    /// <summary>Scene and render settings.</summary>
    public CompileSettings Settings { get; }

    /// <summary>Adds an operation to the graph, labelled with this node's name.</summary>
    public T AddOperation<T>(T operation, string? role = null) where T : NodeOperation
    {
        operation.Label = role is null ? DisplayName : $"{DisplayName}:{role}";
        _builder.Add(operation);
        return operation;
    }

    /// <summary>Feeds <paramref name="input"/> from whatever feeds the node's input socket <paramref name="socket"/> (or its value).</summary>
    public void MapInput(string socket, OperationInput input)
    {
        RequireSocket(Type.GetInputs(Node), socket, "input");
        _builder.MapInput(_key, socket, input, () => InputValue(socket));
    }

    /// <summary>Makes <paramref name="operation"/> the producer of the node's output socket <paramref name="socket"/>.</summary>
    public void MapOutput(string socket, NodeOperation operation)
    {
        RequireSocket(Type.GetOutputs(Node), socket, "output");
        _builder.MapOutput(_key, socket, operation);
    }

    /// <summary>Links an operation's output to another's input.</summary>
    public void Link(NodeOperation from, OperationInput to) => to.Link = from;

    /// <summary>Adds a constant and links it to <paramref name="to"/>.</summary>
    public void LinkConstant(OperationInput to, params float[] value)
    {
        var c = AddOperation(new ConstantOperation(to.Type, value), "constant");
        to.Link = c;
    }

    /// <summary>True when a link feeds the node's input socket.</summary>
    public bool IsInputLinked(string socket) => _builder.IsInputLinked(_key, socket);

    /// <summary>
    /// The data type of the output socket a link feeds input socket <paramref name="socket"/> from,
    /// or null when the input is unlinked (Blender's File Output adopts it as its socket type).
    /// </summary>
    public DataType? LinkedOutputType(string socket) => _builder.LinkedOutputType(_key, socket);

    /// <summary>
    /// The value of an input socket as the graph gives it (the node's "inputs"), else Blender's
    /// default, with as many channels as the socket's type.
    /// </summary>
    public float[] InputValue(string socket)
    {
        var def = RequireSocket(Type.GetInputs(Node), socket, "input");
        if (!Node.Inputs.TryGetValue(socket, out var e)) return (float[])def.Default.Clone();
        return ReadValue(e, def.Type, $"inputs.{socket}");
    }

    /// <summary>A value stored on an output socket (the RGB and Value nodes keep theirs there).</summary>
    public float[] OutputValue(string socket)
    {
        var def = RequireSocket(Type.GetOutputs(Node), socket, "output");
        if (!Node.Outputs.TryGetValue(socket, out var e)) return (float[])def.Default.Clone();
        return ReadValue(e, def.Type, $"outputs.{socket}");
    }

    /// <summary>True when the graph sets the property (otherwise Blender's default applies).</summary>
    public bool HasProperty(string name) => Node.Properties.ContainsKey(name);

    /// <summary>An enum property's identifier.</summary>
    public string GetEnum(string name) => Get(name, PropertyKind.Enum, e => e.GetString()!, d => (string)d!);

    /// <summary>A boolean property.</summary>
    public bool GetBool(string name) => Get(name, PropertyKind.Bool, e => e.GetBoolean(), d => (bool)d!);

    /// <summary>An integer property.</summary>
    public int GetInt(string name) => Get(name, PropertyKind.Int, e => e.ValueKind switch
    {
        JsonValueKind.String => int.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => (int)e.GetDouble(),
    }, d => (int)d!);

    /// <summary>A float property.</summary>
    public float GetFloat(string name) => Get(name, PropertyKind.Float, e => e.GetSingle(), d => (float)d!);

    /// <summary>A float-array property (color, vector).</summary>
    public float[] GetFloats(string name) =>
        Get(name, PropertyKind.FloatArray, e => e.EnumerateArray().Select(x => x.GetSingle()).ToArray(), d => (float[])((float[])d!).Clone());

    /// <summary>A string property.</summary>
    public string GetString(string name) => Get(name, PropertyKind.String, e => e.GetString() ?? "", d => (string?)d ?? "");

    /// <summary>An object or collection property as JSON, or null when the graph does not give it.</summary>
    public JsonElement? GetObject(string name)
    {
        if (!Type.Properties.ContainsKey(name)) throw Error($"node type {Type.Identifier} has no property '{name}'", name);
        return Node.Properties.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;
    }

    /// <summary>An error about this node (and <paramref name="key"/>), raised while compiling, before any work.</summary>
    public GraphException Error(string reason, string? key = null, Exception? inner = null) => new(reason, DisplayName, key, inner: inner);

    /// <summary>
    /// An error about a file this node reads (<paramref name="path"/>): missing, unreadable or corrupt.
    /// Raised while compiling; the graph itself may be valid.
    /// </summary>
    public InputFileException InputError(string reason, string path, string? key = null, Exception? inner = null) => new(reason, path, DisplayName, key, inner);

    /// <summary>Resolves a path from the graph (relative to the graph file's folder).</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(Settings.BaseDirectory, path));

    private T Get<T>(string name, PropertyKind kind, Func<JsonElement, T> read, Func<object?, T> fromDefault)
    {
        if (!Type.Properties.TryGetValue(name, out var def)) throw Error($"node type {Type.Identifier} has no property '{name}'", name);
        if (def.Kind != kind) throw Error($"property '{name}' is a {def.Kind}, not a {kind}", name);
        if (!Node.Properties.TryGetValue(name, out var e)) return fromDefault(def.Default);
        try
        {
            return read(e);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Error($"cannot read the value {e.GetRawText()} as {kind}", name);
        }
    }

    private SocketDefinition RequireSocket(IReadOnlyList<SocketDefinition> sockets, string socket, string what) =>
        sockets.FirstOrDefault(s => s.Identifier == socket) ?? throw Error($"node type {Type.Identifier} has no {what} socket '{socket}'", socket);

    internal float[] ReadValue(JsonElement e, DataType type, string key) => SocketValues.Read(e, type) ?? throw Error($"expected a number or an array of numbers, got {e.GetRawText()}", key);
}

/// <summary>Reads socket values from JSON.</summary>
public static class SocketValues
{
    /// <summary>
    /// A socket value as <paramref name="type"/>'s channels (a number fills every channel; a color gets
    /// alpha 1 when it has 3, and negative color channels become 0 as in Blender), or null when malformed.
    /// </summary>
    public static float[]? Read(JsonElement e, DataType type)
    {
        var v = new float[type.Channels()];
        if (e.ValueKind == JsonValueKind.Number)
        {
            Array.Fill(v, type == DataType.Color ? MathF.Max(0f, e.GetSingle()) : e.GetSingle());
            if (type == DataType.Color) v[3] = 1f;
            return v;
        }

        if (e.ValueKind != JsonValueKind.Array) return null;
        int i = 0;
        foreach (var x in e.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number) return null;
            if (i < v.Length) v[i] = x.GetSingle();
            i++;
        }

        if (i == 1) Array.Fill(v, v[0]);
        if (type == DataType.Color && i < 4) v[3] = 1f;
        // Blender's color sockets hold no negative values: it clamps them when they are set.
        if (type == DataType.Color)
            for (int c = 0; c < v.Length; c++) v[c] = MathF.Max(0f, v[c]);
        return v;
    }
}
