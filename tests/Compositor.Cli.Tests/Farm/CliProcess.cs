using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Compositor.Cli.Tests.Farm;

/// <summary>The built <c>compositor</c> command as a separate process (beside the tests, through the project reference).</summary>
internal static partial class CliProcess
{
    /// <summary>compositor.dll next to the test assembly.</summary>
    public static string Dll
    {
        get
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "compositor.dll");
            if (!File.Exists(dll)) throw new AssertionException($"the built CLI is missing: {dll}");
            return dll;
        }
    }

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH, set by the dotnet CLI), or dotnet on the PATH.</summary>
    public static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
        : "dotnet";

    /// <summary>Starts <c>compositor ARGS</c> with standard output and error redirected.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(DotNet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new AssertionException("could not start the CLI");
    }

    /// <summary>Sends a POSIX signal (SIGTERM 15, SIGKILL 9, SIGINT 2).</summary>
    public static void Signal(Process process, int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new AssertionException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Runs a program to its end (bounded), returning its exit code and output.</summary>
    public static (int Code, string Output) RunTool(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The full path of <paramref name="program"/> on the PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
