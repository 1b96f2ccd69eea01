using System.Text.Json;

namespace Compositor.Conformance.Tests;

/// <summary>One case of shared/conformance/cases: graph, expected image and tolerance.</summary>
public sealed record ConformanceCase(string Name, string Folder, IReadOnlyList<string> NodeTypes, double MaxRmse, double MaxP999, bool RelativeAbove1)
{
    /// <summary>All cases, by name.</summary>
    public static IReadOnlyList<ConformanceCase> All()
    {
        var shared = SharedData.Folder;
        if (shared is null) return [];
        return Directory.GetDirectories(Path.Combine(shared, "conformance", "cases"))
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(Load)
            .ToList();
    }

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
