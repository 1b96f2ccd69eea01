using System.Collections.Concurrent;
using Compositor.Compile;
using Compositor.Devices;
using Compositor.Execution;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Core.Tests.Execution;

/// <summary>The two execution models on hand-built operation graphs: same pixels, buffering, dependencies, priorities, memory.</summary>
public sealed class ExecutionModelTests
{
    private sealed class Recorder : IWorkObserver
    {
        public readonly ConcurrentQueue<(string Owner, string Event, WorkPackage Package)> Events = new();

        public void Started(WorkPackage package, WorkerInfo worker) => Events.Enqueue((package.Owner, "start", package));

        public void Finished(WorkPackage package, WorkerInfo worker) => Events.Enqueue((package.Owner, "end", package));
    }

    /// <summary>ramp → count → box → out A (high) and count → box2 → out B (low): count is read by two groups.</summary>
    private static (OperationGraph Graph, CountingAddOne Count, ValueOutput A, ValueOutput B) Build(int w, int h)
    {
        var ramp = new RampOperation(w, h);
        var count = new CountingAddOne(ramp);
        var box = new Box3Operation(count);
        var box2 = new Box3Operation(count) { Label = "box2" };
        var a = new ValueOutput(box, RenderPriority.High, "A");
        var b = new ValueOutput(box2, RenderPriority.Low, "B");
        var ops = new List<NodeOperation> { ramp, count, box, box2, a, b };
        var resolver = new CanvasResolver();
        resolver.Resolve(a, Rect.Empty);
        resolver.Resolve(b, Rect.Empty);
        for (int i = 0; i < ops.Count; i++) ops[i].Id = i;
        return (new OperationGraph(ops, [a, b]), count, a, b);
    }

    private static (float[] A, float[] B, long CountPixels, Recorder Events, long Peak) Run(ExecutionModel model, int threads, int chunk, int w = 100, int h = 70)
    {
        var (graph, count, a, b) = Build(w, h);
        using var scheduler = new WorkScheduler(threads);
        var context = new RenderContext { Model = model };
        var recorder = new Recorder();
        TestExecution.Run(graph, model, scheduler, context, recorder, chunk);

        return (a.Result!.Span.ToArray(), b.Result!.Span.ToArray(), count.Pixels, recorder, context.Pool.PeakBytes);
    }

    [Test]
    public void BothModelsGiveTheSamePixelsForAnyChunkSizeAndThreadCount()
    {
        var reference = Run(ExecutionModel.FullFrame, 1, 0);
        // A spot check of the reference itself: the box mean at (10, 10) of ramp + 1.
        float expected = 0;
        for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) expected += 10 + dx + 1000 * (10 + dy) + 1;
        Assert.That(reference.A[(10 * 100 + 10) * 4], Is.EqualTo(expected / 9f).Within(1e-2));
        foreach (var (threads, chunk) in new[] { (1, 32), (2, 32), (4, 16), (3, 64), (2, 1024) })
        {
            var tiled = Run(ExecutionModel.Tiled, threads, chunk);
            Assert.That(tiled.A, Is.EqualTo(reference.A), $"tiled A, {threads} threads, chunk {chunk}");
            Assert.That(tiled.B, Is.EqualTo(reference.B), $"tiled B, {threads} threads, chunk {chunk}");
        }

        Assert.That(Run(ExecutionModel.FullFrame, 4, 0).A, Is.EqualTo(reference.A));
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void AnOperationReadByTwoGroupsIsComputedOnce(ExecutionModel model)
    {
        var run = Run(model, 2, 32);
        Assert.That(run.CountPixels, Is.EqualTo(100 * 70), "every pixel of the shared operation computed exactly once");
    }

