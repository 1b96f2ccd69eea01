using System.Collections.Concurrent;
using Compositor.Imaging;
using Compositor.OpenCl;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// What an OpenCL device needs to run the packages of one operation execution (a tiled group's
/// complex operation, or a full-frame operation): the operation, its input and output buffers
/// (resolved when the first package runs, once every input is complete), and the per-device state
/// (uploaded inputs, output image, built kernels), released after the last package. Every package
/// of the execution carries the same instance in <see cref="WorkPackage.OpenCl"/>.
/// </summary>
public sealed class OpenClWork
{
    private readonly Func<MemoryBuffer[]> _inputs;
    private readonly Func<MemoryBuffer> _output;
    private readonly Action<WorkPackage, Action> _wrap;
    private readonly ConcurrentDictionary<object, IDisposable> _deviceStates = new();
    private readonly OpenClActivity _activity;
    private int _completed;
    private string? _fallbackReason;

    /// <summary>
    /// Creates the work of <paramref name="operation"/>, which runs as <paramref name="packages"/>
    /// packages; <paramref name="wrap"/> runs a package's device work with the executor's
    /// bookkeeping around it (timing, releasing what the package read).
    /// </summary>
    public OpenClWork(NodeOperation operation, string owner, int packages, Func<MemoryBuffer[]> inputs, Func<MemoryBuffer> output,
        Action<WorkPackage, Action> wrap, OpenClActivity activity)
    {
        _wrap = wrap;
        Operation = operation;
        Kernels = operation as IOpenClOperation ?? throw new ArgumentException($"{operation} has no OpenCL kernel", nameof(operation));
        Owner = owner;
        Packages = packages;
        _inputs = inputs;
        _output = output;
        _activity = activity;
    }

    /// <summary>The operation.</summary>
    public NodeOperation Operation { get; }

    /// <summary>Its kernels.</summary>
    public IOpenClOperation Kernels { get; }

    /// <summary>The group or operation name (for logs and statistics).</summary>
    public string Owner { get; }

    /// <summary>How many packages run this work.</summary>
    public int Packages { get; }

    /// <summary>Why the work runs on the CPU after all, or null while it may run on a device.</summary>
    public string? FallbackReason => Volatile.Read(ref _fallbackReason);

    /// <summary>The input buffers, one per operation input (complete when the first package runs).</summary>
    public MemoryBuffer[] ResolveInputs() => _inputs();

    /// <summary>The buffer the packages' results go to.</summary>
    public MemoryBuffer ResolveOutput() => _output();

    /// <summary>The state a device keeps for this work, created by <paramref name="create"/> on first use.</summary>
    public T DeviceState<T>(object device, Func<T> create) where T : class, IDisposable =>
        (T)_deviceStates.GetOrAdd(device, _ => create());

    /// <summary>Records that a package ran on <paramref name="device"/>.</summary>
    public void RanOn(string device) => _activity.RecordDevice(Owner, device);

    /// <summary>
    /// Sends the rest of this work to the CPU and records why (once). Returns true for the first
    /// call, so the caller logs it once.
    /// </summary>
    public bool FallBack(string reason)
    {
        if (Interlocked.CompareExchange(ref _fallbackReason, reason, null) is not null) return false;
        _activity.RecordFallback(Owner, reason);
        return true;
    }

    /// <summary>Runs <paramref name="package"/>'s device work <paramref name="run"/> inside the executor's bookkeeping.</summary>
    public void RunOnDevice(WorkPackage package, Action run)
    {
        _wrap(package, run);
        PackageCompleted();
    }

    /// <summary>Called after each package, wherever it ran: the last one frees the device state.</summary>
    public void PackageCompleted()
    {
        if (Interlocked.Increment(ref _completed) >= Packages) Release();
    }

    /// <summary>Frees every device's state (also after a failed or cancelled render).</summary>
    public void Release()
    {
        foreach (var key in _deviceStates.Keys)
            if (_deviceStates.TryRemove(key, out var state)) state.Dispose();
    }
}

/// <summary>Where OpenCL work ran during one render, and what fell back to the CPU and why.</summary>
public sealed class OpenClActivity
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _devices = new();
    private readonly ConcurrentDictionary<string, string> _fallbacks = new();

    /// <summary>Counts a package of <paramref name="owner"/> run on <paramref name="device"/>.</summary>
    public void RecordDevice(string owner, string device) =>
        _devices.GetOrAdd(owner, _ => new()).AddOrUpdate(device, 1, (_, n) => n + 1);

    /// <summary>Records that <paramref name="owner"/> ran on the CPU because of <paramref name="reason"/>.</summary>
    public void RecordFallback(string owner, string reason) => _fallbacks.TryAdd(owner, reason);

    /// <summary>Per operation or group: the devices it ran on and how many packages each.</summary>
    public IReadOnlyList<OpenClUse> Uses() =>
        _devices.SelectMany(o => o.Value.Select(d => new OpenClUse(o.Key, d.Key, d.Value))).OrderBy(u => u.Owner, StringComparer.Ordinal).ToList();

    /// <summary>Operations or groups that could have run on OpenCL but ran on the CPU, with the reason.</summary>
    public IReadOnlyList<OpenClFallback> Fallbacks() =>
        _fallbacks.Select(f => new OpenClFallback(f.Key, f.Value)).OrderBy(f => f.Owner, StringComparer.Ordinal).ToList();
}

/// <summary>Packages of <paramref name="Owner"/> that ran on OpenCL device <paramref name="Device"/>.</summary>
public sealed record OpenClUse(string Owner, string Device, int Packages);

/// <summary>An operation or group with a kernel that ran on the CPU, and why.</summary>
public sealed record OpenClFallback(string Owner, string Reason);

/// <summary>Decides, per operation, whether a render's packages carry OpenCL work.</summary>
internal static class OpenClPlanning
{
    /// <summary>
    /// The OpenCL form of <paramref name="operation"/>'s execution, or null when it has no kernel,
    /// OpenCL is off for this render, or it cannot run there (the reason is recorded and logged).
    /// </summary>
    public static OpenClWork? Create(NodeOperation operation, string owner, int packages, Func<MemoryBuffer[]> inputs, Func<MemoryBuffer> output,
        Action<WorkPackage, Action> wrap, OpenClActivity? activity, IWorkScheduler scheduler, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (activity is null || packages == 0 || !operation.Has(OperationFlags.OpenCl) || operation is not IOpenClOperation kernels) return null;
        string? reason = scheduler.OpenClUnavailableReason ?? kernels.OpenClUnsupportedReason;
        if (reason is null) return new OpenClWork(operation, owner, packages, inputs, output, wrap, activity);
        activity.RecordFallback(owner, reason);
        ExecutionLog.OpenClFallback(logger, owner, reason);
        return null;
    }
}
