using System.Text.Json;
using Compositor.Conformance.Tests;

namespace Compositor.Blender.Tests;

/// <summary>
/// One Blender process imports every conformance case's graph with the add-on and exports it again
/// (tools/blender-addon/roundtrip.py); the result is shared by all tests of the run.
/// </summary>
public sealed class RoundTrip
{
    private static readonly Lazy<RoundTrip> Instance = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    private RoundTrip(string folder, JsonElement summary, string log)
    {
        Folder = folder;
        Summary = summary;
        Log = log;
    }

    /// <summary>The round trip of every case (runs Blender on first use; Ignored without Blender).</summary>
    public static RoundTrip Result
    {
        get
        {
            Blender.Require();
            return Instance.Value;
        }
    }

    /// <summary>The README's example graph, written by hand (no layout): imported and exported as case "glow".</summary>
    public static string ExampleGraph => Path.Combine(Blender.RepoRoot, "examples", "glow", "glow.json");

    /// <summary>Where the exported graphs are: FOLDER/CASE/graph.json, FOLDER/all_nodes.json.</summary>
    public string Folder { get; }

    /// <summary>summary.json written by the script.</summary>
    public JsonElement Summary { get; }

    /// <summary>Blender's output.</summary>
    public string Log { get; }

    /// <summary>The exported graph of <paramref name="caseName"/>; fails the test with Blender's error when there is none.</summary>
    public string ExportedGraph(string caseName)
    {
        Assert.That(Summary.GetProperty("cases").TryGetProperty(caseName, out var entry), Is.True, $"Blender did not process case {caseName}:\n{Tail(Log)}");
        Assert.That(entry.GetProperty("ok").GetBoolean(), Is.True,
            () => $"import/export in Blender failed: {entry.GetProperty("error").GetString()}\n{entry.GetProperty("traceback").GetString()}");
        return Path.Combine(Folder, caseName, "graph.json");
    }

    /// <summary>The add-on's export report for <paramref name="caseName"/>.</summary>
    public JsonElement Report(string caseName) => Summary.GetProperty("cases").GetProperty(caseName).GetProperty("report");

    private static RoundTrip Run()
    {
        string shared = SharedData.Require();
        string folder = Path.Combine(Path.GetTempPath(), $"compositor-blender-roundtrip-{Environment.ProcessId}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var (code, log) = Blender.Run(
            ["--factory-startup", "--python", Path.Combine(Blender.AddonFolder, "roundtrip.py"), "--", folder, Path.Combine(shared, "conformance", "cases"), ExampleGraph],
            TimeSpan.FromMinutes(5));
        string summaryPath = Path.Combine(folder, "summary.json");
        if (code != 0 || !File.Exists(summaryPath))
            throw new InvalidOperationException($"roundtrip.py failed (exit {code}):\n{Tail(log)}");
        using var doc = JsonDocument.Parse(File.ReadAllText(summaryPath));
        return new RoundTrip(folder, doc.RootElement.Clone(), log);
    }

    internal static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    /// <summary>Deletes the exported graphs.</summary>
    internal static void CleanUp()
    {
        if (Instance.IsValueCreated && Directory.Exists(Instance.Value.Folder)) Directory.Delete(Instance.Value.Folder, recursive: true);
    }
}

/// <summary>Removes the round trip's temporary files once the assembly's tests have run.</summary>
[SetUpFixture]
public sealed class RoundTripCleanup
{
    [OneTimeTearDown]
    public void RemoveTemporaryFiles() => RoundTrip.CleanUp();
}
