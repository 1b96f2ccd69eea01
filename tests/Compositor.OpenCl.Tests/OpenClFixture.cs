using Compositor.Devices;
using Compositor.Devices.OpenCl;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.OpenCl.Tests;

/// <summary>
/// What the OpenCL tests share: the devices (the tests are ignored, with the reason, where no
/// OpenCL runtime or device exists), a scheduler with them, and renders of graphs on the CPU and on
/// OpenCL with the real conformance inputs.
/// </summary>
public abstract class OpenClFixture
{
    private WorkScheduler? _scheduler;

    /// <summary>The scheduler with every usable OpenCL device and 2 CPU workers.</summary>
    protected WorkScheduler Scheduler => _scheduler ?? throw new InvalidOperationException("fixture not set up");

    /// <summary>The first usable device.</summary>
    protected static OpenClDeviceInfo FirstDevice => OpenClPlatforms.Current.Select(null)[0];

    [OneTimeSetUp]
    public void RequireOpenCl()
    {
        if (WorkScheduler.IsSingleThreadedBuild) Assert.Ignore("the single-threaded build compiles the OpenCL device threads out");
        var platforms = OpenClPlatforms.Current;
        if (!platforms.IsAvailable) Assert.Ignore($"no OpenCL runtime to test on: {platforms.UnavailableReason}");
        _scheduler = WorkScheduler.WithOpenCl(2, null);
        Assert.That(_scheduler.OpenClUnavailableReason, Is.Null, "a device was found, so the scheduler must have it");
    }

    [OneTimeTearDown]
    public void DisposeScheduler() => _scheduler?.Dispose();

    /// <summary>The shared conformance inputs folder.</summary>
    protected static string Inputs
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln")))
                {
                    var inputs = Path.Combine(dir.Parent!.FullName, "shared", "conformance", "inputs");
                    if (Directory.Exists(inputs)) return inputs;
                }

            throw new AssertionException("shared conformance inputs not found at ../shared/conformance/inputs");
        }
    }

    /// <summary>Renders graph JSON (image paths relative to the inputs) and returns the composite's floats and the statistics.</summary>
    protected (float[] Pixels, Rect Rect, RenderStatistics Stats) Render(string json, RenderDevice device, ExecutionModel model, int? chunkSize = null)
    {
        var graph = GraphReader.ReadString(json, Inputs);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), Scheduler);
        using var result = renderer.Render(graph, new RenderOptions { Device = device, Model = model, ChunkSize = chunkSize });
        var image = result.Composite ?? throw new AssertionException("the graph has no composite");
        return (image.Span.ToArray(), image.Rect, result.Statistics);
    }

    /// <summary>
    /// Renders <paramref name="json"/> on the CPU and on OpenCL in both execution models and checks
    /// that every pixel agrees within <paramref name="tolerance"/> (absolute), that the operations
    /// whose names contain <paramref name="onDevice"/> ran on an OpenCL device, and that nothing fell back.
    /// </summary>
    protected void AssertParity(string json, float tolerance, params string[] onDevice)
    {
        foreach (var model in new[] { ExecutionModel.FullFrame, ExecutionModel.Tiled })
        {
            var cpu = Render(json, RenderDevice.Cpu, model, chunkSize: 128);
            var cl = Render(json, RenderDevice.OpenCl, model, chunkSize: 128);
            Assert.That(cl.Stats.OpenClFallbacks, Is.Empty, $"{model}: nothing may fall back to the CPU");
            foreach (var name in onDevice)
                Assert.That(cl.Stats.OpenClUses.Any(u => u.Owner.Contains(name, StringComparison.Ordinal)), Is.True,
                    $"{model}: '{name}' ran on an OpenCL device (ran there: {string.Join("; ", cl.Stats.OpenClUses.Select(u => u.Owner))})");
            Assert.That(cpu.Stats.OpenClUses, Is.Empty, $"{model}: the CPU render used no device");
            Assert.That(cl.Rect, Is.EqualTo(cpu.Rect));
            AssertClose(cpu.Pixels, cl.Pixels, tolerance, model.ToString());
        }
    }

    /// <summary>Every float of <paramref name="actual"/> within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    protected static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)expected[i] - actual[i]);
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            if (d > worst) { worst = d; worstAt = i; }
        }

        Assert.That(worst, Is.LessThanOrEqualTo(tolerance),
            $"{what}: largest difference {worst:G4} at float {worstAt} (CPU {(worstAt >= 0 ? expected[worstAt] : 0)}, OpenCL {(worstAt >= 0 ? actual[worstAt] : 0)})");
    }

    /// <summary>
    /// The graph of conformance case <paramref name="name"/> (its inputs resolved against the shared
    /// inputs), with <paramref name="settings"/> added to its render settings.
    /// </summary>
    protected static string Case(string name, string settings = "")
    {
        string json = File.ReadAllText(Path.Combine(Inputs, "..", "cases", name, "graph.json")).Replace("../../inputs/", "");
        if (settings.Length == 0) return json;
        int at = json.IndexOf("\"settings\"", StringComparison.Ordinal);
        int open = json.IndexOf('{', at);
        return json[..(open + 1)] + settings + ", " + json[(open + 1)..];
    }

    /// <summary>Image (a conformance input) → one node → Composite, with the node's properties and the render settings given as JSON.</summary>
    protected static string Graph(string image, int width, int height, string nodeType, string properties, string settings = "", string imageSocket = "Image", string extraNodes = "", string extraLinks = "") => """
        {"version": 1, "settings": {"resolution": [WIDTH, HEIGHT]SETTINGS},
         "nodes": [
          {"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "IMAGE", "colorspace": "sRGB"}}},
          {"name": "Node", "type": "NODETYPE", "properties": {PROPERTIES}},
          {"name": "Composite", "type": "CompositorNodeComposite"}EXTRANODES],
         "links": [
          {"from": "Img", "from_socket": "Image", "to": "Node", "to_socket": "SOCKET"},
          {"from": "Node", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}EXTRALINKS]}
        """.Replace("WIDTH", width.ToString()).Replace("HEIGHT", height.ToString()).Replace("SETTINGS", settings.Length > 0 ? ", " + settings : "")
        .Replace("IMAGE", image).Replace("NODETYPE", nodeType).Replace("PROPERTIES", properties).Replace("SOCKET", imageSocket)
        .Replace("EXTRANODES", extraNodes).Replace("EXTRALINKS", extraLinks);
}
