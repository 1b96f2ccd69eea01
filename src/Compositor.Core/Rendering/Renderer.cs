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

    /// <summary>Renders <paramref name="graph"/>.</summary>
    /// <exception cref="GraphException">The graph is invalid (raised before any pixel work).</exception>
    /// <exception cref="InputFileException">An input file is missing, corrupt or over the input limits.</exception>
    /// <exception cref="InsufficientMemoryException">The render needs more than <see cref="RenderOptions.MemoryBudgetBytes"/>.</exception>
    /// <exception cref="RenderTimeoutException">The render ran past <see cref="RenderOptions.TimeLimit"/>.</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public RenderResult Render(NodeGraph graph, RenderOptions? options = null, CancellationToken cancellation = default, IWorkObserver? observer = null)
    {
        options ??= new RenderOptions();
        if (options.TimeLimit is not { } limit) return RenderCore(graph, options, cancellation, observer);
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "the time limit must be positive");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limit);
        try
        {
            return RenderCore(graph, options, deadline.Token, observer);
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new RenderTimeoutException(limit, e);
        }
    }

    private RenderResult RenderCore(NodeGraph graph, RenderOptions options, CancellationToken cancellation, IWorkObserver? observer)
    {
        cancellation.ThrowIfCancellationRequested();
        var settings = Settings(graph, options);
        var clock = Stopwatch.StartNew();
        var compiled = GraphCompiler.Compile(graph, _registry, settings);
        double compileSeconds = clock.Elapsed.TotalSeconds;

        var pool = new BufferPool { MemoryBudgetBytes = options.MemoryBudgetBytes };
        var context = new RenderContext(pool, cancellation, _logger) { Model = settings.Model, Quality = settings.Quality, Concurrency = _scheduler.Concurrency };
        int chunkSize = options.ChunkSize ?? graph.Settings.ChunkSize;
        var openCl = OpenClFor(graph, options);
        _logger.LogDebug("compiled {Operations} operations in {Seconds:F4} s; executing {Model}", compiled.Operations.Count, compileSeconds, settings.Model);

        clock.Restart();
        TiledExecutor? tiled = null;
        FullFrameExecutor? fullFrame = null;
        try
        {
            // Inside the try: an output over the memory budget fails here, and what was set up is released.
            foreach (var op in compiled.Operations) op.InitializeExecution(context);
            if (settings.Model == ExecutionModel.Tiled)
            {
                tiled = new TiledExecutor(compiled, _scheduler, context, observer, chunkSize, openCl);
                tiled.Plan();
            }
            else
            {
                fullFrame = new FullFrameExecutor(compiled, _scheduler, context, observer, openCl);
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
            _logger.LogDebug("rendered in {Seconds:F4} s, peak buffers {Peak} bytes", executeSeconds, pool.PeakBytes);
            return new RenderResult(outputs, stats);
        }
        finally
        {
            foreach (var op in compiled.Operations) op.DeinitializeExecution();
            foreach (var o in compiled.Outputs) o.TakeResult();
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
