using System.Globalization;
using System.Text.Json;

namespace Compositor.Graph;

/// <summary>Reads graph format v1 JSON into a <see cref="NodeGraph"/>, checking its shape (not its node types).</summary>
public static class GraphReader
{
    /// <summary>The format versions this reader understands.</summary>
    public static readonly IReadOnlyList<int> SupportedVersions = [1];

    /// <summary>Reads a graph file; relative image paths resolve against its folder.</summary>
    public static NodeGraph ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GraphException($"cannot read graph file '{path}': {e.Message}", inner: e);
        }

        var graph = ReadString(text, Path.GetDirectoryName(Path.GetFullPath(path)));
        graph.SourcePath = Path.GetFullPath(path);
        return graph;
    }

    /// <summary>Reads a graph from a stream.</summary>
    public static NodeGraph ReadStream(Stream stream, string? baseDirectory = null)
    {
        using var reader = new StreamReader(stream);
        return ReadString(reader.ReadToEnd(), baseDirectory);
    }

    /// <summary>Reads a graph from JSON text.</summary>
    public static NodeGraph ReadString(string json, string? baseDirectory = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            throw new GraphException($"invalid JSON: {FirstSentence(e.Message)}", line: line, column: column, inner: e);
        }
        catch (ArgumentException e)
        {
            // Text that is not valid Unicode (a lone surrogate) cannot be JSON.
            throw new GraphException($"invalid text: {e.Message}", inner: e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new GraphException("the graph must be a JSON object");
            CheckKeys(root, null, "the graph", "version", "settings", "nodes", "links", "groups");

            if (!root.TryGetProperty("version", out var v)) throw new GraphException("missing required key; supported versions: 1", key: "version");
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int version) || !SupportedVersions.Contains(version))
                throw new GraphException($"unsupported version {v.GetRawText()}; supported versions: {string.Join(", ", SupportedVersions)}", key: "version");

            var graph = new NodeGraph { Version = version, BaseDirectory = baseDirectory ?? Environment.CurrentDirectory };
            if (root.TryGetProperty("settings", out var s)) graph.Settings = ReadSettings(s);

            if (!root.TryGetProperty("nodes", out var nodes)) throw new GraphException("missing required key", key: "nodes");
            ReadTree(nodes, root.TryGetProperty("links", out var links) ? links : default, graph.Nodes, graph.Links, null);

            if (root.TryGetProperty("groups", out var groups))
            {
                if (groups.ValueKind != JsonValueKind.Object) throw new GraphException("must be an object of groups by name", key: "groups");
                foreach (var g in groups.EnumerateObject()) graph.Groups[g.Name] = ReadGroup(g.Name, g.Value);
            }

            return graph;
        }
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    private static void CheckKeys(JsonElement obj, string? node, string what, params string[] allowed)
    {
        foreach (var p in obj.EnumerateObject())
            if (!allowed.Contains(p.Name))
                throw new GraphException($"unknown key in {what}; allowed keys: {string.Join(", ", allowed)}", node, p.Name);
    }

    private static GraphSettings ReadSettings(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object) throw new GraphException("must be an object", key: "settings");
        CheckKeys(s, null, "settings", "resolution", "execution_mode", "chunk_size", "render_quality", "edit_quality",
            "use_opencl", "use_groupnode_buffer", "frame_current", "frame_start", "frame_end", "fps");
        var settings = new GraphSettings();
        foreach (var p in s.EnumerateObject())
        {
            string key = "settings." + p.Name;
            var e = p.Value;
            settings = p.Name switch
            {
                "resolution" => ReadResolution(settings, e, key),
                "execution_mode" => settings with { ExecutionMode = Enum(e, key, "FULL_FRAME", "TILED") },
                "chunk_size" => settings with { ChunkSize = ReadChunkSize(e, key) },
                "render_quality" => settings with { RenderQuality = Enum(e, key, "HIGH", "MEDIUM", "LOW") },
                "edit_quality" => settings with { EditQuality = Enum(e, key, "HIGH", "MEDIUM", "LOW") },
                "use_opencl" => settings with { UseOpenCl = Bool(e, key) },
                "use_groupnode_buffer" => settings with { UseGroupNodeBuffer = Bool(e, key) },
                "frame_current" => settings with { FrameCurrent = Int(e, key) },
                "frame_start" => settings with { FrameStart = Int(e, key) },
                "frame_end" => settings with { FrameEnd = Int(e, key) },
                "fps" => settings with { Fps = Number(e, key, 0.001) },
                _ => settings,
            };
        }

        return settings;
    }

    private static GraphSettings ReadResolution(GraphSettings settings, JsonElement e, string key)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2)
            throw new GraphException("expected [width, height]", key: key);
        int w = Int(e[0], key), h = Int(e[1], key);
        if (w < 1 || h < 1 || w > 65536 || h > 65536) throw new GraphException($"resolution {w}x{h} is out of range 1..65536", key: key);
        return settings with { ResolutionX = w, ResolutionY = h };
    }

    private static int ReadChunkSize(JsonElement e, string key)
    {
        int size = e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed)
            ? parsed
            : Int(e, key);
        if (size is not (32 or 64 or 128 or 256 or 512 or 1024))
            throw new GraphException($"chunk size {size} is not one of 32, 64, 128, 256, 512, 1024", key: key);
        return size;
    }

    private static string Enum(JsonElement e, string key, params string[] values)
    {
        if (e.ValueKind == JsonValueKind.String && values.Contains(e.GetString())) return e.GetString()!;
        throw new GraphException($"expected one of {string.Join(", ", values)}, got {e.GetRawText()}", key: key);
    }

    private static bool Bool(JsonElement e, string key) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new GraphException($"expected true or false, got {e.GetRawText()}", key: key),
    };

    private static int Int(JsonElement e, string key)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        throw new GraphException($"expected an integer, got {e.GetRawText()}", key: key);
    }

    private static double Number(JsonElement e, string key, double min)
    {
        if (e.ValueKind == JsonValueKind.Number && e.GetDouble() >= min) return e.GetDouble();
        throw new GraphException($"expected a number >= {min}, got {e.GetRawText()}", key: key);
    }

    private static void ReadTree(JsonElement nodes, JsonElement links, List<GraphNode> outNodes, List<GraphLink> outLinks, string? group)
    {
        string prefix = group is null ? "" : $"groups.{group}.";
        if (nodes.ValueKind != JsonValueKind.Array) throw new GraphException("must be an array of nodes", key: prefix + "nodes");
        var names = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var n in nodes.EnumerateArray())
        {
            var node = ReadNode(n, $"{prefix}nodes[{index}]", group);
            if (!names.Add(node.Name)) throw new GraphException("two nodes have this name; names must be unique within a tree", Qualify(group, node.Name), "name");
            outNodes.Add(node);
            index++;
        }

        if (links.ValueKind == JsonValueKind.Undefined) return;
        if (links.ValueKind != JsonValueKind.Array) throw new GraphException("must be an array of links", key: prefix + "links");
        index = 0;
        foreach (var l in links.EnumerateArray())
        {
            string where = $"{prefix}links[{index++}]";
            if (l.ValueKind != JsonValueKind.Object) throw new GraphException("a link must be an object", key: where);
            CheckKeys(l, null, where, "from", "from_socket", "to", "to_socket", "muted");
            if (l.TryGetProperty("muted", out var muted) && Bool(muted, where + ".muted")) continue; // Blender ignores muted links
            outLinks.Add(new GraphLink(
                LinkString(l, "from", where), LinkSocket(l, "from_socket", where),
                LinkString(l, "to", where), LinkSocket(l, "to_socket", where)));
        }
    }

    /// <summary>A node's name as messages show it: with its group.</summary>
    internal static string Qualify(string? group, string node) => group is null ? node : $"{group}/{node}";

    private static string LinkString(JsonElement l, string key, string where)
    {
        if (l.TryGetProperty(key, out var e) && e.ValueKind == JsonValueKind.String) return e.GetString()!;
        throw new GraphException("expected a node name", key: $"{where}.{key}");
    }

    private static SocketRef LinkSocket(JsonElement l, string key, string where)
    {
        if (!l.TryGetProperty(key, out var e)) throw new GraphException("missing socket (identifier or index)", key: $"{where}.{key}");
        if (e.ValueKind == JsonValueKind.String) return SocketRef.ById(e.GetString()!);
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int i) && i >= 0) return SocketRef.ByIndex(i);
        throw new GraphException($"expected a socket identifier or a non-negative index, got {e.GetRawText()}", key: $"{where}.{key}");
    }

    private static GraphNode ReadNode(JsonElement n, string where, string? group)
    {
        if (n.ValueKind != JsonValueKind.Object) throw new GraphException("a node must be an object", key: where);
        if (!n.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
            throw new GraphException("a node needs a non-empty \"name\"", key: where + ".name");
        string nodeName = Qualify(group, name.GetString()!);
        CheckKeys(n, nodeName, "a node", "name", "type", "properties", "inputs", "outputs", "mute", "label", "location", "width", "parent", "hide");
        if (!n.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw new GraphException("a node needs a \"type\" (Blender's bl_idname)", nodeName, "type");

        var node = new GraphNode(name.GetString()!, NodeTypes.NodeRegistry.Normalize(type.GetString()!));
        ReadMap(n, "properties", node.Properties, nodeName);
        ReadMap(n, "inputs", node.Inputs, nodeName);
        ReadMap(n, "outputs", node.Outputs, nodeName);
        if (n.TryGetProperty("mute", out var mute)) node.Mute = Bool(mute, "mute");
        return node;
    }

    private static void ReadMap(JsonElement n, string key, Dictionary<string, JsonElement> target, string nodeName)
    {
        if (!n.TryGetProperty(key, out var map)) return;
        if (map.ValueKind != JsonValueKind.Object) throw new GraphException("must be an object", nodeName, key);
        foreach (var p in map.EnumerateObject()) target[p.Name] = p.Value.Clone();
    }

    private static NodeGroup ReadGroup(string name, JsonElement g)
    {
        string where = $"groups.{name}";
        if (g.ValueKind != JsonValueKind.Object) throw new GraphException("a group must be an object", key: where);
        CheckKeys(g, null, $"group '{name}'", "interface", "nodes", "links");
        var group = new NodeGroup(name);
        if (g.TryGetProperty("interface", out var iface))
        {
            if (iface.ValueKind != JsonValueKind.Object) throw new GraphException("must be an object", key: where + ".interface");
            CheckKeys(iface, null, $"interface of group '{name}'", "inputs", "outputs");
            if (iface.TryGetProperty("inputs", out var ins)) ReadInterface(ins, group.Inputs, where + ".interface.inputs");
            if (iface.TryGetProperty("outputs", out var outs)) ReadInterface(outs, group.Outputs, where + ".interface.outputs");
        }

        if (!g.TryGetProperty("nodes", out var nodes)) throw new GraphException("missing required key", key: where + ".nodes");
        ReadTree(nodes, g.TryGetProperty("links", out var links) ? links : default, group.Nodes, group.Links, name);
        return group;
    }

    private static void ReadInterface(JsonElement list, List<GroupSocket> target, string where)
    {
        if (list.ValueKind != JsonValueKind.Array) throw new GraphException("must be an array of sockets", key: where);
        int i = 0;
        foreach (var s in list.EnumerateArray())
        {
            string at = $"{where}[{i++}]";
            if (s.ValueKind != JsonValueKind.Object) throw new GraphException("a socket must be an object", key: at);
            string Str(string k, bool required)
            {
                if (s.TryGetProperty(k, out var e) && e.ValueKind == JsonValueKind.String) return e.GetString()!;
                if (required) throw new GraphException("expected a string", key: $"{at}.{k}");
                return "";
            }

            string identifier = Str("identifier", true);
            string type = Str("type", true);
            if (type is not ("RGBA" or "VALUE" or "VECTOR"))
                throw new GraphException($"unknown socket type '{type}'; expected RGBA, VALUE or VECTOR", key: $"{at}.type");
            JsonElement? def = s.TryGetProperty("default", out var d) ? d.Clone() : null;
            target.Add(new GroupSocket(Str("name", false), identifier, type, def));
        }
    }
}
