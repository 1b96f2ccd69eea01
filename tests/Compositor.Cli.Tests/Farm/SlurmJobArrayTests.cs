using System.Text.Json;
using Compositor.Codecs;

namespace Compositor.Cli.Tests.Farm;

/// <summary>
/// A real scheduler: a Slurm job array (single-node cluster on localhost, started by
/// <c>.ci/setup.d/slurm.sh</c>) renders a frame range with the built CLI, each array task picking its
/// frames with <c>--task-index-from SLURM_ARRAY_TASK_ID</c>; every frame must exist exactly once and
/// match a local render. Reported as ignored, with the reason, when Slurm is not installed or not up.
/// </summary>
[NonParallelizable]
public sealed class SlurmJobArrayTests
{
    private const int Frames = 10, FramesPerTask = 3, Tasks = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);

    private static void RequireCluster()
    {
        if (CliProcess.Which("sbatch") is null || CliProcess.Which("sinfo") is null)
            Assert.Ignore("Slurm is not installed (sbatch/sinfo not on PATH); .ci/setup.d/slurm.sh installs and starts a single-node cluster");
        var (code, output) = CliProcess.RunTool("sinfo", ["-h", "-o", "%T"], TimeSpan.FromSeconds(30));
        if (code != 0 || !output.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated"))
            Assert.Ignore($"the Slurm cluster is not up (sinfo: exit {code}, '{output.Trim()}'); run .ci/setup.d/slurm.sh");
    }

    [Test]
    public void AJobArrayRendersEveryFrameExactlyOnceMatchingALocalRender()
    {
        RequireCluster();
        using var fixture = new FarmFixture(Frames);
        string logs = Path.Combine(fixture.Folder, "logs");
        Directory.CreateDirectory(logs);
        string script = Path.Combine(fixture.Folder, "render.sbatch");
        File.WriteAllText(script, $"""
            #!/bin/bash
            #SBATCH --job-name=compositor-test
            #SBATCH --array=0-{Tasks - 1}
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --time=00:05:00
            #SBATCH --output={logs}/task_%a.out
            #SBATCH --error={logs}/task_%a.err
            exec "{CliProcess.DotNet}" "{CliProcess.Dll}" render "{fixture.GraphPath}" -o "{fixture.Out("farm_####.exr")}" \
              --frames 1-{Frames} --task-index-from SLURM_ARRAY_TASK_ID --frames-per-task {FramesPerTask} \
              --threads 1 --skip-existing --progress json
            """.Replace("\r\n", "\n"));

        var (code, output) = CliProcess.RunTool("sbatch", ["--wait", "--chdir", fixture.Folder, script], Bound);
        string taskLogs = string.Join("\n", Directory.GetFiles(logs).Order().Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
        Assert.That(code, Is.Zero, $"sbatch --wait: {output}\n{taskLogs}");

        // Every frame once: one file per frame, and exactly one "done" event per frame across the tasks.
        var files = Directory.GetFiles(Path.Combine(fixture.Folder, "out")).Select(Path.GetFileName).Order().ToList();
        Assert.That(files, Is.EqualTo(Enumerable.Range(1, Frames).Select(f => $"farm_{f:0000}.exr")), taskLogs);
        var done = Directory.GetFiles(logs, "task_*.out").SelectMany(File.ReadAllLines).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "frame" && e.GetProperty("status").GetString() == "done")
            .Select(e => e.GetProperty("frame").GetInt32()).Order().ToList();
        Assert.That(done, Is.EqualTo(Enumerable.Range(1, Frames)), "each frame rendered by exactly one array task");

        // The same frames rendered here, in this process, are the same pixels.
        var (local, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", fixture.Out("local_####.exr"), "--frames", $"1-{Frames}", "--threads", "1");
        Assert.That(local, Is.EqualTo(ExitCodes.Success), error);
        for (int f = 1; f <= Frames; f++)
        {
            var farm = ImageCodecs.Read(fixture.Out($"farm_{f:0000}.exr"));
            var here = ImageCodecs.Read(fixture.Out($"local_{f:0000}.exr"));
            Assert.That(farm.Pixels, Is.EqualTo(here.Pixels), $"frame {f} matches the local render exactly");
        }

        Assert.That(fixture.TemporaryFiles(), Is.Empty);
    }
}
