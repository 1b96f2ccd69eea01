using System.Diagnostics;

namespace Compositor.Benchmarks;

/// <summary>
/// Finds the perf graphs (../shared/perf/graphs) and their inputs. Inputs live where
/// bench-vs-blender keeps them: <c>$BENCH_WORK/inputs</c> (default <c>$TMPDIR/compositor-bench</c>);
/// missing ones are made with ../shared/perf/make_inputs.sh (needs oiiotool).
/// </summary>
internal static class PerfInputs
{
    public static string SharedPerf { get; } = FindSharedPerf();

    public static string Work { get; } = Environment.GetEnvironmentVariable("BENCH_WORK") is { Length: > 0 } w
        ? w : Path.Combine(Path.GetTempPath(), "compositor-bench");

    /// <summary>The perf graphs, by name (file name without .json).</summary>
    public static IEnumerable<string> GraphNames() =>
        Directory.GetFiles(Path.Combine(SharedPerf, "graphs"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The graph's JSON and the folder its <c>../inputs</c> paths resolve against (inputs made if missing).</summary>
    public static (string Json, string BaseDirectory) Graph(string name)
    {
        EnsureInputs();
        return (File.ReadAllText(Path.Combine(SharedPerf, "graphs", name + ".json")), Path.Combine(Work, "graphs"));
    }

    private static void EnsureInputs()
    {
        string inputs = Path.Combine(Work, "inputs");
        Directory.CreateDirectory(Path.Combine(Work, "graphs"));
        if (File.Exists(Path.Combine(inputs, ".done"))) return;
        using var make = Process.Start(new ProcessStartInfo("sh", [Path.Combine(SharedPerf, "make_inputs.sh"), inputs]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("cannot run make_inputs.sh");
        make.StandardOutput.ReadToEnd();
        make.WaitForExit();
        if (make.ExitCode != 0) throw new InvalidOperationException($"make_inputs.sh failed ({make.ExitCode}); it needs oiiotool");
        File.WriteAllText(Path.Combine(inputs, ".done"), "");
    }

    private static string FindSharedPerf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "perf");
            if (Directory.Exists(Path.Combine(candidate, "graphs"))) return candidate;
        }

        throw new DirectoryNotFoundException("../shared/perf (the perf graphs) was not found above the benchmark's folder");
    }
}
