using System.IO.Compression;
using System.Text.Json;

namespace Compositor.Nodes.Tests.Support;

/// <summary>
/// Blender 3.4.1's results for the pixel-wise nodes, recorded by <c>tools/blender/probe_pixel_ops.py</c>
/// from the spec that <c>tools/blender/make_probe_spec.py</c> writes: per suite (node type), the
/// per-pixel inputs and, per configuration (node properties), Blender's output pixels (RGBA).
/// </summary>
internal sealed class BlenderReference
{
    public const string FileName = "Blender/pixel_ops_blender_3.4.1.json.gz";

    /// <summary>The color nodes' file (<c>tools/blender/make_color_probe_spec.py</c>).</summary>
    public const string ColorFileName = "Blender/color_ops_blender_3.4.1.json.gz";

    private static readonly Lazy<BlenderReference> LoadedValue = new(() => Load(Path.Combine(TestContext.CurrentContext.TestDirectory, FileName)));
    private static readonly Lazy<BlenderReference> ColorValue = new(() => Load(Path.Combine(TestContext.CurrentContext.TestDirectory, ColorFileName)));

    private BlenderReference(List<Suite> suites) => Suites = suites;

    /// <summary>The recorded suites.</summary>
    public IReadOnlyList<Suite> Suites { get; }

    /// <summary>The reference data, loaded once.</summary>
    public static BlenderReference Instance => LoadedValue.Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, BlenderReference> Others = new();

    /// <summary>Another recorded file (relative to the test directory), loaded once.</summary>
    public static BlenderReference Open(string fileName) =>
        Others.GetOrAdd(fileName, f => Load(Path.Combine(TestContext.CurrentContext.TestDirectory, f)));

    /// <summary>The color nodes' reference data, loaded once.</summary>
    public static BlenderReference Color => ColorValue.Value;

    /// <summary>Reference data recorded in another file of the test's Blender folder (e.g. the converter nodes').</summary>
    public static BlenderReference FromFile(string fileName) => Load(Path.Combine(TestContext.CurrentContext.TestDirectory, fileName));

    /// <summary>One node type's inputs and results.</summary>
    public sealed record Suite(string Name, string Node, int Pixels, IReadOnlyDictionary<string, (bool IsValue, float[] Values)> Inputs, IReadOnlyList<Result> Results)
    {
        /// <summary>Values of unlinked input sockets, by identifier.</summary>
        public IReadOnlyDictionary<string, float[]> Constants { get; init; } = new Dictionary<string, float[]>();
    }

    /// <summary>One configuration's properties and Blender's RGBA output per pixel.</summary>
    public sealed record Result(IReadOnlyDictionary<string, JsonElement> Config, float[] Output)
    {
        /// <summary>A readable name for the configuration.</summary>
        public string Describe() => Config.Count == 0 ? "default" : string.Join(",", Config.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    /// <summary>The suite named <paramref name="name"/>.</summary>
    public Suite Get(string name) => Suites.Single(s => s.Name == name);

    private static BlenderReference Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gz);
        var suites = new List<Suite>();
        foreach (var s in doc.RootElement.GetProperty("suites").EnumerateArray())
        {
            var inputs = new Dictionary<string, (bool, float[])>();
            int pixels = 0;
            foreach (var input in s.GetProperty("inputs").EnumerateObject())
            {
                bool isValue = input.Value.GetProperty("type").GetString() == "VALUE";
                var values = Flatten(input.Value.GetProperty("values"));
                pixels = isValue ? values.Length : values.Length / 4;
                inputs[input.Name] = (isValue, values);
            }

            var results = new List<Result>();
            foreach (var r in s.GetProperty("results").EnumerateArray())
            {
                var config = r.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
                results.Add(new Result(config, Flatten(r.GetProperty("output"))));
            }

            var constants = new Dictionary<string, float[]>();
            if (s.TryGetProperty("constants", out var c))
                foreach (var p in c.EnumerateObject()) constants[p.Name] = Flatten(p.Value);
            suites.Add(new Suite(s.GetProperty("name").GetString()!, s.GetProperty("node").GetString()!, pixels, inputs, results) { Constants = constants });
        }

        return new BlenderReference(suites);
    }

    private static float[] Flatten(JsonElement e)
    {
        var list = new List<float>();
        Add(e);
        return [.. list];

        void Add(JsonElement x)
        {
            switch (x.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var y in x.EnumerateArray()) Add(y);
                    break;
                case JsonValueKind.Number:
                    list.Add(x.GetSingle());
                    break;
                case JsonValueKind.String:
                    list.Add(x.GetString() switch
                    {
                        "NaN" => float.NaN,
                        "Infinity" => float.PositiveInfinity,
                        "-Infinity" => float.NegativeInfinity,
                        var other => throw new FormatException($"unexpected value '{other}'"),
                    });
                    break;
                default:
                    throw new FormatException($"unexpected JSON {x.ValueKind}");
            }
        }
    }
}
