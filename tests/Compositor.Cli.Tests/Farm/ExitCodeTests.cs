using Compositor.Execution;
using Compositor.Graph;
using Compositor.Rendering;

namespace Compositor.Cli.Tests.Farm;

/// <summary>Each failure class has its own exit code, as the README's table lists them.</summary>
public sealed class ExitCodeTests
{
    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new InputFileException("missing", "/x.png"), ExitCodes.InputFailed).SetName("input file");
        yield return new TestCaseData(new GraphException("bad"), ExitCodes.InvalidGraphOrUsage).SetName("invalid graph");
        yield return new TestCaseData(new NotSupportedException("no"), ExitCodes.InvalidGraphOrUsage).SetName("not supported");
        yield return new TestCaseData(new InsufficientMemoryException("budget"), ExitCodes.MemoryLimit).SetName("memory budget");
        yield return new TestCaseData(new OutOfMemoryException(), ExitCodes.MemoryLimit).SetName("out of memory");
        yield return new TestCaseData(new RenderTimeoutException(TimeSpan.FromSeconds(1)), ExitCodes.TimeLimit).SetName("time limit");
        yield return new TestCaseData(new DeviceException("lost", "GPU 0"), ExitCodes.DeviceFailed).SetName("device");
        yield return new TestCaseData(new IOException("disk full"), ExitCodes.OutputFailed).SetName("output");
        yield return new TestCaseData(new UnauthorizedAccessException("read-only"), ExitCodes.OutputFailed).SetName("permissions");
        yield return new TestCaseData(new InvalidOperationException("bug"), ExitCodes.RenderFailed).SetName("other");
    }

    [TestCaseSource(nameof(Failures))]
    public void FailuresMapToTheirCodes(Exception failure, int code) => Assert.That(ExitCodes.For(failure), Is.EqualTo(code));

    [Test]
    public void CodesAreDistinct()
    {
        int[] codes = [ExitCodes.Success, ExitCodes.RenderFailed, ExitCodes.InvalidGraphOrUsage, ExitCodes.InputFailed, ExitCodes.MemoryLimit,
            ExitCodes.TimeLimit, ExitCodes.DeviceFailed, ExitCodes.OutputFailed, ExitCodes.Cancelled, ExitCodes.Terminated];
        Assert.That(codes, Is.Unique);
    }

    [Test]
    public void AFrameOverItsTimeLimitExitsFiveAndWritesNothing()
    {
        using var fixture = new FarmFixture(frames: 2, slow: true);
        var (code, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", fixture.Out("t_####.exr"), "--frames", "1-2", "--time-limit", "0.05", "--progress", "none");
        Assert.That(code, Is.EqualTo(ExitCodes.TimeLimit), error);
        Assert.That(error, Does.Contain("time limit"));
        Assert.That(Directory.Exists(Path.Combine(fixture.Folder, "out")) ? Directory.GetFiles(Path.Combine(fixture.Folder, "out")) : [], Is.Empty);
    }
}
