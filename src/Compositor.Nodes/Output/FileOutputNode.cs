using System.Globalization;
using System.Text.Json;
using Compositor.Compile;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Output;

/// <summary>
/// File Output: when rendering, writes each linked input slot to <c>base_path</c> joined with the
/// slot's <c>path</c>, the frame number put in place of its last run of <c>#</c> (or appended with
/// 4 digits) and the format's extension ensured, in the slot's format (<c>use_node_format</c>: the
/// node's <c>format</c>). PNG 8/16-bit and OpenEXR half/float (NONE, ZIP, ZIPS, RLE) are written;
/// OPEN_EXR_MULTILAYER writes one file named by <c>base_path</c> with a layer per linked slot
/// (named by <c>layer_slots</c>). Other formats and codecs are rejected when the graph is loaded.
/// The inputs are the slots: <c>file_slots</c> (else <c>layer_slots</c>, else one slot "Image"),
/// identified by their path as Blender names them ("Image", "Image_001", ...). Files are written
/// once the whole render has succeeded, each under a temporary name renamed into place.
/// </summary>
public sealed class FileOutputNode : NodeType
{
    private static readonly HashSet<string> SlotKeys = ["path", "use_node_format", "format", "save_as_render"];
    private static readonly float[] SlotDefault = [0f, 0f, 0f, 1f];

    /// <summary>Declares the node type.</summary>
    public FileOutputNode() : base("CompositorNodeOutputFile", "Output")
    {
    }

    /// <summary>One input slot of a File Output node.</summary>
    /// <param name="Identifier">The socket identifier (the initial path, made unique).</param>
    /// <param name="Path">The file path relative to the base path (single-layer formats).</param>
    /// <param name="Layer">The layer name (multi-layer format).</param>
    /// <param name="Format">The slot's effective format.</param>
    public sealed record Slot(string Identifier, string Path, string Layer, FileOutputFormat Format);

    /// <summary>The node's settings: base path, format and slots.</summary>
    public sealed record Settings(string BasePath, FileOutputFormat Format, IReadOnlyList<Slot> Slots);

