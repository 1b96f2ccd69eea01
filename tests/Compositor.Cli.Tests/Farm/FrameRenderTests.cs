using System.Text.Json;
using Compositor.Codecs;
using Compositor.Imaging;

namespace Compositor.Cli.Tests.Farm;

/// <summary><c>compositor render --frames</c>, farm task selection, skip-existing, progress and exit codes, in process.</summary>
[NonParallelizable]
public sealed class FrameRenderTests
{
    private FarmFixture _fixture = null!;

    [SetUp]
    public void SetUp() => _fixture = new FarmFixture(frames: 6);

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    private static float[] Pixel(string path)
    {
        var image = ImageCodecs.Read(path);
        return image.Pixels[..4];
    }

    private (int Code, string Out, string Error) Render(params string[] extra) =>
        InProcessCli.Run(["render", _fixture.GraphPath, "--threads", "2", .. extra]);

    private string[] Outputs() => Directory.Exists(Path.Combine(_fixture.Folder, "out"))
        ? Directory.GetFiles(Path.Combine(_fixture.Folder, "out")).Select(p => Path.GetFileName(p)).Order().ToArray()
        : [];

    [Test]
    public void EachFrameReadsItsSequenceImageAndTimeValue()
    {
        var (code, _, error) = Render("-o", _fixture.Out("f_####.exr"), "--frames", "1-6");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(Outputs(), Is.EqualTo(Enumerable.Range(1, 6).Select(f => $"f_{f:0000}.exr")));
        for (int f = 1; f <= 6; f++)
        {
            var p = Pixel(_fixture.Out($"f_{f:0000}.exr"));
            // Mix Add: the sequence frame's (linearized) red plus the Time node's value; green is the time alone.
            float time = _fixture.TimeValue(f);
            Assert.That(p[1], Is.EqualTo(time).Within(2e-3), $"frame {f}: Time node value");
            Assert.That(p[0] - time, Is.EqualTo(ColorTransfer.SrgbToLinear(FarmFixture.InputRed(f))).Within(2e-3), $"frame {f}: sequence image");
        }
    }

    /// <summary>The per-frame lines of <c>--progress json</c> output (the chunk progress lines left out).</summary>
    internal static List<JsonElement> FrameEvents(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "frame").ToList();

