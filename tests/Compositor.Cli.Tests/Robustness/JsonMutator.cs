using System.Text;
using System.Text.Json.Nodes;

namespace Compositor.Cli.Tests.Robustness;

/// <summary>
/// Deterministic mutations of a graph's JSON, aimed at what a loader must survive: wrong types, huge
/// and tiny numbers, unknown enums, deleted and duplicated keys, links rewired into cycles, group
/// cycles, deep nesting, bad file paths, and raw text damage (truncation, stray characters).
/// </summary>
internal sealed class JsonMutator
{
    private static readonly Func<JsonNode?>[] Values =
    [
        () => null, () => true, () => false, () => 0, () => -1, () => 1, () => 0.5, () => -1e9, () => 1e9,
        () => int.MaxValue, () => 2147483648L, () => -2147483649L, () => 1e308, () => -1e308, () => 1e-320,
        () => 123456789012345L, () => "", () => "BOGUS_ENUM", () => "#####", () => new string('x', 100_000),
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray(1, 2), () => new JsonArray(1e308, -1e308, 1e308, 1e308),
        () => new JsonObject { ["a"] = 1 }, () => new JsonArray(0, 0, 0, 0, 0, 0, 0, 0, 0),
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<string> _badPaths;

    /// <param name="random">The seeded source of every choice.</param>
    /// <param name="badPaths">File paths an image may be pointed at: missing files, folders, non-images, corrupt images.</param>
    public JsonMutator(Random random, IReadOnlyList<string> badPaths)
    {
        _random = random;
        _badPaths = badPaths;
    }

    public string Mutate(string json, out string what)
    {
        if (_random.Next(8) == 0) return MutateText(json, out what);
        var root = JsonNode.Parse(json)!;
        var slots = new List<(JsonNode Parent, object Key, JsonNode? Value)>();
        Collect(root, slots);
        string description = _random.Next(12) switch
        {
            0 or 1 => Replace(slots),
            2 => Delete(slots),
            3 => Scale(slots),
            4 => Enum(slots),
            5 => Copy(slots),
            6 => Rewire(root),
            7 => Nest(slots),
            8 => FilePath(slots),
            9 => GroupCycle(root),
            10 => Duplicate(root),
            _ => Resolution(root),
        };
        what = description;
        string json2 = root.ToJsonString();
        if (_nested is not null) json2 = json2.Replace($"\"{NestMarker}\"", _nested);
        _nested = null;
        return json2;
    }

    private static void Collect(JsonNode node, List<(JsonNode, object, JsonNode?)> slots)
    {
        if (node is JsonObject o)
            foreach (var (key, value) in o.ToList())
            {
                slots.Add((o, key, value));
                if (value is not null) Collect(value, slots);
            }
        else if (node is JsonArray a)
            for (int i = 0; i < a.Count; i++)
            {
                slots.Add((a, i, a[i]));
                if (a[i] is { } value) Collect(value, slots);
            }
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
    }

    private static string Where(object key) => key is string s ? $"'{s}'" : $"[{key}]";

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Replace(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        if (slots.Count == 0) return "nothing to replace";
        var (parent, key, _) = Pick(slots);
        var value = Pick(Values)();
        Set(parent, key, value);
        string text = value?.ToJsonString() ?? "null";
        return $"{Where(key)} := {(text.Length > 40 ? text[..40] + "..." : text)}";
    }

    private string Delete(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        if (slots.Count == 0) return "nothing to delete";
        var (parent, key, _) = Pick(slots);
        if (parent is JsonObject o) o.Remove((string)key);
        else ((JsonArray)parent).RemoveAt((int)key);
        return $"deleted {Where(key)}";
    }

    private string Scale(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        var numbers = slots.Where(s => s.Value is JsonValue v && v.TryGetValue<double>(out _)).ToList();
        if (numbers.Count == 0) return Replace(slots);
        var (parent, key, value) = Pick(numbers);
        double factor = Pick(new[] { -1.0, 0.0, 1000.0, 1e6, 1e30, -1e30, 1e-30 });
        double scaled = value!.GetValue<double>() * factor + (_random.Next(2) == 0 ? 0.5 : 0);
        Set(parent, key, JsonValue.Create(double.IsFinite(scaled) ? scaled : 1e308));
        return $"{Where(key)} scaled by {factor}";
    }

    private string Enum(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        var strings = slots.Where(s => s.Value is JsonValue v && v.TryGetValue<string>(out _)).ToList();
        if (strings.Count == 0) return Replace(slots);
        var (parent, key, value) = Pick(strings);
        string old = value!.GetValue<string>();
        string replacement = _random.Next(4) switch
        {
            0 => old.ToLowerInvariant(),
            1 => "NOT_AN_ENUM",
            2 => old + "\u0000",
            _ => Pick(strings).Value!.GetValue<string>(),
        };
        Set(parent, key, JsonValue.Create(replacement));
        return $"{Where(key)} string '{old}' := '{replacement.Replace("\0", "\\0")}'";
    }

    private string Copy(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        if (slots.Count < 2) return Replace(slots);
        var (parent, key, _) = Pick(slots);
        Set(parent, key, Pick(slots).Value?.DeepClone());
        return $"{Where(key)} := a copy of another part of the graph";
    }

    private string Rewire(JsonNode root)
    {
        var links = root["links"] as JsonArray;
        var nodes = (root["nodes"] as JsonArray)?.OfType<JsonObject>().Select(n => n["name"]?.ToString()).Where(n => n is not null).ToList();
        if (links is null || links.Count == 0 || nodes is null || nodes.Count == 0) return "no links to rewire";
        var link = links[_random.Next(links.Count)] as JsonObject;
        if (link is null) return "link is not an object";
        switch (_random.Next(3))
        {
            case 0:
                link["to"] = link["from"]?.DeepClone();
                return "link turned into a self-loop";
            case 1:
                (link["from"], link["to"]) = (link["to"]?.DeepClone(), link["from"]?.DeepClone());
                return "link reversed (a cycle)";
            default:
                string name = Pick(nodes)!;
                link[_random.Next(2) == 0 ? "from" : "to"] = name;
                return $"link end moved to '{name}'";
        }
    }

    private const string NestMarker = "@@nested@@";
    private string? _nested;

    private string Nest(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        if (slots.Count == 0) return "nothing to nest";
        var (parent, key, value) = Pick(slots);
        int depth = Pick(new[] { 10, 63, 64, 65, 200, 3000 });
        // Written as text: System.Text.Json will not write past 1000 levels, but a file can hold more.
        bool arrays = _random.Next(2) == 0;
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++) text.Append(arrays ? "[" : "{\"n\": ");
        text.Append(value?.ToJsonString() ?? "null");
        for (int i = 0; i < depth; i++) text.Append(arrays ? ']' : '}');
        _nested = text.ToString();
        Set(parent, key, NestMarker);
        return $"{Where(key)} nested {depth} deep in {(arrays ? "arrays" : "objects")}";
    }