    /// <inheritdoc />
    public override IReadOnlyList<SocketDefinition> GetInputs(GraphNode node)
    {
        try
        {
            return Read(node).Slots.Select(s => new SocketDefinition(s.Identifier, s.Path, DataType.Color, SlotDefault)).ToList();
        }
        catch (FormatException)
        {
            // Validate reports the problem; until then the slot names alone decide the sockets.
            return SlotNames(node).Select(n => new SocketDefinition(n.Identifier, n.Name, DataType.Color, SlotDefault)).ToList();
        }
    }

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph)
    {
        try
        {
            Read(node);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        Settings settings;
        try
        {
            settings = Read(context.Node);
        }
        catch (FormatException e)
        {
            throw context.Error(e.Message);
        }

        // Blender converts File Output nodes only for renders; while editing they do nothing.
        if (!context.Settings.Rendering) return;
        int frame = context.Settings.Scene.FrameCurrent;
        string directory = context.Settings.FileOutputDirectory ?? context.Settings.BaseDirectory;

        if (settings.Format.FileFormat == FileOutputFileFormat.OpenExrMultilayer)
        {
            string path = FileOutputPaths.Build(settings.BasePath, null, frame, settings.Format.Extension, directory);
            var multi = new FileOutputMultilayerOperation(context.DisplayName, settings.Format, path);
            foreach (var slot in settings.Slots)
            {
                // Unlinked slots are empty placeholders in Blender and write no layer.
                if (context.LinkedOutputType(slot.Identifier) is not { } type) continue;
                context.MapInput(slot.Identifier, multi.AddLayer(slot.Layer, type));
            }

            if (multi.Layers.Count > 0) context.AddOperation(multi);
            return;
        }

        foreach (var slot in settings.Slots)
        {
            if (context.LinkedOutputType(slot.Identifier) is not { } type) continue;
            var format = slot.Format.FileFormat == FileOutputFileFormat.OpenExrMultilayer ? settings.Format : slot.Format;
            string path = FileOutputPaths.Build(settings.BasePath, slot.Path, frame, format.Extension, directory);
            var op = context.AddOperation(new FileOutputOperation(context.DisplayName, type, format, path), slot.Path);
            context.MapInput(slot.Identifier, op.Inputs[0]);
        }
    }

    /// <summary>Reads a node's base path, format and slots.</summary>
    /// <exception cref="FormatException">A property is malformed or names something that cannot be written.</exception>
    public static Settings Read(GraphNode node)
    {
        string basePath = "/tmp/";
        if (node.Properties.TryGetValue("base_path", out var bp) && bp.ValueKind != JsonValueKind.Null)
            basePath = bp.ValueKind == JsonValueKind.String ? bp.GetString()! : throw new FormatException("base_path: expected a string");

        var format = FileOutputFormat.Default;
        if (node.Properties.TryGetValue("format", out var f) && f.ValueKind != JsonValueKind.Null)
            format = Wrap("format", () => FileOutputFormat.Parse(f, FileOutputFormat.Default));

        var names = SlotNames(node);
        var slots = new List<Slot>(names.Count);
        JsonElement? fileSlots = node.Properties.TryGetValue("file_slots", out var fs) && fs.ValueKind == JsonValueKind.Array ? fs : null;
        for (int i = 0; i < names.Count; i++)
        {
            var slotFormat = format;
            if (fileSlots is { } list)
            {
                var e = list[i];
                foreach (var p in e.EnumerateObject())
                    if (!SlotKeys.Contains(p.Name)) throw new FormatException($"file_slots[{i}]: unknown key '{p.Name}'");
                bool useNodeFormat = true;
                if (e.TryGetProperty("use_node_format", out var u))
                    useNodeFormat = u.ValueKind is JsonValueKind.True or JsonValueKind.False ? u.GetBoolean() : throw new FormatException($"file_slots[{i}].use_node_format: expected true or false");
                if (e.TryGetProperty("save_as_render", out var sar) && sar.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw new FormatException($"file_slots[{i}].save_as_render: expected true or false");
                if (e.TryGetProperty("format", out var sf) && sf.ValueKind != JsonValueKind.Null)
                {
                    var parsed = Wrap($"file_slots[{i}].format", () => FileOutputFormat.Parse(sf, format));
                    if (!useNodeFormat) slotFormat = parsed;
                }
            }

            slots.Add(new Slot(names[i].Identifier, names[i].Name, names[i].Layer, slotFormat));
        }

        return new Settings(basePath, format, slots);
    }

    /// <summary>
    /// The slots' socket identifiers, paths and layer names: from <c>file_slots</c> (layer names from
    /// <c>layer_slots</c> when it has as many entries), else from <c>layer_slots</c>, else one "Image".
    /// </summary>
    private static List<(string Identifier, string Name, string Layer)> SlotNames(GraphNode node)
    {
        var paths = Names(node, "file_slots", "path");
        var layers = Names(node, "layer_slots", "name");
        var names = paths ?? layers ?? ["Image"];
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string, string)>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            string layer = paths is not null && layers is not null && layers.Count == paths.Count ? layers[i] : names[i];
            result.Add((Unique(names[i], used), names[i], layer));
        }

        return result;
    }

    private static List<string>? Names(GraphNode node, string property, string key)
    {
        if (!node.Properties.TryGetValue(property, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Array) throw new FormatException($"{property}: expected an array");
        var names = new List<string>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"{property}[{i}]: expected an object");
            string name = "Image";
            if (item.TryGetProperty(key, out var n))
                name = n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException($"{property}[{i}].{key}: expected a string");
            if (property == "layer_slots")
                foreach (var p in item.EnumerateObject())
                    if (p.Name != "name") throw new FormatException($"layer_slots[{i}]: unknown key '{p.Name}'");
            names.Add(name);
            i++;
        }

        if (names.Count == 0) throw new FormatException($"{property}: a File Output needs at least one slot");
        return names;
    }

    /// <summary>Blender's unique socket identifier: the name, or name_001, name_002, ... when taken.</summary>
    private static string Unique(string name, HashSet<string> used)
    {
        if (name.Length == 0) name = "socket";
        if (used.Add(name)) return name;
        string stem = name;
        int number = 0;
        int sep = name.LastIndexOf('_');
        if (sep > 0 && sep < name.Length - 1 && name[(sep + 1)..].All(char.IsAsciiDigit)
            && int.TryParse(name[(sep + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            stem = name[..sep];
            number = n;
        }

        while (true)
        {
            number++;
            string candidate = $"{stem}_{number:D3}";
            if (used.Add(candidate)) return candidate;
        }
    }

    private static T Wrap<T>(string where, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new FormatException($"{where}: {e.Message}", e);
        }
    }
}
