using System.Text.Json;
using Compositor.Graph;

namespace Compositor.Conformance.Tests;

/// <summary>
/// One case of shared/conformance/cases, or of this project's Cases folder (regressions): graph,
/// expected image and tolerance. Graphs' image paths resolve against <see cref="GraphFolder"/>, a
/// case folder of the shared suite.
/// </summary>
public sealed record ConformanceCase(string Name, string Folder, IReadOnlyList<string> NodeTypes, double MaxRmse, double MaxP999, bool RelativeAbove1)
{
    /// <summary>The folder relative image paths in the graph resolve against.</summary>
    public string GraphFolder { get; init; } = Folder;

    /// <summary>All cases, by name: the shared suite's, then this project's regression cases.</summary>
    public static IReadOnlyList<ConformanceCase> All()
    {
        var shared = SharedData.Folder;
        if (shared is null) return [];
        var sharedCases = Path.Combine(shared, "conformance", "cases");
        var regressions = Path.Combine(AppContext.BaseDirectory, "Cases");
        var local = Directory.Exists(regressions) ? Directory.GetDirectories(regressions) : [];
        return Directory.GetDirectories(sharedCases).Concat(local)
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => Load(d) with { GraphFolder = Path.Combine(sharedCases, Path.GetFileName(d)) })
            .ToList();
    }

    /// <summary>Reads the case's graph.</summary>
    public NodeGraph ReadGraph() => GraphReader.ReadString(File.ReadAllText(Path.Combine(Folder, "graph.json")), GraphFolder);

    private static ConformanceCase Load(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")));
        var root = doc.RootElement;
        var tolerance = root.TryGetProperty("tolerance", out var t) ? t : default;
        double Get(string key, double fallback) =>
            tolerance.ValueKind == JsonValueKind.Object && tolerance.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool relative = tolerance.ValueKind == JsonValueKind.Object && tolerance.TryGetProperty("error", out var err) && err.GetString() == "relative_above_1";
        var nodes = root.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToList();
        return new ConformanceCase(root.GetProperty("name").GetString()!, folder, nodes, Get("max_rmse", 0.002), Get("max_p999_abs", 0.02), relative);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
