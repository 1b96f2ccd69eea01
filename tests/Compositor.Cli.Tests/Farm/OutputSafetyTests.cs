using Compositor.Codecs;
using Compositor.Imaging;
using Compositor.Rendering;

namespace Compositor.Cli.Tests.Farm;

/// <summary>
/// Outputs are never partial: concurrent writers of one path, a full disk and a read-only destination
/// leave either a complete file or none (and an earlier complete file untouched). The disk is a real
/// tiny tmpfs where the tests may mount one (root on Linux); elsewhere those tests say they are skipped.
/// </summary>
[NonParallelizable]
public sealed class OutputSafetyTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-output-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        CliProcess.RunTool("umount", ["-l", Path.Combine(_dir, "disk")], TimeSpan.FromSeconds(30));
        Directory.Delete(_dir, recursive: true);
    }

    private static MemoryBuffer Solid(float value, int w = 64, int h = 64)
    {
        var buffer = MemoryBuffer.Create(DataType.Color, Rect.FromSize(w, h));
        var pixels = buffer.Span;
        for (int x = 0; x < pixels.Length; x += 4) (pixels[x], pixels[x + 1], pixels[x + 2], pixels[x + 3]) = (value, value * 0.5f, 1 - value, 1f);
        return buffer;
    }

    private IEnumerable<string> Leftovers(string folder) =>
        Directory.EnumerateFiles(folder).Where(p => Path.GetFileName(p).Contains(".tmp", StringComparison.Ordinal));

    [Test]
    public void ConcurrentWritersOfOnePathLeaveOneCompleteImage()
    {
        string path = Path.Combine(_dir, "same.exr");
        float[] values = [0.1f, 0.3f, 0.5f, 0.7f, 0.9f, 0.2f];
        var images = values.Select(v => Solid(v, 128, 96)).ToArray();
        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => ImageExport.Save(images[i % images.Length], path));
        var result = ImageCodecs.Read(path);
        Assert.That((result.Width, result.Height), Is.EqualTo((128, 96)));
        float red = result.Pixels[0];
        Assert.That(values, Has.Some.EqualTo(red).Within(1e-3), "one writer's image");
        for (int i = 0; i < result.Pixels.Length; i += 4) Assert.That(result.Pixels[i], Is.EqualTo(red), "not a mix of writers");
        Assert.That(Leftovers(_dir), Is.Empty);
        foreach (var image in images) image.Dispose();
    }

    [Test]
    public void ConcurrentTasksRenderingTheSameFramesLeaveCompleteFiles()
    {
        using var fixture = new FarmFixture(frames: 4);
        var renderer = new Renderer(Nodes.BuiltinNodes.CreateRegistry(), Devices.WorkScheduler.Default);
        var graph = Graph.GraphReader.ReadFile(fixture.GraphPath);
        // Four tasks given the same frames (a scheduler retrying, overlapping chunks) share one renderer and its image cache.
        Parallel.For(0, 4, _ => new Compositor.Cli.Farm.FrameRunner(renderer, graph, new RenderOptions())
        {
            OutputPattern = fixture.Out("c_####.exr"),
            NumberEveryName = true,
        }.Run([1, 2, 3, 4], CancellationToken.None));
        Assert.That(Directory.GetFiles(Path.Combine(fixture.Folder, "out")), Has.Length.EqualTo(4));
        for (int f = 1; f <= 4; f++)
            Assert.That(ImageCodecs.Read(fixture.Out($"c_{f:0000}.exr")).Pixels[1], Is.EqualTo(fixture.TimeValue(f)).Within(2e-3), $"frame {f}");
        Assert.That(fixture.TemporaryFiles(), Is.Empty);
    }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> at <c>disk</c> (read-only when asked), or ignores the test.</summary>
    private string MountDisk(int kilobytes, bool readOnly = false)
    {
        string disk = Path.Combine(_dir, "disk");
        Directory.CreateDirectory(disk);
        if (!OperatingSystem.IsLinux() || CliProcess.Which("mount") is null) Assert.Ignore("needs Linux mount to make a small or read-only disk");
        var (code, output) = CliProcess.RunTool("mount", ["-t", "tmpfs", "-o", $"size={kilobytes}k{(readOnly ? ",ro" : "")}", "tmpfs", disk], TimeSpan.FromSeconds(30));
        if (code != 0) Assert.Ignore($"cannot mount a tmpfs here (needs root): {output.Trim()}");
        return disk;
    }

    [Test]
    public void AFullDiskLeavesNoPartialFileAndKeepsTheEarlierOne()
    {
        string disk = MountDisk(64);
        string path = Path.Combine(disk, "frame.pfm");
        using (var small = Solid(0.25f, 32, 32)) ImageExport.Save(small, path); // 12 KiB: fits
        byte[] before = File.ReadAllBytes(path);
        using var big = Solid(0.75f, 128, 128); // 192 KiB of floats: cannot fit
        Assert.That(() => ImageExport.Save(big, path), Throws.InstanceOf<IOException>());
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before), "the finished file is untouched");
        Assert.That(Leftovers(disk), Is.Empty, "the partial temporary file was removed");
    }

    [Test]
    public void AFrameRangeOntoAFullDiskStopsWithTheOutputCode()
    {
        string disk = MountDisk(24);
        using var fixture = new FarmFixture(frames: 6);
        // Each frame is a 4.5 KiB PFM (two 4 KiB pages): a few fit, then the disk is full.
        var (code, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", Path.Combine(disk, "f_####.pfm"), "--frames", "1-6", "--threads", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(error, Does.Contain("cannot write"));
        var written = Directory.GetFiles(disk).Where(p => !Path.GetFileName(p).StartsWith('.')).ToList();
        Assert.That(written, Has.Count.InRange(1, 5));
        foreach (var file in written) Assert.That(ImageCodecs.Read(file).Width, Is.EqualTo(FarmFixture.Width), $"{file} is complete");
        Assert.That(Leftovers(disk), Is.Empty);
    }

    [Test]
    public void AReadOnlyDestinationIsAnOutputFailureWithNothingWritten()
    {
        string disk = MountDisk(64, readOnly: true);
        using var fixture = new FarmFixture(frames: 2);
        var (code, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", Path.Combine(disk, "f_####.exr"), "--frames", "1-2");
        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(error, Does.Contain("Read-only file system").IgnoreCase);
        Assert.That(Directory.GetFiles(disk), Is.Empty);
    }

    [Test]
    public void AnOutputFolderThatCannotExistIsAnOutputFailure()
    {
        using var fixture = new FarmFixture(frames: 2);
        string blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var (code, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", Path.Combine(blocker, "f_####.exr"), "--frames", "1");
        Assert.That(code, Is.EqualTo(ExitCodes.OutputFailed), error);
        Assert.That(File.ReadAllText(blocker), Is.EqualTo("not a folder"));
    }

    [Test]
    public void OutputsCreateTheirFolder()
    {
        using var fixture = new FarmFixture(frames: 2);
        string nested = Path.Combine(_dir, "shots", "010", "comp_####.png");
        var (code, _, error) = InProcessCli.Run("render", fixture.GraphPath, "-o", nested, "--frames", "2");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(File.Exists(Path.Combine(_dir, "shots", "010", "comp_0002.png")), Is.True);
    }
}