    private string FilePath(List<(JsonNode Parent, object Key, JsonNode? Value)> slots)
    {
        var paths = slots.Where(s => s.Key is "filepath" or "base_path").ToList();
        if (paths.Count == 0) return Replace(slots);
        var (parent, key, _) = Pick(paths);
        string path = Pick(_badPaths);
        Set(parent, key, path);
        if (parent is JsonObject image && _random.Next(3) == 0) image["source"] = "SEQUENCE";
        return $"{Where(key)} := {path}";
    }

    private string GroupCycle(JsonNode root)
    {
        var groups = root["groups"] as JsonObject ?? new JsonObject();
        root["groups"] = groups;
        JsonObject GroupNode(string name, string tree) => new() { ["name"] = name, ["type"] = "CompositorNodeGroup", ["properties"] = new JsonObject { ["node_tree"] = tree } };
        string kind;
        switch (_random.Next(3))
        {
            case 0:
                groups["FuzzA"] = new JsonObject { ["nodes"] = new JsonArray(GroupNode("InA", "FuzzB")) };
                groups["FuzzB"] = new JsonObject { ["nodes"] = new JsonArray(GroupNode("InB", "FuzzA")) };
                kind = "groups A and B contain each other";
                break;
            case 1:
                groups["FuzzSelf"] = new JsonObject { ["nodes"] = new JsonArray(GroupNode("Me", "FuzzSelf")) };
                kind = "a group contains itself";
                break;
            default:
                kind = "a group node names a missing group";
                break;
        }

        string target = kind.StartsWith("groups", StringComparison.Ordinal) ? "FuzzA" : kind.StartsWith("a group contains", StringComparison.Ordinal) ? "FuzzSelf" : "NoSuchGroup";
        (root["nodes"] as JsonArray)?.Add(GroupNode("FuzzGroup", target));
        return kind;
    }

    private string Duplicate(JsonNode root)
    {
        if (root["nodes"] is not JsonArray nodes || nodes.Count == 0) return "no nodes";
        nodes.Add(nodes[_random.Next(nodes.Count)]?.DeepClone());
        return "a node duplicated (same name twice)";
    }

    private string Resolution(JsonNode root)
    {
        var settings = root["settings"] as JsonObject ?? new JsonObject();
        root["settings"] = settings;
        var sizes = new[] { (65536, 65536), (1, 65536), (65536, 1), (16384, 16384), (0, 10), (1, 1), (3, 5) };
        var (w, h) = Pick(sizes);
        settings["resolution"] = new JsonArray(w, h);
        return $"resolution {w}x{h}";
    }

    private string MutateText(string json, out string what)
    {
        var text = new StringBuilder(json);
        int at = _random.Next(Math.Max(1, text.Length));
        switch (_random.Next(5))
        {
            case 0:
                what = $"truncated at {at}";
                return json[..at];
            case 1:
                if (text.Length > 0) text.Remove(at, 1);
                what = $"character {at} deleted";
                return text.ToString();
            case 2:
            {
                char c = "{}[],:\"\\0-.eE \u0000\uFEFF\uD800"[_random.Next(17)];
                text.Insert(at, c);
                what = $"U+{(int)c:X4} inserted at {at}";
                return text.ToString();
            }
            case 3:
            {
                char c = (char)_random.Next(1, 0x3000);
                if (text.Length > 0) text[at] = c;
                what = $"character {at} := U+{(int)c:X4}";
                return text.ToString();
            }
            default:
                what = "text repeated";
                return json + json;
        }
    }
}
