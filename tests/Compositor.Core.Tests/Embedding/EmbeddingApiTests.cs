using System.Collections.Concurrent;
using System.Diagnostics;
using Compositor.Codecs;
using Compositor.Devices;
using Compositor.Execution;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;
using Microsoft.Extensions.Logging;

namespace Compositor.Core.Tests.Embedding;

/// <summary>The embedding API: async renders, progress, events, cancellation, concurrency, in-memory inputs, graphs built in code.</summary>
public sealed class EmbeddingApiTests
{
    private WorkScheduler _scheduler = null!;
    private Renderer _renderer = null!;

    [OneTimeSetUp]
    public void CreateRenderer()
    {
        _scheduler = new WorkScheduler(2);
        _renderer = new Renderer(BuiltinNodes.CreateRegistry(), _scheduler);
    }

    [OneTimeTearDown]
    public void DisposeScheduler() => _scheduler.Dispose();

    private static readonly RenderOptions TiledSmallChunks = new() { Model = ExecutionModel.Tiled, ChunkSize = 32 };

    /// <summary>Collects reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class ProgressLog : IProgress<RenderProgress>
    {
        public ConcurrentQueue<RenderProgress> Reports { get; } = new();

        public void Report(RenderProgress value) => Reports.Enqueue(value);
    }

    private sealed class EventLog : IRenderEvents
    {
        public RenderPlanSummary? Plan;
        public ConcurrentQueue<ChunkEvent> Started { get; } = new();
        public ConcurrentQueue<ChunkEvent> Finished { get; } = new();
        public ConcurrentQueue<(string Output, Rect Area, int Done, int Total)> Updates { get; } = new();
        public Action<ChunkEvent>? OnFinished;

        public void RenderStarted(RenderPlanSummary plan) => Plan = plan;

        public void ChunkStarted(in ChunkEvent chunk) => Started.Enqueue(chunk);

        public void ChunkFinished(in ChunkEvent chunk)
        {
            Finished.Enqueue(chunk);
            OnFinished?.Invoke(chunk);
        }

        public void OutputUpdated(in OutputUpdate update) => Updates.Enqueue((update.Output, update.Area, update.ChunksDone, update.ChunksTotal));
    }

    [TestCase(ExecutionModel.Tiled)]
    [TestCase(ExecutionModel.FullFrame)]
    public async Task ProgressCountsEveryPackageUpToTheTotal(ExecutionModel model)
    {
        var progress = new ProgressLog();
        using var result = await _renderer.RenderAsync(GraphReader.ReadFile(RepoPaths.GlowGraph), TiledSmallChunks with { Model = model }, progress);

        var reports = progress.Reports.ToList();
        int packages = result.Statistics.Packages;
        Assert.That(packages, Is.GreaterThan(1));
        Assert.That(reports, Has.Count.EqualTo(packages), "one report per package");
        Assert.That(reports.Select(r => r.ChunksDone).Order(), Is.EqualTo(Enumerable.Range(1, packages)), "each package counted once");
        Assert.That(reports.All(r => r.ChunksTotal == packages && r.Output == "Composite" && r.OutputCount == 1), Is.True);
        Assert.That(reports.All(r => r.Elapsed >= TimeSpan.Zero && r.EstimatedRemaining >= TimeSpan.Zero), Is.True);
        var last = reports.MaxBy(r => r.ChunksDone);
        Assert.That(last.Fraction, Is.EqualTo(1.0));
        Assert.That(last.EstimatedRemaining, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(ExecutionModel.Tiled)]
    [TestCase(ExecutionModel.FullFrame)]
    public async Task ChunkEventsNumberPackagesAndProgressiveUpdatesRebuildTheOutput(ExecutionModel model)
    {
        var graph = GraphReader.ReadFile(RepoPaths.GlowGraph);
        int w = graph.Settings.ResolutionX, h = graph.Settings.ResolutionY;
        var copy = new float[w * h * 4];
        var log = new EventLog();
        var preview = new CopyingViewer(copy, w);
        using var result = await _renderer.RenderAsync(graph, TiledSmallChunks with { Model = model, Events = RenderEvents.Combine(log, preview) });

        int packages = result.Statistics.Packages;
        Assert.That(log.Plan, Is.Not.Null);
        Assert.That(log.Plan!.TotalChunks, Is.EqualTo(packages));
        Assert.That(log.Started.Select(c => c.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, packages)), "sequence numbers are the execution order");
        Assert.That(log.Finished.Select(c => c.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, packages)));
        Assert.That(log.Finished.All(c => c.Device == "CPU" && c.Thread is 0 or 1 && c.Duration >= TimeSpan.Zero && !c.Area.IsEmpty), Is.True);
        Assert.That(log.Finished.All(c => c.Kind == (model == ExecutionModel.Tiled ? WorkPackageKind.Chunk : WorkPackageKind.Strip)), Is.True);

