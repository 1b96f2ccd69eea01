using System.Diagnostics;

namespace Compositor.Blender.Tests;

/// <summary>Finds and runs Blender (the <c>blender</c> on PATH, or <c>COMPOSITOR_BLENDER</c>) headless.</summary>
public static class Blender
{
    private static readonly Lazy<string?> Executable = new(Find);

    /// <summary>The Blender executable, or null when there is none.</summary>
    public static string? Path => Executable.Value;

    /// <summary>Marks the test Ignored when Blender is not installed.</summary>
    public static string Require()
    {
        if (Path is null) Assert.Ignore("blender is not on PATH (install Blender 3.4, e.g. apt-get install blender, or set COMPOSITOR_BLENDER)");
        return Path!;
    }

    /// <summary>The repository root (the folder holding Compositor.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Compositor.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>tools/blender-addon in the repository.</summary>
    public static string AddonFolder => System.IO.Path.Combine(RepoRoot, "tools", "blender-addon");

    /// <summary>Runs Blender in the background with <paramref name="arguments"/>; returns exit code and output.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Require())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        start.ArgumentList.Add("-b");
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"blender did not finish within {timeout.TotalSeconds} s: {string.Join(' ', start.ArgumentList)}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("COMPOSITOR_BLENDER") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "blender.exe" : "blender");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
