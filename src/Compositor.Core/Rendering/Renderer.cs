using System.Diagnostics;
using Compositor.Compile;
using Compositor.Execution;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compositor.Rendering;

/// <summary>
/// Renders node graphs: validate and compile, plan for the chosen execution model, execute on a
/// work scheduler, and hand back the outputs. Holds no state between renders except the image
/// cache, so one renderer may run several renders at once.
/// </summary>
public sealed class Renderer
{
    private readonly NodeRegistry _registry;
    private readonly IWorkScheduler _scheduler;
    private readonly ILogger _logger;

    /// <summary>Creates a renderer for the node types in <paramref name="registry"/>, running work on <paramref name="scheduler"/>.</summary>
    public Renderer(NodeRegistry registry, IWorkScheduler scheduler, ILoggerFactory? loggerFactory = null)
    {
        _registry = registry;
        _scheduler = scheduler;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Renderer>();
    }

    /// <summary>Decoded input images, kept across renders.</summary>
    public ImageCache Images { get; } = new();

    /// <summary>The node types this renderer knows.</summary>
    public NodeRegistry Registry => _registry;

    /// <summary>Validates <paramref name="graph"/> and compiles it without executing (what <c>compositor validate</c> does).</summary>
    public OperationGraph Compile(NodeGraph graph, RenderOptions? options = null) => GraphCompiler.Compile(graph, _registry, Settings(graph, options ?? new()));

    /// <summary>
    /// Compiles <paramref name="graph"/> and plans it for the tiled model (whatever model the options
    /// name) without executing: the operations, execution groups, chunks and memory proxies.
    /// </summary>
    /// <exception cref="GraphException">The graph is invalid.</exception>
    public RenderPlan Plan(NodeGraph graph, RenderOptions? options = null)
    {
        options = (options ?? new RenderOptions()) with { Model = ExecutionModel.Tiled };
        var settings = Settings(graph, options);
        var compiled = GraphCompiler.Compile(graph, _registry, settings);
        int chunkSize = options.ChunkSize ?? graph.Settings.ChunkSize;
        var context = new RenderContext(new BufferPool(), CancellationToken.None, _logger) { Model = settings.Model, Quality = settings.Quality };
        foreach (var op in compiled.Operations) op.InitializeExecution(context);
        try
        {
            var tiled = new TiledExecutor(compiled, _scheduler, context, null, chunkSize);
            tiled.Plan();
            return new RenderPlan(compiled, tiled.Groups, chunkSize);
        }
        finally
        {
            foreach (var op in compiled.Operations) op.DeinitializeExecution();
            foreach (var o in compiled.Outputs) o.TakeResult()?.Dispose();
        }
    }

