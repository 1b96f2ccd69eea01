using System.Text.Json;
using Compositor.Imaging;

namespace Compositor.NodeTypes;

/// <summary>
/// Blender 3.4's node type declarations — socket identifiers, names, types and defaults, and RNA
/// properties with their defaults, enum items and hard limits — as dumped from Blender itself by
/// <c>tools/blender/dump_node_types.py</c>. Node types take their declarations from here so that
/// every graph Blender exports validates, and nothing else does.
/// </summary>
public static class BlenderNodeCatalog
{
    private static readonly Lazy<Dictionary<string, Entry>> Entries = new(Load);

    /// <summary>One node type's declaration.</summary>
    public sealed record Entry(string Label, IReadOnlyList<SocketDefinition> Inputs, IReadOnlyList<SocketDefinition> Outputs, IReadOnlyList<PropertyDefinition> Properties);

    /// <summary>Every bl_idname Blender 3.4 registers for the compositor (with the layout nodes).</summary>
    public static IEnumerable<string> Identifiers => Entries.Value.Keys;

    /// <summary>
    /// True when Blender 3.4 has a node type <paramref name="identifier"/>, including the scene-only
    /// types (Render Layers, Cryptomatte) that the catalog could not declare because Blender adds them
    /// only to a scene's own compositing tree.
    /// </summary>
    public static bool IsBlenderType(string identifier) => Entries.Value.ContainsKey(identifier) || SceneOnly.Value.Contains(identifier);

    private static readonly Lazy<HashSet<string>> SceneOnly = new(() =>
    {
        using var stream = typeof(BlenderNodeCatalog).Assembly.GetManifestResourceStream("BlenderNodeTypes-3.4.json")!;
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.EnumerateObject()
            .Where(t => t.Value.TryGetProperty("error", out var e) && e.GetString()!.Contains("compositing node tree of any scene", StringComparison.Ordinal))
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>The declaration of <paramref name="identifier"/>, if Blender has such a node type.</summary>
    public static bool TryGet(string identifier, out Entry entry) => Entries.Value.TryGetValue(identifier, out entry!);

    /// <summary>Maps a Blender socket type name (RGBA, VALUE, VECTOR) to a data type.</summary>
    public static DataType? SocketType(string blenderType) => blenderType switch
    {
        "RGBA" => DataType.Color,
        "VALUE" => DataType.Value,
        "VECTOR" => DataType.Vector,
        _ => null,
    };

    private static Dictionary<string, Entry> Load()
    {
        using var stream = typeof(BlenderNodeCatalog).Assembly.GetManifestResourceStream("BlenderNodeTypes-3.4.json")
            ?? throw new InvalidOperationException("the embedded Blender node type catalog is missing");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var type in doc.RootElement.EnumerateObject())
        {
            var t = type.Value;
            if (t.TryGetProperty("error", out _)) continue;
            result[type.Name] = new Entry(
                t.GetProperty("label").GetString() ?? type.Name,
                Sockets(t.GetProperty("inputs")),
                Sockets(t.GetProperty("outputs")),
                t.GetProperty("properties").EnumerateArray().Select(Property).ToList());
        }

        return result;
    }

    private static List<SocketDefinition> Sockets(JsonElement list)
    {
        var sockets = new List<SocketDefinition>();
        foreach (var s in list.EnumerateArray())
        {
            if (SocketType(s.GetProperty("type").GetString()!) is not { } type) continue; // virtual sockets of group nodes
            var def = new float[type.Channels()];
            if (s.TryGetProperty("default", out var d))
            {
                if (d.ValueKind == JsonValueKind.Number) Array.Fill(def, d.GetSingle());
                else if (d.ValueKind == JsonValueKind.Array)
                {
                    int i = 0;
                    foreach (var e in d.EnumerateArray()) if (i < def.Length) def[i++] = e.GetSingle();
                }
            }

            if (type == DataType.Color && d.ValueKind == JsonValueKind.Number) def[3] = 1f;
            sockets.Add(new SocketDefinition(s.GetProperty("identifier").GetString()!, s.GetProperty("name").GetString()!, type, def));
        }

        return sockets;
    }

    private static PropertyDefinition Property(JsonElement p)
    {
        string name = p.GetProperty("identifier").GetString()!;
        string type = p.GetProperty("type").GetString()!;
        bool readOnly = p.GetProperty("readonly").GetBoolean();
        int arrayLength = p.TryGetProperty("array_length", out var al) ? al.GetInt32() : 0;
        double? min = p.TryGetProperty("hard_min", out var lo) && lo.ValueKind == JsonValueKind.Number ? lo.GetDouble() : null;
        double? max = p.TryGetProperty("hard_max", out var hi) && hi.ValueKind == JsonValueKind.Number ? hi.GetDouble() : null;
        var def = p.TryGetProperty("default", out var d) ? d : default;
        switch (type)
        {
            case "BOOLEAN":
                return new PropertyDefinition(name, PropertyKind.Bool, d.ValueKind == JsonValueKind.True) { ReadOnly = readOnly };
            case "INT" when arrayLength == 0:
                return new PropertyDefinition(name, PropertyKind.Int, def.ValueKind == JsonValueKind.Number ? def.GetInt32() : 0, null, min, max) { ReadOnly = readOnly };
            case "FLOAT" when arrayLength == 0:
                return new PropertyDefinition(name, PropertyKind.Float, def.ValueKind == JsonValueKind.Number ? def.GetSingle() : 0f, null, min, max) { ReadOnly = readOnly };
            case "INT":
            case "FLOAT":
                return new PropertyDefinition(name, PropertyKind.FloatArray,
                    def.ValueKind == JsonValueKind.Array ? def.EnumerateArray().Select(e => e.GetSingle()).ToArray() : new float[arrayLength]) { ReadOnly = readOnly };
            case "ENUM":
                var items = p.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToList();
                string current = def.ValueKind == JsonValueKind.String ? def.GetString()! : "";
                // Enums whose items depend on data (an image's layers and views) accept any string.
                bool dynamic = current.Length == 0 || items.SequenceEqual(["PLACEHOLDER"]);
                return new PropertyDefinition(name, PropertyKind.Enum, current, dynamic ? null : items) { ReadOnly = readOnly };
            case "STRING":
                return new PropertyDefinition(name, PropertyKind.String, def.ValueKind == JsonValueKind.String ? def.GetString() : "") { ReadOnly = readOnly };
            case "COLLECTION":
                return new PropertyDefinition(name, PropertyKind.Collection, null) { ReadOnly = readOnly };
            default:
                return new PropertyDefinition(name, PropertyKind.Object, null) { ReadOnly = readOnly };
        }
    }
}
