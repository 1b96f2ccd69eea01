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
        Assert.That(process.StandardOutput.ReadLineAsync().Wait(Bound), Is.True, "a frame finished");
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
            Assert.That(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString(), Is.EqualTo("frame"), "events stay well-formed");
    }

    [Test]
    public void SigkillNeverLeavesAFileThatLooksFinished()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("POSIX signals are tested on Linux");
        using var fixture = new FarmFixture(frames: 40, slow: true);
        using var process = CliProcess.Start("render", fixture.GraphPath, "-o", fixture.Out("k_####.exr"), "--frames", "1-40", "--progress", "json", "--threads", "2");
        _ = process.StandardError.ReadToEndAsync();
        Assert.That(process.StandardOutput.ReadLineAsync().Wait(Bound), Is.True, "a frame finished");
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
