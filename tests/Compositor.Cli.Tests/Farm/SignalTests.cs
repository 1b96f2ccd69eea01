using Compositor.Codecs;

namespace Compositor.Cli.Tests.Farm;

/// <summary>
/// The CLI as a separate process, stopped the ways schedulers stop tasks: SIGTERM (scancel, a pod
/// stop) cancels cleanly with exit 143; SIGKILL leaves only finished frames and hidden temporary files.
/// </summary>
[NonParallelizable]
public sealed class SignalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Test]
    public void SigtermStopsBetweenPackagesKeepsFinishedFramesAndExits143()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("POSIX signals are tested on Linux");
        using var fixture = new FarmFixture(frames: 40, slow: true);
        using var process = CliProcess.Start("render", fixture.GraphPath, "-o", fixture.Out("f_####.exr"), "--frames", "1-40", "--progress", "json", "--threads", "2");
        var stderr = process.StandardError.ReadToEndAsync();
        // Wait for the first finished frame, then stop the task in the middle of the next.
        Assert.That(Task.Run(() => FirstFrameEvent(process)).Wait(Bound), Is.True, "a frame finished");
        CliProcess.Signal(process, 15);
        Assert.That(process.WaitForExit(Bound), Is.True, "the process stops after SIGTERM");
        string rest = process.StandardOutput.ReadToEnd();
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Terminated), stderr.Result);
        Assert.That(stderr.Result, Does.Contain("cancelled"));

        var written = Directory.GetFiles(Path.Combine(fixture.Folder, "out"));
        Assert.That(written, Has.Length.InRange(1, 39), "finished frames stay; the rest was not rendered");
        foreach (var file in written) Assert.That(ImageCodecs.Read(file).Width, Is.EqualTo(1024), $"{file} is complete");
        Assert.That(fixture.TemporaryFiles(), Is.Empty, "no temporary file is left after a clean cancel");
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.That(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString(), Is.AnyOf("start", "chunk", "frame"), "events stay well-formed");
    }

    /// <summary>Reads <c>--progress json</c> lines (chunk progress, then frames) until the first frame line.</summary>
    private static void FirstFrameEvent(System.Diagnostics.Process process)
    {
        while (process.StandardOutput.ReadLine() is { } line)
            if (System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString() == "frame") return;
    }

    [Test]
    public void SigkillNeverLeavesAFileThatLooksFinished()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("POSIX signals are tested on Linux");
        using var fixture = new FarmFixture(frames: 40, slow: true);
        using var process = CliProcess.Start("render", fixture.GraphPath, "-o", fixture.Out("k_####.exr"), "--frames", "1-40", "--progress", "json", "--threads", "2");
        _ = process.StandardError.ReadToEndAsync();
        Assert.That(Task.Run(() => FirstFrameEvent(process)).Wait(Bound), Is.True, "a frame finished");
        Thread.Sleep(300);
        CliProcess.Signal(process, 9);
        Assert.That(process.WaitForExit(Bound), Is.True);

        foreach (var file in Directory.GetFiles(Path.Combine(fixture.Folder, "out")))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.') && name.Contains(".tmp", StringComparison.Ordinal)) continue; // hidden, never taken for a frame
            Assert.That(name, Does.Match(@"^k_\d{4}\.exr$"));
            Assert.That(ImageCodecs.Read(file).Width, Is.EqualTo(1024), $"{name} is a complete image");
        }
    }
}