    [Test]
    public void TiledPlanBuffersComplexOperationsAndSharedOnes()
    {
        var (graph, count, _, _) = Build(64, 64);
        using var scheduler = new WorkScheduler(1);
        var tiled = new TiledExecutor(graph, scheduler, new RenderContext(), null, 32);
        tiled.Plan();
        // Groups: out A, out B, write(box), write(box2), write(count).
        Assert.That(tiled.Groups, Has.Count.EqualTo(5));
        var countGroups = tiled.Groups.Where(g => g.Members.Contains(count)).ToList();
        Assert.That(countGroups, Has.Count.EqualTo(1), "count lives in one group only");
        Assert.That(countGroups[0].Root, Is.InstanceOf<WriteBufferOperation>());
        foreach (var g in tiled.Groups)
            Assert.That(g.Members.Count(m => m.Has(OperationFlags.Complex)), Is.LessThanOrEqualTo(1), $"{g} holds at most one complex operation");
    }

    [Test]
    public void TiledChunksDependOnExactlyTheProducerChunksCoveringTheirAreaOfInterest()
    {
        var (graph, _, _, _) = Build(64, 64);
        using var scheduler = new WorkScheduler(1);
        var tiled = new TiledExecutor(graph, scheduler, new RenderContext(), null, 16);
        tiled.Plan();
        var boxGroup = tiled.Groups.Single(g => g.Producer.Label == "box");
        var countGroup = tiled.Groups.Single(g => g.Producer.Label == "count");
        // Chunk (1,1) of the box covers x,y 16..32; it reads 15..33, so count chunks x,y in 0..2.
        var chunk = boxGroup.Chunks[1 * boxGroup.ChunksX + 1];
        var expected = new[] { 0, 1, 2 }.SelectMany(cy => new[] { 0, 1, 2 }.Select(cx => countGroup.Chunks[cy * countGroup.ChunksX + cx]));
        Assert.That(chunk.Dependencies, Is.EquivalentTo(expected));
        // A corner chunk needs only 2×2 producer chunks.
        Assert.That(boxGroup.Chunks[0].Dependencies, Has.Count.EqualTo(4));
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void HigherPriorityOutputsFinishBeforeLowerOnesStart(ExecutionModel model)
    {
        var run = Run(model, 4, 16);
        var events = run.Events.Events.ToList();
        // Packages are named after their operation (full frame) or their group's producer (tiled).
        var forA = new System.Text.RegularExpressions.Regex(@"\b(box|A)\b");
        var forB = new System.Text.RegularExpressions.Regex(@"\b(box2|B)\b");
        int lastA = events.FindLastIndex(e => forA.IsMatch(e.Owner));
        int firstB = events.FindIndex(e => forB.IsMatch(e.Owner));
        Assert.That(lastA, Is.GreaterThanOrEqualTo(0));
        Assert.That(firstB, Is.GreaterThan(lastA), "output B (low) started after everything output A (high) needed");
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void IntermediateBuffersAreAllReturned(ExecutionModel model)
    {
        var (graph, _, _, _) = Build(80, 60);
        using var scheduler = new WorkScheduler(2);
        var context = new RenderContext { Model = model };
        TestExecution.Run(graph, model, scheduler, context, null, 32);

        Assert.That(context.Pool.LiveBytes, Is.Zero, "every pooled buffer was returned");
        Assert.That(context.Pool.PeakBytes, Is.GreaterThan(0));
    }

    [Test]
    public void AMemoryBudgetFailsTheRenderCleanly()
    {
        var (graph, _, _, _) = Build(200, 200);
        using var scheduler = new WorkScheduler(1);
        var context = new RenderContext(new BufferPool { MemoryBudgetBytes = 1000 });
        // The Composite's result counts too, so the budget may already stop its allocation.
        var e = Assert.Throws<InsufficientMemoryException>(() =>
        {
            foreach (var op in graph.Operations) op.InitializeExecution(context);
            new FullFrameExecutor(graph, scheduler, context, null).Execute();
        });
        Assert.That(e!.Message, Does.Contain("memory budget"));
        Assert.That(context.Pool.LiveBytes, Is.Zero);
    }
}
