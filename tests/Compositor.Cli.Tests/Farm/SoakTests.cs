using System.Diagnostics;
using Compositor.Cli.Farm;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Cli.Tests.Farm;

/// <summary>
/// Hundreds of frames of an image sequence in one process, as a long farm task renders them: the
/// managed heap after a full collection must not grow from the first sampled frame to the last
/// (no cached frames, buffers or results kept), and every frame's file is written.
/// </summary>
[NonParallelizable]
public sealed class SoakTests
{
    private const int Frames = 400, WarmUp = 50;

    /// <summary>Managed heap allowed to grow over 350 frames: far below one leaked 24x16 frame per frame (6 KiB each, 2 MiB over the run).</summary>
    private const long MaxHeapDriftBytes = 1 << 20;

    /// <summary>Working set allowed to grow over the same frames.</summary>
    private const long MaxWorkingSetDriftBytes = 64L << 20;

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Test]
    public void HundredsOfFramesInOneProcessKeepMemoryFlat()
    {
        using var fixture = new FarmFixture(Frames);
        using var scheduler = new WorkScheduler(2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        var graph = GraphReader.ReadFile(fixture.GraphPath);
        long heapAtWarmUp = 0, heapAtEnd = 0, workingSetAtWarmUp = 0, workingSetAtEnd = 0, peakBuffers = 0;
        int done = 0, maxCached = 0;
        var runner = new FrameRunner(renderer, graph, new RenderOptions())
        {
            OutputPattern = fixture.Out("soak_####.exr"),
            NumberEveryName = true,
            Reported = e =>
            {
                Assert.That(e.Status, Is.EqualTo(FrameStatus.Done), e.Error);
                done++;
                peakBuffers = Math.Max(peakBuffers, e.Statistics!.PeakBufferBytes);
                maxCached = Math.Max(maxCached, renderer.Images.Count);
                if (done == WarmUp)
                {
                    heapAtWarmUp = HeapAfterFullCollection();
                    workingSetAtWarmUp = Process.GetCurrentProcess().WorkingSet64;
                }
            },
        };

        var clock = Stopwatch.StartNew();
        runner.Run(Enumerable.Range(1, Frames).ToList(), CancellationToken.None);
        heapAtEnd = HeapAfterFullCollection();
        workingSetAtEnd = Process.GetCurrentProcess().WorkingSet64;

        long drift = heapAtEnd - heapAtWarmUp;
        TestContext.Out.WriteLine(
            $"soak: {done} frames in {clock.Elapsed.TotalSeconds:F1} s; managed heap {heapAtWarmUp / 1024.0:F0} KiB after {WarmUp} frames, " +
            $"{heapAtEnd / 1024.0:F0} KiB after {Frames} (drift {drift / 1024.0:+0;-0} KiB); working set drift {(workingSetAtEnd - workingSetAtWarmUp) / 1048576.0:+0.0;-0.0} MiB; " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB; peak buffers per frame {peakBuffers / 1024.0:F0} KiB; images cached at most {maxCached}");
        Assert.That(done, Is.EqualTo(Frames));
        Assert.That(Directory.GetFiles(Path.Combine(fixture.Folder, "out")), Has.Length.EqualTo(Frames));
        // While a frame is reported the cache holds its image and the previous frame's (dropped right after).
        Assert.That(maxCached, Is.LessThanOrEqualTo(2), "only the latest frames' images are cached");
        Assert.That(renderer.Images.Count, Is.LessThanOrEqualTo(1));
        Assert.That(drift, Is.LessThan(MaxHeapDriftBytes), "managed heap growth over the run");
        // The working set also holds the runtime's warm-up (tiered JIT, GC segments); a native leak of
        // even a small frame per frame would pass this loose bound many times over.
        Assert.That(workingSetAtEnd - workingSetAtWarmUp, Is.LessThan(MaxWorkingSetDriftBytes), "working set growth over the run");
    }
}
