using System.Text.Json;

namespace Compositor.Graph;

/// <summary>A socket named by identifier or by zero-based index, as links in the graph format allow.</summary>
public readonly record struct SocketRef(string? Identifier, int Index)
{
    /// <summary>A reference by identifier.</summary>
    public static SocketRef ById(string identifier) => new(identifier, -1);

    /// <summary>A reference by index.</summary>
    public static SocketRef ByIndex(int index) => new(null, index);

    /// <inheritdoc />
    public override string ToString() => Identifier is not null ? $"'{Identifier}'" : $"#{Index}";
}

/// <summary>Scene-level settings of a graph (graph format v1 "settings").</summary>
public sealed record GraphSettings
{
    /// <summary>Render size in pixels; the Composite output has this size.</summary>
    public int ResolutionX { get; init; } = 1920;

    /// <summary>Render height in pixels.</summary>
    public int ResolutionY { get; init; } = 1080;

    /// <summary>"FULL_FRAME" or "TILED".</summary>
    public string ExecutionMode { get; init; } = "FULL_FRAME";

    /// <summary>Tile edge for tiled execution.</summary>
    public int ChunkSize { get; init; } = 256;

    /// <summary>"HIGH", "MEDIUM" or "LOW".</summary>
    public string RenderQuality { get; init; } = "HIGH";

    /// <summary>"HIGH", "MEDIUM" or "LOW".</summary>
    public string EditQuality { get; init; } = "HIGH";

    /// <summary>Allow OpenCL devices.</summary>
    public bool UseOpenCl { get; init; }

    /// <summary>Buffer node group outputs.</summary>
    public bool UseGroupNodeBuffer { get; init; } = true;

    /// <summary>Current frame.</summary>
    public int FrameCurrent { get; init; } = 1;

    /// <summary>First frame of the range.</summary>
    public int FrameStart { get; init; } = 1;

    /// <summary>Last frame of the range.</summary>
    public int FrameEnd { get; init; } = 250;

    /// <summary>Frames per second.</summary>
    public double Fps { get; init; } = 24;
}

/// <summary>One node of a tree: its Blender type, properties, unlinked socket values and mute state.</summary>
public sealed class GraphNode
{
    /// <summary>Creates a node.</summary>
    public GraphNode(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>Unique name within its tree.</summary>
    public string Name { get; }

    /// <summary>Blender's bl_idname (the short form is expanded when loading).</summary>
    public string Type { get; }

    /// <summary>RNA properties by identifier.</summary>
    public Dictionary<string, JsonElement> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Values of input sockets, by identifier.</summary>
    public Dictionary<string, JsonElement> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Values stored on output sockets, by identifier.</summary>
    public Dictionary<string, JsonElement> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>A muted node passes its inputs through.</summary>
    public bool Mute { get; set; }

    /// <summary>
    /// For an Image node: a picture in memory read instead of the node's file (its <c>image</c>
    /// property may then be left out). Null: the file is read.
    /// </summary>
    public Imaging.ImageInput? Image { get; set; }

    /// <summary>
    /// Sets RNA property <paramref name="name"/> (as the graph format's <c>properties</c> spell it) to
    /// <paramref name="value"/>: a number, bool, string, array or object, stored as its JSON form.
    /// Checked against the node type when the graph is rendered.
    /// </summary>
    /// <returns>This node, to chain calls.</returns>
    public GraphNode SetProperty(string name, object? value)
    {
        Properties[name] = GraphValues.ToJson(value);
        return this;
    }

    /// <summary>
    /// Sets the value of unlinked input socket <paramref name="identifier"/> (a number, or an array of
    /// 3 or 4 numbers for vectors and colors).
    /// </summary>
    /// <returns>This node, to chain calls.</returns>
    public GraphNode SetInput(string identifier, object? value)
    {
        Inputs[identifier] = GraphValues.ToJson(value);
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"'{Name}' ({Type})";
}

/// <summary>A link from an output socket to an input socket.</summary>
public sealed record GraphLink(string From, SocketRef FromSocket, string To, SocketRef ToSocket);

/// <summary>A socket of a node group's interface.</summary>
public sealed record GroupSocket(string Name, string Identifier, string Type, JsonElement? Default);

/// <summary>A node group: its interface and its inner tree.</summary>
public sealed class NodeGroup
{
    /// <summary>Creates a group.</summary>
    public NodeGroup(string name) => Name = name;

    /// <summary>The group's name (key in "groups").</summary>
    public string Name { get; }

    /// <summary>Interface inputs.</summary>
    public List<GroupSocket> Inputs { get; } = [];

    /// <summary>Interface outputs.</summary>
    public List<GroupSocket> Outputs { get; } = [];

    /// <summary>Inner nodes.</summary>
    public List<GraphNode> Nodes { get; } = [];

    /// <summary>Inner links.</summary>
    public List<GraphLink> Links { get; } = [];
}

/// <summary>A whole graph file: settings, the top-level tree and the node groups it uses.</summary>
public sealed class NodeGraph
{
    /// <summary>Format version (1).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Scene settings.</summary>
    public GraphSettings Settings { get; set; } = new();

    /// <summary>Top-level nodes.</summary>
    public List<GraphNode> Nodes { get; } = [];

    /// <summary>Top-level links.</summary>
    public List<GraphLink> Links { get; } = [];

    /// <summary>Node groups by name.</summary>
    public Dictionary<string, NodeGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Folder that relative image paths are resolved against.</summary>
    public string BaseDirectory { get; set; } = Environment.CurrentDirectory;

    /// <summary>Where the graph was read from, for messages (null when built in memory).</summary>
    public string? SourcePath { get; set; }

    /// <summary>
    /// The node called <paramref name="name"/>; a node inside a node group is named
    /// <c>group/node</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No node has that name.</exception>
    public GraphNode Node(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        var nodes = Nodes;
        string local = name;
        if (slash > 0 && Groups.TryGetValue(name[..slash], out var group))
        {
            nodes = group.Nodes;
            local = name[(slash + 1)..];
        }

        return nodes.FirstOrDefault(n => n.Name == local)
            ?? throw new KeyNotFoundException($"the graph has no node '{name}' (nodes: {string.Join(", ", Nodes.Select(n => n.Name))})");
    }
}

/// <summary>Turns values given in code into the JSON form the graph model stores.</summary>
internal static class GraphValues
{
    public static JsonElement ToJson(object? value) => value switch
    {
        JsonElement e => e.Clone(),
        _ => JsonSerializer.SerializeToElement(value),
    };
}
