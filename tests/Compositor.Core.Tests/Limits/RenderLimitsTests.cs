using Compositor.Compile;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Core.Tests.Limits;

/// <summary>Memory budget, input size limits and the time limit of a render; the image cache over many frames.</summary>
public sealed class RenderLimitsTests
{
    private static Renderer NewRenderer(WorkScheduler scheduler) => new(BuiltinNodes.CreateRegistry(), scheduler);

    /// <summary>A photo stretched to 2048x2048 and blurred by 200 pixels: seconds of work, in many packages.</summary>
    private static NodeGraph SlowGraph() => TestGraphs.Read("""
        {"version": 1, "settings": {"resolution": [2048, 2048]},
         "nodes": [
          {"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_240x160.png"}}},
          {"name": "Scale", "type": "CompositorNodeScale", "properties": {"space": "RENDER_SIZE", "frame_method": "STRETCH"}},
          {"name": "Blur", "type": "CompositorNodeBlur", "properties": {"filter_type": "FLAT", "size_x": 200, "size_y": 200}},
          {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [{"from": "Img", "from_socket": "Image", "to": "Scale", "to_socket": "Image"},
                   {"from": "Scale", "from_socket": "Image", "to": "Blur", "to_socket": "Image"},
                   {"from": "Blur", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
        """);

    [Test]
    public void ARenderPastItsTimeLimitStopsWithATimeoutError()
    {
        using var scheduler = new WorkScheduler(2);
        var renderer = NewRenderer(scheduler);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<RenderTimeoutException>(() => renderer.Render(SlowGraph(), new RenderOptions { TimeLimit = TimeSpan.FromMilliseconds(200) }));
        Assert.That(error!.Message, Does.Contain("time limit of 0.2 s"));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(20), "stopped at a package, not at the end");
    }

    [Test]
    public void CancellingARenderWithATimeLimitIsStillACancellation()
    {
        using var scheduler = new WorkScheduler(2);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.That(() => NewRenderer(scheduler).Render(SlowGraph(), new RenderOptions { TimeLimit = TimeSpan.FromHours(1) }, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void IntermediateBuffersOverTheBudgetFailBeforeAllocating()
    {
        using var scheduler = new WorkScheduler(2);
        // The input decodes in 0.6 MiB, within half of 4 MiB; the 2048x2048 buffers (64 MiB each) do not fit.
        var error = Assert.Throws<InsufficientMemoryException>(() => NewRenderer(scheduler).Render(SlowGraph(), new RenderOptions { MemoryBudgetBytes = 4 << 20 }));
        Assert.That(error!.Message, Does.Contain("memory budget of 4 MiB"));
    }

    [Test]
    public void AnInputTooLargeForTheBudgetFailsBeforeDecoding()
    {
        using var scheduler = new WorkScheduler(1);
        var graph = TestGraphs.Read(TestGraphs.ImageToComposite("chelsea_240x160.png", 32, 32));
        var error = Assert.Throws<InsufficientMemoryException>(() => NewRenderer(scheduler).Render(graph, new RenderOptions { MemoryBudgetBytes = 512 << 10 }));
        Assert.That(error!.Message, Does.Contain("chelsea_240x160.png").And.Contain("240x160"));
    }

    [Test]
    public void InputLimitsRejectLargerImagesEvenWhenCached()
    {
        using var scheduler = new WorkScheduler(1);
        var renderer = NewRenderer(scheduler);
        var graph = TestGraphs.Read(TestGraphs.ImageToComposite("chelsea_240x160.png", 32, 32));
        renderer.Render(graph).Dispose();
        Assert.That(renderer.Images.Count, Is.EqualTo(1));
        var error = Assert.Throws<InputFileException>(() => renderer.Render(graph, new RenderOptions { InputLimits = new Compositor.Codecs.ImageReadOptions { MaxWidth = 200 } }));
        Assert.That(error!.Path, Does.EndWith("chelsea_240x160.png"));
        Assert.That(error.Message, Does.Contain("width 240 exceeds the limit of 200"));
    }

    [Test]
    public void AFailedLoadIsNotCached()
    {
        var cache = new ImageCache();
        int calls = 0;
        Assert.Throws<IOException>(() => cache.GetOrLoad<string>("a", _ => { calls++; throw new IOException("not yet"); }));
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.GetOrLoad("a", _ => { calls++; return "there now"; }), Is.EqualTo("there now"));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public void EvictionKeepsOnlyWhatWasUsedAfterTheStamp()
    {
        var cache = new ImageCache();
        cache.GetOrLoad("frame1", k => k);
        cache.GetOrLoad("shared", k => k);
        long stamp = cache.Stamp;
        cache.GetOrLoad("frame2", k => k);
        cache.GetOrLoad("shared", _ => "reloaded");
        Assert.That(cache.EvictUnusedSince(stamp), Is.EqualTo(1));
        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.GetOrLoad("shared", _ => "reloaded"), Is.EqualTo("shared"), "still cached");
    }
}
