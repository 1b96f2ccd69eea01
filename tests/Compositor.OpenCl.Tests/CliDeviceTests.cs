using Compositor.Cli;
using Compositor.Cli.Tests;
using Compositor.Codecs;

namespace Compositor.OpenCl.Tests;

/// <summary>The command line: <c>compositor devices</c>, and one graph rendered with <c>--device cpu</c> and <c>--device opencl</c>.</summary>
[NonParallelizable]
public sealed class CliDeviceTests : OpenClFixture
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-opencl-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Test]
    public void DevicesListsPlatformsWithMemoryAndComputeUnits()
    {
        var (code, output, _) = Run("devices");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("OpenCL platform: " + OpenClPlatformsName()));
        Assert.That(output, Does.Contain($"[{FirstDevice.Index}] {FirstDevice.Name}").And.Contain("compute units").And.Contain("MiB global memory"));
    }

    private static string OpenClPlatformsName() => Devices.OpenCl.OpenClPlatforms.Current.Platforms[0].Name;

    [TestCase("full-frame")]
    [TestCase("tiled")]
    public void AGraphRendersTheSameOnTheCpuAndOnOpenCl(string mode)
    {
        string graph = Path.Combine(_dir, "graph.json");
        File.WriteAllText(graph, Case("defocus_hexagon").Replace("\"astronaut_holes.png\"", Json(Path.Combine(Inputs, "astronaut_holes.png")))
            .Replace("\"zdepth.exr\"", Json(Path.Combine(Inputs, "zdepth.exr"))));
        // PFM keeps 32-bit floats (EXR would round both to half floats first).
        string cpu = Path.Combine(_dir, "cpu.pfm"), cl = Path.Combine(_dir, "opencl.pfm");
        var cpuRun = Run("render", graph, "-o", cpu, "--device", "cpu", "--mode", mode, "--stats");
        Assert.That(cpuRun.Code, Is.EqualTo(ExitCodes.Success), cpuRun.Error);
        var clRun = Run("render", graph, "-o", cl, "--device", "opencl:" + FirstDevice.Index, "--mode", mode, "--stats");
        Assert.That(clRun.Code, Is.EqualTo(ExitCodes.Success), clRun.Error);
        Assert.That(clRun.Out, Does.Contain("OpenCL: 1 ran on a device, 0 fell back to the CPU").And.Contain("on OpenCL " + FirstDevice.Name));
        Assert.That(cpuRun.Out, Does.Not.Contain("OpenCL:"));
        var a = ImageCodecs.Read(cpu);
        var b = ImageCodecs.Read(cl);
        AssertClose(a.Pixels, b.Pixels, 1e-4f, mode);
    }

    [Test]
    public void OpenClWithoutAMatchingDeviceFailsWithTheDeviceExitCode()
    {
        string graph = Path.Combine(_dir, "graph.json");
        File.WriteAllText(graph, Case("directional_blur").Replace("\"astronaut_256.png\"", Json(Path.Combine(Inputs, "astronaut_256.png"))));
        var run = Run("render", graph, "-o", Path.Combine(_dir, "out.exr"), "--device", "opencl:no-such-device");
        Assert.That(run.Code, Is.EqualTo(ExitCodes.DeviceFailed));
        Assert.That(run.Error, Does.Contain("OpenCL was asked for").And.Contain("no-such-device"));
        Assert.That(File.Exists(Path.Combine(_dir, "out.exr")), Is.False);
    }

    private static string Json(string path) => "\"" + path.Replace("\\", "/") + "\"";
}
