using Compositor.Devices;
using Compositor.Devices.OpenCl;
using Compositor.Devices.OpenCl.Native;
using Compositor.Execution;
using Compositor.Imaging;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.OpenCl.Tests;

/// <summary>Broken kernels and missing devices give clear errors or logged, reported fallbacks.</summary>
public sealed class DeviceFailureTests : OpenClFixture
{
    private const string BlurGraph = """
        "filter_type": "GAUSS", "size_x": 6, "size_y": 6
        """;

    /// <summary>A complex operation whose kernel source does not compile; its CPU form copies its input.</summary>
    private sealed class BrokenKernelOperation : NodeOperation, IOpenClOperation
    {
        public BrokenKernelOperation() : base(DataType.Color)
        {
            AddInput(DataType.Color);
            Flags = OperationFlags.Complex;
        }

        public OpenClProgramSource OpenClProgram { get; } = new("Broken.cl", "__kernel void broken(IMAGE(src), OUT_IMAGE(dst), RANGE) { this is not C }");

        public void EnqueueOpenCl(IOpenClChunk chunk) => chunk.Kernel("broken").Image(chunk.Input(0)).Image(chunk.Output).Run(chunk.Area);

        public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context) => output!.CopyFrom(inputs[0], area);
    }

    [Test]
    public void BrokenKernelSourceFailsToBuildWithTheBuildLog()
    {
        var context = OpenClContext.For(FirstDevice);
        var e = Assert.Throws<OpenClException>(() => context.Program(new OpenClProgramSource("Broken.cl", "__kernel void f(__global float* a) { a[0] = nope; }")));
        Assert.That(e!.Call, Is.EqualTo("clBuildProgram"));
        Assert.That(e.Message, Does.Contain("CL_BUILD_PROGRAM_FAILURE").And.Contain("Broken.cl").And.Contain("nope"), "the message names the error, the program and holds the build log");
        // The failure is cached: asking again fails the same way without a rebuild.
        Assert.That(Assert.Throws<OpenClException>(() => context.Program(new OpenClProgramSource("Broken.cl", "__kernel void f(__global float* a) { a[0] = nope; }")))!.Message,
            Is.EqualTo(e.Message));
    }

    [Test]
    public void BrokenKernelFallsBackToTheCpuAndIsReported()
    {
        var op = new BrokenKernelOperation { Canvas = new Rect(0, 0, 64, 32) };
        var input = MemoryBuffer.Create(DataType.Color, op.Canvas);
        for (int i = 0; i < input.Span.Length; i++) input.Span[i] = i * 0.25f;
        var output = MemoryBuffer.Create(DataType.Color, op.Canvas, clear: true);
        var activity = new OpenClActivity();
        var context = new RenderContext();
        var packages = new List<WorkPackage>();
        int cpuRuns = 0;
        var work = new OpenClWork(op, "broken op", 4, () => [input], () => output, (_, run) => run(), activity);
        for (int s = 0; s < 4; s++)
        {
            var strip = new Rect(0, s * 8, 64, s * 8 + 8);
            packages.Add(new WorkPackage(WorkPackageKind.Strip, "broken op", s, strip, s, _ =>
            {
                Interlocked.Increment(ref cpuRuns);
                op.Execute(output, strip, [input], context);
                work.PackageCompleted();
            }) { OpenCl = work });
        }

        Scheduler.Run(packages, CancellationToken.None);

        Assert.That(cpuRuns, Is.EqualTo(4), "every package ran on the CPU");
        Assert.That(output.Span.ToArray(), Is.EqualTo(input.Span.ToArray()), "with the CPU's result");
        var fallback = activity.Fallbacks().Single();
        Assert.That(fallback.Owner, Is.EqualTo("broken op"));
        Assert.That(fallback.Reason, Does.Contain("CL_BUILD_PROGRAM_FAILURE").And.Contain("Broken.cl"));
        Assert.That(activity.Uses(), Is.Empty);
    }

    [Test]
    public void AnUnknownDeviceLeavesTheSchedulerWithoutOpenClAndSaysWhy()
    {
        using var scheduler = WorkScheduler.WithOpenCl(2, "no-such-device-anywhere");
        Assert.That(scheduler.OpenClUnavailableReason, Does.Contain("no OpenCL device matches 'no-such-device-anywhere'"));
        Assert.That(scheduler.OpenClUnavailableReason, Does.Contain(FirstDevice.Name), "the message lists the devices that exist");
    }

    [Test]
    public void AskingForOpenClWithoutADeviceIsAClearError()
    {
        using var scheduler = WorkScheduler.WithOpenCl(2, "no-such-device-anywhere");
        var renderer = new Renderer(Nodes.BuiltinNodes.CreateRegistry(), scheduler);
        var graph = Compositor.Graph.GraphReader.ReadString(Graph("chelsea_240x160.png", 240, 160, "CompositorNodeBlur", BlurGraph), Inputs);
        var e = Assert.Throws<DeviceException>(() => renderer.Render(graph, new RenderOptions { Device = RenderDevice.OpenCl }));
        Assert.That(e!.Message, Does.Contain("OpenCL was asked for").And.Contain("no-such-device-anywhere"));
    }

    [Test]
    public void GraphUseOpenClWithoutADeviceFallsBackAndReportsIt()
    {
        using var scheduler = WorkScheduler.WithOpenCl(2, "no-such-device-anywhere");
        var renderer = new Renderer(Nodes.BuiltinNodes.CreateRegistry(), scheduler);
        string json = Graph("chelsea_240x160.png", 240, 160, "CompositorNodeBlur", BlurGraph, "\"use_opencl\": true");
        using var result = renderer.Render(Compositor.Graph.GraphReader.ReadString(json, Inputs));
        var s = result.Statistics;
        Assert.That(s.OpenClRequested, Is.True);
        Assert.That(s.OpenClUses, Is.Empty);
        Assert.That(s.OpenClFallbacks.Select(f => f.Owner), Has.Some.Contain("blur x").And.Some.Contain("blur y"));
        Assert.That(s.OpenClFallbacks.Select(f => f.Reason), Has.All.Contain("no OpenCL device matches"));
        var cpu = Render(json, RenderDevice.Cpu, ExecutionModel.FullFrame);
        AssertClose(cpu.Pixels, result.Composite!.Span.ToArray(), 0f, "the fallback renders the CPU result");
    }

    [Test]
    public void GraphUseOpenClRunsOnTheDevice()
    {
        string json = Graph("chelsea_240x160.png", 240, 160, "CompositorNodeBlur", BlurGraph, "\"use_opencl\": true");
        var auto = Render(json, RenderDevice.Auto, ExecutionModel.Tiled);
        Assert.That(auto.Stats.OpenClUses.Select(u => u.Owner), Has.Some.Contain("blur x"));
        var off = Render(json.Replace("\"use_opencl\": true", "\"use_opencl\": false"), RenderDevice.Auto, ExecutionModel.Tiled);
        Assert.That(off.Stats.OpenClRequested, Is.False);
        Assert.That(off.Stats.OpenClUses, Is.Empty);
    }

    [Test]
    public void DiscoveryListsDevicesWithMemoryAndComputeUnits()
    {
        var platforms = OpenClPlatforms.Current;
        Assert.That(platforms.Platforms, Is.Not.Empty);
        foreach (var d in platforms.Devices)
        {
            Assert.That(d.Name, Is.Not.Empty);
            Assert.That(d.ComputeUnits, Is.GreaterThan(0u));
            Assert.That(d.GlobalMemoryBytes, Is.GreaterThan(0ul));
            Assert.That(platforms.Select(d.Index.ToString()).Single(), Is.EqualTo(d));
        }

        Assert.That(platforms.Select(FirstDevice.Name[..Math.Min(6, FirstDevice.Name.Length)]), Does.Contain(FirstDevice), "a device can be chosen by name");
    }
}