    [Test]
    public void StepsListsAndRepeatsRenderEachNamedFrameOnce()
    {
        var (code, stdout, error) = Render("-o", _fixture.Out("s_##.png"), "--frames", "1-5:2,5,2", "--progress", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(Outputs(), Is.EqualTo(new[] { "s_01.png", "s_02.png", "s_03.png", "s_05.png" }));
        var events = FrameEvents(stdout);
        Assert.That(events.Select(e => e.GetProperty("frame").GetInt32()), Is.EqualTo(new[] { 1, 3, 5, 2 }));
        Assert.That(events.Select(e => e.GetProperty("event").GetString()), Is.All.EqualTo("frame"));
        Assert.That(events.Select(e => e.GetProperty("status").GetString()), Is.All.EqualTo("done"));
        Assert.That(events.Select(e => e.GetProperty("seconds").GetDouble()), Is.All.GreaterThan(0));
        Assert.That(events[0].GetProperty("output").GetString(), Is.EqualTo(_fixture.Out("s_01.png")));
    }

    [Test]
    public void ChunksOfAJobRenderEveryFrameOfTheGraphRangeExactlyOnce()
    {
        var seen = new List<int>();
        for (int k = 1; k <= 4; k++)
        {
            var (code, stdout, error) = Render("-o", _fixture.Out("c_####.exr"), "--chunk", $"{k}/4", "--progress", "json");
            Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
            seen.AddRange(FrameEvents(stdout).Select(e => e.GetProperty("frame").GetInt32()));
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 6)), "the graph's frame_start..frame_end, split four ways");
        Assert.That(Outputs(), Has.Length.EqualTo(6));
    }

    [Test]
    public void TaskIndexComesFromTheEnvironment()
    {
        Environment.SetEnvironmentVariable("COMPOSITOR_TEST_TASK_ID", "1");
        try
        {
            var (code, _, error) = Render("-o", _fixture.Out("t_####.exr"), "--frames", "1-6", "--task-index-from", "COMPOSITOR_TEST_TASK_ID", "--frames-per-task", "4");
            Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(Outputs(), Is.EqualTo(new[] { "t_0005.exr", "t_0006.exr" }));

            Environment.SetEnvironmentVariable("COMPOSITOR_TEST_TASK_ID", "2");
            (code, _, error) = Render("-o", _fixture.Out("t_####.exr"), "--frames", "1-6", "--task-index-from", "COMPOSITOR_TEST_TASK_ID", "--frames-per-task", "4");
            Assert.That(code, Is.EqualTo(ExitCodes.Success), "a task past the last frame has nothing to do");
            Assert.That(error, Does.Contain("no frames"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("COMPOSITOR_TEST_TASK_ID", null);
        }

        var (unset, _, message) = Render("-o", _fixture.Out("t_####.exr"), "--frames", "1-6", "--task-index-from", "COMPOSITOR_TEST_TASK_ID", "--frames-per-task", "4");
        Assert.That(unset, Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
        Assert.That(message, Does.Contain("COMPOSITOR_TEST_TASK_ID"));
    }

    [Test]
    public void SkipExistingLeavesFinishedFramesAlone()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.Folder, "out"));
        string existing = _fixture.Out("k_0002.png");
        File.WriteAllText(existing, "an earlier task's frame");
        var (code, stdout, error) = Render("-o", _fixture.Out("k_####.png"), "--frames", "1-3", "--skip-existing", "--progress", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(File.ReadAllText(existing), Is.EqualTo("an earlier task's frame"));
        var status = FrameEvents(stdout).ToDictionary(e => e.GetProperty("frame").GetInt32(), e => e.GetProperty("status").GetString());
        Assert.That(status, Is.EqualTo(new Dictionary<int, string?> { [1] = "done", [2] = "skipped", [3] = "done" }));

        // Without the flag, frames are rendered again.
        Assert.That(Render("-o", _fixture.Out("k_####.png"), "--frames", "2").Code, Is.EqualTo(ExitCodes.Success));
        Assert.That(ImageCodecs.Read(existing).Width, Is.EqualTo(FarmFixture.Width));
    }

    [Test]
    public void AMissingSequenceFrameStopsWithTheInputCodeAfterTheFramesBefore()
    {
        File.Delete(Path.Combine(_fixture.Folder, "seq", "frame_003.png"));
        var (code, stdout, error) = Render("-o", _fixture.Out("m_####.exr"), "--frames", "1-6", "--progress", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.InputFailed), error);
        Assert.That(error, Does.Contain("frame_003.png"));
        Assert.That(Outputs(), Is.EqualTo(new[] { "m_0001.exr", "m_0002.exr" }));
        var last = FrameEvents(stdout)[^1];
        Assert.That(last.GetProperty("frame").GetInt32(), Is.EqualTo(3));
        Assert.That(last.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(last.GetProperty("exit_code").GetInt32(), Is.EqualTo(ExitCodes.InputFailed));
        Assert.That(_fixture.TemporaryFiles(), Is.Empty);
    }

    [Test]
    public void ACorruptInputFileIsAnInputFailure()
    {
        File.WriteAllBytes(Path.Combine(_fixture.Folder, "seq", "frame_002.png"), [0x89, 0x50, 0x4E, 0x47, 13, 10, 26, 10, 0, 0]);
        var (code, _, error) = Render("-o", _fixture.Out("x_####.exr"), "--frames", "2");
        Assert.That(code, Is.EqualTo(ExitCodes.InputFailed), error);
        Assert.That(Outputs(), Is.Empty);
    }

    [Test]
    public void MemoryBudgetFailsCleanlyBeforeAllocating()
    {
        var (code, _, error) = Render("-o", _fixture.Out("b_####.exr"), "--frames", "1", "--max-memory", "2K");
        Assert.That(code, Is.EqualTo(ExitCodes.MemoryLimit), error);
        Assert.That(error, Does.Contain("memory"));
        Assert.That(Outputs(), Is.Empty);
        Assert.That(Render("-o", _fixture.Out("b_####.exr"), "--frames", "1", "--max-memory", "64M").Code, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void InputsOverTheSizeLimitAreRejected()
    {
        var (code, _, error) = Render("-o", _fixture.Out("l_####.exr"), "--frames", "1", "--max-input-size", "16x16");
        Assert.That(code, Is.EqualTo(ExitCodes.InputFailed), error);
        Assert.That(error, Does.Contain("width 24 exceeds the limit of 16"));
        Assert.That(Render("-o", _fixture.Out("l_####.exr"), "--frames", "1", "--max-input-size", "24x16").Code, Is.EqualTo(ExitCodes.Success));
    }

    [TestCase("--frames", "3-1")]
    [TestCase("--chunk", "5/4")]
    [TestCase("--max-memory", "lots")]
    [TestCase("--max-input-size", "big")]
    [TestCase("--time-limit", "0")]
    [TestCase("--frames-per-task", "2")]
    public void BadFarmOptionsAreUsageErrors(string option, string value)
    {
        var (code, _, error) = Render("-o", _fixture.Out("u_####.exr"), option, value);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidGraphOrUsage), error);
        Assert.That(Outputs(), Is.Empty);
    }
}