        var writers = log.Finished.Where(c => c.WritesOutput).ToList();
        Assert.That(log.Updates, Has.Count.EqualTo(writers.Count));
        Assert.That(log.Updates.All(u => u.Output == "Composite" && u.Total == writers.Count), Is.True);
        Assert.That(writers.Sum(c => c.Area.Area), Is.EqualTo((long)w * h), "the output's chunks tile its canvas");
        Assert.That(copy, Is.EqualTo(result.Composite!.Span.ToArray()), "the copies made during the updates add up to the final image");
    }

    private sealed class CopyingViewer(float[] target, int width) : IRenderEvents
    {
        public void OutputUpdated(in OutputUpdate update)
        {
            for (int y = update.Area.YMin; y < update.Area.YMax; y++)
                update.Image.GetRow(y, update.Area.XMin, update.Area.Width).CopyTo(target.AsSpan((y * width + update.Area.XMin) * 4));
        }
    }

    /// <summary>A graph that takes seconds to render: a 2048² noise picture, blurred, mixed, at chunk size 32.</summary>
    private static NodeGraph SlowGraph()
    {
        const int size = 2048;
        var pixels = new float[size * size * 4];
        var random = new Random(7);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)random.NextDouble();
        return new GraphBuilder()
            .Resolution(size, size)
            .Node("Noise", "Image", n => n.Image(ImageInput.FromLinearRgba(size, size, pixels)))
            .Node("Blur", "Blur", n => n.Property("filter_type", "GAUSS").Property("size_x", 40).Property("size_y", 40))
            .Node("Mix", "MixRGB", n => n.Property("blend_type", "SCREEN"))
            .Node("Composite", "Composite")
            .Link("Noise", "Image", "Blur", "Image")
            .Link("Blur", "Image", "Mix", "Image")
            .Link("Noise", "Image", "Mix", "Image_001")
            .Link("Mix", "Image", "Composite", "Image")
            .Build();
    }

    [TestCase(ExecutionModel.Tiled)]
    [TestCase(ExecutionModel.FullFrame)]
    public async Task CancellationStopsPromptlyAndReleasesEveryBuffer(ExecutionModel model)
    {
        var graph = SlowGraph();
        var pool = new BufferPool();
        var log = new EventLog();
        using var cancel = new CancellationTokenSource();
        // Cancel from inside the render, when the tenth package finishes: however fast the machine
        // renders, the signal then always arrives while packages are left.
        var clock = new Stopwatch();
        int finished = 0, startedBefore = -1;
        log.OnFinished = _ =>
        {
            if (Interlocked.Increment(ref finished) != 10) return;
            clock.Start();
            cancel.Cancel();
            // Counted once the signal is set: a worker may still be past its check, but none
            // passes it from here on. Counting before Cancel() let a descheduled callback thread
            // see other workers start packages in between (seen on a loaded 2-core CI machine).
            startedBefore = log.Started.Count;
        };

        var render = _renderer.RenderAsync(graph, new RenderOptions { Model = model, ChunkSize = 32, BufferPool = pool, Events = log }, null, cancel.Token);
        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await render, "the render must end cancelled");
        double latencyMs = clock.Elapsed.TotalMilliseconds;
        Assert.That(startedBefore, Is.GreaterThanOrEqualTo(10), "the signal came after ten packages had finished");

        TestContext.Out.WriteLine($"{model}: cancelled after {startedBefore} packages started, in {latencyMs:F1} ms");
        // The design target is 100 ms (no package starts after the signal; running ones finish);
        // a looser bound keeps a loaded 2-core CI machine from failing it spuriously.
        Assert.That(latencyMs, Is.LessThan(500), "a cancelled render must stop within a package or so");
        Assert.That(log.Started.Count - startedBefore, Is.LessThanOrEqualTo(_scheduler.Concurrency - 1), "no package starts after cancellation, except one per other worker already past its check");
        Assert.That(pool.LiveBytes, Is.Zero, "every buffer went back to the pool");
        Assert.That(pool.Allocations, Is.GreaterThan(0));
    }

    [Test]
    public async Task ConcurrentRendersOfDifferentGraphsGiveTheSamePixelsAsOneAtATime()
    {
        NodeGraph Glow(int size) => WithBlur(GraphReader.ReadFile(RepoPaths.GlowGraph), size);
        var jobs = new (Func<NodeGraph> Graph, RenderOptions Options)[]
        {
            (() => Glow(12), TiledSmallChunks),
            (() => Glow(5), new RenderOptions { Model = ExecutionModel.FullFrame }),
            (() => Glow(20), TiledSmallChunks with { ChunkSize = 64 }),
            (() => InMemoryGraph(96, 64), new RenderOptions { Model = ExecutionModel.FullFrame }),
        };

        var alone = new List<float[]>();
        foreach (var (graph, options) in jobs)
        {
            using var r = await _renderer.RenderAsync(graph(), options);
            alone.Add(r.Composite!.Span.ToArray());
        }

        for (int round = 0; round < 3; round++)
        {
            var together = await Task.WhenAll(jobs.Select(async job =>
            {
                using var r = await _renderer.RenderAsync(job.Graph(), job.Options);
                return r.Composite!.Span.ToArray();
            }));
            for (int i = 0; i < jobs.Length; i++)
                Assert.That(together[i], Is.EqualTo(alone[i]), $"graph {i}, round {round}");
        }

        Assert.That(alone[0], Is.Not.EqualTo(alone[2]), "the graphs differ");
    }

    private static NodeGraph WithBlur(NodeGraph graph, int size)
    {
        graph.Node("Soft").SetProperty("size_x", size).SetProperty("size_y", size);
        return graph;
    }

    private static NodeGraph InMemoryGraph(int w, int h)
    {
        var pixels = new float[w * h * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (i % 7) / 7f;
        return new GraphBuilder().Resolution(w, h)
            .Node("In", "Image", n => n.Image(ImageInput.FromLinearRgba(w, h, pixels)))
            .Node("Invert", "Invert")
            .Node("Composite", "Composite")
            .Link("In", "Image", "Invert", "Color")
            .Link("Invert", "Color", "Composite", "Image")
            .Build();
    }

    [Test]
    public async Task AnInMemoryPictureRendersExactlyAsItsFile()
    {
        var fromFile = GraphReader.ReadFile(RepoPaths.GlowGraph);
        using var expected = await _renderer.RenderAsync(fromFile);

        // The same PNG decoded here and handed over as 8-bit sRGB bytes (top row first).
        var decoded = ImageCodecs.Read(Path.Combine(Path.GetDirectoryName(RepoPaths.GlowGraph)!, "chelsea.png"));
        var bytes = decoded.Pixels.Select(v => (byte)MathF.Round(v * 255f)).ToArray();
        var inMemory = GraphReader.ReadFile(RepoPaths.GlowGraph);
        inMemory.Node("Photo").Image = ImageInput.FromSrgbBytes(decoded.Width, decoded.Height, bytes);
        inMemory.Node("Photo").Properties.Remove("image");
        using var actual = await _renderer.RenderAsync(inMemory);

        Assert.That(actual.Composite!.Span.ToArray(), Is.EqualTo(expected.Composite!.Span.ToArray()));
    }

    [Test]
    public async Task LinearInputsKeepTheirValuesAndOrientation()
    {
        // 2x2, top row first: red, green / blue, half-transparent white (straight alpha).
        float[] topDown = [1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0.5f];
        var graph = new GraphBuilder().Resolution(2, 2)
            .Node("In", "Image", n => n.Image(ImageInput.FromLinearRgba(2, 2, topDown, topRowFirst: true, premultiplied: false)))
            .Node("Composite", "Composite", n => n.Property("use_alpha", true))
            .Link("In", "Image", "Composite", "Image")
            .Build();
        using var result = await _renderer.RenderAsync(graph);
        var pixels = ImageExport.ToFileOrder(result.Composite!, display: false);
        Assert.That(pixels, Is.EqualTo(new float[] { 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f }));
    }

    [Test]
    public async Task AGraphBuiltInCodeRendersAsTheSameGraphLoadedFromJson()
    {
        string folder = Path.GetDirectoryName(RepoPaths.GlowGraph)!;
        var built = new GraphBuilder()
            .Resolution(240, 160)
            .Node("Photo", "CompositorNodeImage", n => n.Property("image", new { filepath = "chelsea.png", source = "FILE", colorspace = "sRGB" }))
            .Node("Soft", "Blur", n => n.Property("filter_type", "GAUSS").Property("size_x", 12).Property("size_y", 12))
            .Node("Glow", "MixRGB", n => n.Property("blend_type", "SCREEN").Input("Fac", 0.6))
            .Node("Composite", "Composite")
            .Link("Photo", "Image", "Soft", "Image")
            .Link("Photo", "Image", "Glow", "Image")
            .Link("Soft", "Image", "Glow", "Image_001")
            .Link("Glow", "Image", "Composite", "Image")
            .Build(folder);
        using var fromCode = await _renderer.RenderAsync(built);

        using var stream = File.OpenRead(RepoPaths.GlowGraph);
        using var fromStream = await _renderer.RenderAsync(GraphReader.ReadStream(stream, folder));
        Assert.That(fromCode.Composite!.Span.ToArray(), Is.EqualTo(fromStream.Composite!.Span.ToArray()));

        built.Node("Glow").SetInput("Fac", 0.1);
        using var changed = await _renderer.RenderAsync(built);
        Assert.That(changed.Composite!.Span.ToArray(), Is.Not.EqualTo(fromCode.Composite!.Span.ToArray()), "a changed input changes the render");
    }

    [Test]
    public void PropertiesSetInCodeAreCheckedLikeLoadedOnes()
    {
        var graph = GraphReader.ReadFile(RepoPaths.GlowGraph);
        graph.Node("Soft").SetProperty("filter_type", "NOT_A_FILTER");
        var e = Assert.ThrowsAsync<GraphException>(async () => await _renderer.RenderAsync(graph));
        Assert.That(e!.Message, Does.Contain("Soft").And.Contain("filter_type"));
        Assert.Throws<KeyNotFoundException>(() => graph.Node("Nope"));
        Assert.Throws<ArgumentException>(() => new GraphBuilder().Node("A", "Blur").Node("A", "Blur"));
    }

    [Test]
    public async Task LogMessagesGoToTheGivenLoggerFactory()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), _scheduler, factory);
        using (await renderer.RenderAsync(GraphReader.ReadFile(RepoPaths.GlowGraph))) { }
        Assert.That(sink.Messages, Has.Some.Matches<(string Category, int EventId, string Text)>(m =>
            m.Category == typeof(Renderer).FullName && m.EventId == 1 && m.Text.Contains("operations")));
        Assert.That(sink.Messages, Has.Some.Matches<(string Category, int EventId, string Text)>(m => m.EventId == 2 && m.Text.Contains("packages")));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, int EventId, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue((category, eventId.Id, formatter(state, exception)));
        }
    }
}