    /// <summary>
    /// Renders <paramref name="graph"/> on a thread-pool thread, its packages on this renderer's
    /// scheduler. Several renders, of the same graph or of different ones, may run at once.
    /// </summary>
    /// <param name="graph">The graph; not modified. Change properties or inputs before the call, not during it.</param>
    /// <param name="options">Execution model, chunk size, memory budget, frame, events; null: the graph's settings.</param>
    /// <param name="progress">Told after every package (chunk or strip) finishes.</param>
    /// <param name="cancellationToken">
    /// Stops the render: no package starts after it is signalled, the ones running finish, every
    /// buffer goes back to the pool, and the task ends as cancelled. Nothing is written by File Output.
    /// </param>
    /// <returns>Every output's image and the statistics; dispose it to free the images.</returns>
    /// <exception cref="GraphException">The graph is invalid (raised before any pixel work).</exception>
    /// <exception cref="InputFileException">An input file is missing, corrupt or over the input limits.</exception>
    /// <exception cref="InsufficientMemoryException">The render needs more than <see cref="RenderOptions.MemoryBudgetBytes"/>.</exception>
    /// <exception cref="RenderTimeoutException">The render ran past <see cref="RenderOptions.TimeLimit"/>.</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public Task<RenderResult> RenderAsync(NodeGraph graph, RenderOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Task.Run(() => Render(graph, options, cancellationToken, observer: null, progress), cancellationToken);
    }

    /// <summary>Renders <paramref name="graph"/> on the calling thread (its packages on the scheduler).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="options">How to render; null: the graph's settings.</param>
    /// <param name="cancellation">Stops the render (see <see cref="RenderAsync"/>).</param>
    /// <param name="observer">Told when each package starts and finishes (prefer <see cref="RenderOptions.Events"/>).</param>
    /// <param name="progress">Told after every package finishes.</param>
    /// <exception cref="GraphException">The graph is invalid (raised before any pixel work).</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public RenderResult Render(NodeGraph graph, RenderOptions? options = null, CancellationToken cancellation = default, IWorkObserver? observer = null, IProgress<RenderProgress>? progress = null)
    {
        options ??= new RenderOptions();
        if (options.TimeLimit is not { } limit) return RenderCore(graph, options, cancellation, observer, progress);
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "the time limit must be positive");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limit);
        try
        {
            return RenderCore(graph, options, deadline.Token, observer, progress);
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new RenderTimeoutException(limit, e);
        }
    }

    private RenderResult RenderCore(NodeGraph graph, RenderOptions options, CancellationToken cancellation, IWorkObserver? observer, IProgress<RenderProgress>? progress)
    {
        cancellation.ThrowIfCancellationRequested();
        var settings = Settings(graph, options);
        var clock = Stopwatch.StartNew();
        var compiled = GraphCompiler.Compile(graph, _registry, settings);
        double compileSeconds = clock.Elapsed.TotalSeconds;

        var pool = options.BufferPool ?? new BufferPool { MemoryBudgetBytes = options.MemoryBudgetBytes };
        var context = new RenderContext(pool, cancellation, _logger) { Model = settings.Model, Quality = settings.Quality, Concurrency = _scheduler.Concurrency };
        int chunkSize = options.ChunkSize ?? graph.Settings.ChunkSize;
        var openCl = OpenClFor(graph, options);
        var monitor = RenderMonitor.Create(observer, options.Events, progress);
        RendererLog.Compiled(_logger, compiled.Operations.Count, compileSeconds, settings.Model);

        clock.Restart();
        if (options.FusePixelOperations) compiled = PixelFusion.Fuse(compiled, keepOpenClOperations: openCl is not null);
        TiledExecutor? tiled = null;
        FullFrameExecutor? fullFrame = null;
        try
        {
            // Inside the try: an output over the memory budget fails here, and what was set up is released.
            foreach (var op in compiled.Operations) op.InitializeExecution(context);
            if (settings.Model == ExecutionModel.Tiled)
            {
                tiled = new TiledExecutor(compiled, _scheduler, context, monitor, chunkSize, openCl);
                tiled.Plan();
            }
            else
            {
                fullFrame = new FullFrameExecutor(compiled, _scheduler, context, monitor, openCl);
            }

            double planSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            if (tiled is not null) tiled.Execute();
            else fullFrame!.Execute();
            double executeSeconds = clock.Elapsed.TotalSeconds;
            foreach (var output in compiled.Outputs)
            {
                cancellation.ThrowIfCancellationRequested();
                output.Complete(context);
            }

            // Outputs that only write files (multi-layer File Output) hand back no image.
            var outputs = compiled.Outputs.Select(o => (o, Image: o.TakeResult()))
                .Where(x => x.Image is not null)
                .Select(x => new OutputResult(x.o.NodeName, x.o.Kind, x.Image!)).ToList();
            var stats = new RenderStatistics
            {
                CompileSeconds = compileSeconds,
                PlanSeconds = planSeconds,
                ExecuteSeconds = executeSeconds,
                Operations = compiled.Operations.Count,
                Groups = tiled?.Groups.Count ?? 0,
                Packages = tiled?.PackageCount ?? fullFrame!.PackageCount,
                PeakBufferBytes = pool.PeakBytes,
                BufferAllocations = pool.Allocations,
                Model = settings.Model,
                OperationTimes = (tiled?.Timings ?? fullFrame!.Timings).ToList(),
                OpenClRequested = openCl is not null,
                OpenClUses = openCl?.Uses() ?? [],
                OpenClFallbacks = openCl?.Fallbacks() ?? [],
            };
            RendererLog.Rendered(_logger, executeSeconds, stats.Packages, pool.PeakBytes);
            return new RenderResult(outputs, stats);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            RendererLog.Cancelled(_logger, clock.Elapsed.TotalSeconds);
            throw;
        }
        finally
        {
            foreach (var op in compiled.Operations) op.DeinitializeExecution();
            // Results not handed over (a failed render) go back to their pools.
            foreach (var o in compiled.Outputs) o.TakeResult()?.Dispose();
        }
    }

    /// <summary>The OpenCL record of this render, or null when it runs everything on the CPU.</summary>
    private OpenClActivity? OpenClFor(NodeGraph graph, RenderOptions options)
    {
        bool wanted = options.Device switch
        {
            RenderDevice.Cpu => false,
            RenderDevice.OpenCl => true,
            _ => graph.Settings.UseOpenCl,
        };
        if (!wanted) return null;
        if (options.Device == RenderDevice.OpenCl && _scheduler.OpenClUnavailableReason is { } reason)
            throw new DeviceException($"OpenCL was asked for, but {reason}");
        return new OpenClActivity();
    }

    private CompileSettings Settings(NodeGraph graph, RenderOptions options)
    {
        var scene = graph.Settings;
        if (options.Frame is { } frame) scene = scene with { FrameCurrent = frame };
        var limits = options.InputLimits ?? Codecs.ImageReadOptions.Default;
        if (options.MemoryBudgetBytes > 0)
        {
            // Decoding holds the file's pixels and their linear copy at once.
            long share = options.MemoryBudgetBytes / 2;
            limits = limits with { MaxDecodedBytes = limits.MaxDecodedBytes > 0 ? Math.Min(limits.MaxDecodedBytes, share) : share };
        }

        var model = options.Model ?? (scene.ExecutionMode == "TILED" ? ExecutionModel.Tiled : ExecutionModel.FullFrame);
        string quality = options.Rendering ? scene.RenderQuality : scene.EditQuality;
        return new CompileSettings
        {
            Scene = scene,
            BaseDirectory = graph.BaseDirectory,
            FileOutputDirectory = options.FileOutputDirectory is { } dir ? Path.GetFullPath(dir) : graph.BaseDirectory,
            Model = model,
            Rendering = options.Rendering,
            Quality = quality switch { "MEDIUM" => RenderQuality.Medium, "LOW" => RenderQuality.Low, _ => RenderQuality.High },
            Images = Images,
            InputLimits = limits,
        };
    }
}
