using Compositor.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compositor.Devices;

/// <summary>
/// Hands work packages to devices: CPU worker threads pulling from one shared queue, or the calling
/// thread alone. <see cref="Default"/> is the process-wide scheduler the CLI uses; tests and
/// embedding programs create their own, so two schedulers never share state. Several renders may
/// run batches on one scheduler at once. Building with <c>-p:ThreadingModel=SingleThreaded</c>
/// compiles the worker threads out.
/// </summary>
public sealed class WorkScheduler : IWorkScheduler, IDisposable
{
    private static readonly Lazy<WorkScheduler> DefaultScheduler = new(() => new WorkScheduler(Environment.ProcessorCount));

#if !COMPOSITOR_SINGLE_THREADED
    private readonly CpuDevice[] _devices;
    private readonly WorkQueue _queue = new();
#endif
    private readonly ILogger _logger;

    /// <summary>Creates a scheduler with <paramref name="threads"/> CPU workers; 1 (or the single-threaded build) runs everything on the caller's thread.</summary>
    public WorkScheduler(int threads, ILoggerFactory? loggerFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WorkScheduler>();
#if COMPOSITOR_SINGLE_THREADED
        Model = ThreadingModel.SingleThreaded;
        Concurrency = 1;
#else
        Model = threads == 1 ? ThreadingModel.SingleThreaded : ThreadingModel.Queue;
        Concurrency = threads;
        _devices = Model == ThreadingModel.Queue
            ? Enumerable.Range(0, threads).Select(i => new CpuDevice(i, _queue)).ToArray()
            : [];
#endif
        _logger.LogDebug("work scheduler: {Model}, {Threads} thread(s)", Model, Concurrency);
    }

    /// <summary>The process-wide scheduler: one CPU worker per core.</summary>
    public static WorkScheduler Default => DefaultScheduler.Value;

    /// <summary>True when this build compiled the worker threads out.</summary>
    public static bool IsSingleThreadedBuild =>
#if COMPOSITOR_SINGLE_THREADED
        true;
#else
        false;
#endif

    /// <summary>How packages run.</summary>
    public ThreadingModel Model { get; }

    /// <inheritdoc />
    public int Concurrency { get; }

    /// <inheritdoc />
    public void Run(IReadOnlyList<WorkPackage> batch, CancellationToken cancellation, IWorkObserver? observer = null)
    {
        if (batch.Count == 0) return;
        var state = new BatchState(batch, cancellation, observer);
#if COMPOSITOR_SINGLE_THREADED
        state.RunInline();
#else
        if (Model == ThreadingModel.SingleThreaded)
        {
            state.RunInline();
            return;
        }

        _queue.Add(state);
        state.Wait();
#endif
    }

    /// <summary>Stops the worker threads (they finish the package in hand).</summary>
    public void Dispose()
    {
#if !COMPOSITOR_SINGLE_THREADED
        _queue.Close();
        foreach (var d in _devices) d.Join();
#endif
    }
}
