using Compositor.Devices.OpenCl;
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
    private readonly OpenClDevice[] _openClDevices = [];
    private readonly WorkQueue _queue = new();
#endif
    private readonly ILogger _logger;

    /// <summary>Creates a scheduler with <paramref name="threads"/> CPU workers; 1 (or the single-threaded build) runs everything on the caller's thread.</summary>
    public WorkScheduler(int threads, ILoggerFactory? loggerFactory = null)
        : this(threads, [], loggerFactory)
    {
    }

    /// <summary>
    /// Creates a scheduler with <paramref name="threads"/> CPU workers and one host thread per
    /// device of <paramref name="openClDevices"/> (see <see cref="OpenClPlatforms.Select"/>).
    /// Packages carrying OpenCL work go to those devices; the single-threaded model runs
    /// everything on the caller's thread and reports why OpenCL is not used.
    /// </summary>
    public WorkScheduler(int threads, IReadOnlyList<OpenClDeviceInfo> openClDevices, ILoggerFactory? loggerFactory = null)
        : this(threads, openClDevices, loggerFactory, null)
    {
    }

    private WorkScheduler(int threads, IReadOnlyList<OpenClDeviceInfo> openClDevices, ILoggerFactory? loggerFactory, string? noOpenClReason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WorkScheduler>();
        OpenClDevices = openClDevices;
#if COMPOSITOR_SINGLE_THREADED
        Model = ThreadingModel.SingleThreaded;
        Concurrency = 1;
#else
        Model = threads == 1 ? ThreadingModel.SingleThreaded : ThreadingModel.Queue;
        Concurrency = threads;
        _devices = Model == ThreadingModel.Queue
            ? Enumerable.Range(0, threads).Select(i => new CpuDevice(i, _queue)).ToArray()
            : [];
        if (Model == ThreadingModel.Queue)
            _openClDevices = openClDevices.Select((d, i) => new OpenClDevice(d, i, _queue, _logger)).ToArray();
#endif
        OpenClUnavailableReason = openClDevices.Count == 0 ? noOpenClReason ?? "the scheduler was given no OpenCL device"
            : Model == ThreadingModel.SingleThreaded ? "the single-threaded model runs every package on the calling thread"
            : null;
        DevicesLog.SchedulerCreated(_logger, Model, Concurrency, openClDevices.Count == 0 ? "none" : string.Join(", ", openClDevices));
    }

    /// <summary>
    /// A scheduler with <paramref name="threads"/> CPU workers and the OpenCL devices
    /// <paramref name="selector"/> names (see <see cref="OpenClPlatforms.Select"/>). When none can
    /// be had (no runtime, no match), the scheduler has none and says why in
    /// <see cref="OpenClUnavailableReason"/>, which renders log and report.
    /// </summary>
    public static WorkScheduler WithOpenCl(int threads, string? selector, ILoggerFactory? loggerFactory = null)
    {
        try
        {
            return new WorkScheduler(threads, OpenClPlatforms.Current.Select(selector), loggerFactory, null);
        }
        catch (ArgumentException e)
        {
            return new WorkScheduler(threads, [], loggerFactory, e.Message);
        }
    }

    /// <summary>The OpenCL devices this scheduler was given.</summary>
    public IReadOnlyList<OpenClDeviceInfo> OpenClDevices { get; }

    /// <inheritdoc />
    public string? OpenClUnavailableReason { get; }

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
        var state = new BatchState(batch, cancellation, observer, routeOpenCl: OpenClUnavailableReason is null);
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
        foreach (var d in _openClDevices) d.Join();
#endif
    }
}
