using Compositor.Execution;

namespace Compositor.Devices;

/// <summary>
/// One batch being run: its ready packages in order, how many are left, and the first failure.
/// Packages become ready as their dependencies execute. After a failure or cancellation the
/// remaining packages are drained without running.
/// </summary>
internal sealed class BatchState
{
    private readonly PriorityQueue<WorkPackage, (int Order, int Sequence)> _ready = new();
    private readonly PriorityQueue<WorkPackage, (int Order, int Sequence)> _readyOpenCl = new();
    private readonly bool _routeOpenCl;
    private readonly CancellationToken _cancellation;
    private readonly IWorkObserver? _observer;
    private readonly ManualResetEventSlim _done = new(false);
    private int _remaining;
    private int _sequence;
    private Exception? _failure;

    /// <summary>
    /// Prepares <paramref name="batch"/>. With <paramref name="routeOpenCl"/>, packages carrying
    /// OpenCL work that has not fallen back wait in a queue of their own for the OpenCL devices.
    /// </summary>
    public BatchState(IReadOnlyList<WorkPackage> batch, CancellationToken cancellation, IWorkObserver? observer, bool routeOpenCl = false)
    {
        _routeOpenCl = routeOpenCl;
        _cancellation = cancellation;
        _observer = observer;
        _remaining = batch.Count;
        var members = new HashSet<WorkPackage>(batch);
        foreach (var package in batch)
        {
            if (package.State == WorkPackageState.Executed)
                throw new InvalidOperationException($"package {package} was already executed");
            int pending = 0;
            foreach (var dependency in package.Dependencies)
            {
                if (dependency.State == WorkPackageState.Executed) continue;
                if (!members.Contains(dependency))
                    throw new InvalidOperationException($"package {package} depends on {dependency}, which is neither executed nor in the batch");
                pending++;
            }

            package.PendingDependencies = pending;
            package.State = WorkPackageState.NotScheduled;
        }

        foreach (var package in batch)
            if (package.PendingDependencies == 0) Enqueue(package);
        if (_ready.Count == 0 && _readyOpenCl.Count == 0) throw new InvalidOperationException("no package of the batch can start: its dependencies form a cycle");
    }

    /// <summary>Object the queue locks on; guards the ready queue.</summary>
    public object Gate => _ready;

    /// <summary>True while a ready package waits (call under <see cref="Gate"/>).</summary>
    public bool HasReady => _ready.Count > 0;

    /// <summary>Order of the best ready package (call under <see cref="Gate"/>).</summary>
    public int BestOrder => _ready.TryPeek(out _, out var p) ? p.Order : int.MaxValue;

    /// <summary>True while a package for the OpenCL devices waits (call under <see cref="Gate"/>).</summary>
    public bool HasReadyOpenCl => _readyOpenCl.Count > 0;

    /// <summary>Order of the best package waiting for an OpenCL device (call under <see cref="Gate"/>).</summary>
    public int BestOpenClOrder => _readyOpenCl.TryPeek(out _, out var p) ? p.Order : int.MaxValue;

    /// <summary>True once every package has executed or been drained.</summary>
    public bool IsDone => Volatile.Read(ref _remaining) == 0;

    private void Enqueue(WorkPackage package)
    {
        package.State = WorkPackageState.Scheduled;
        bool device = _routeOpenCl && package.OpenCl is { FallbackReason: null };
        (device ? _readyOpenCl : _ready).Enqueue(package, (package.Order, _sequence++));
    }

    /// <summary>Takes the best ready package (call under <see cref="Gate"/>).</summary>
    public WorkPackage? TakeReady() => _ready.TryDequeue(out var p, out _) ? p : null;

    /// <summary>Takes the best package waiting for an OpenCL device (call under <see cref="Gate"/>).</summary>
    public WorkPackage? TakeReadyOpenCl() => _readyOpenCl.TryDequeue(out var p, out _) ? p : null;

    /// <summary>
    /// Runs a package taken from a ready queue (with <paramref name="run"/> in place of its CPU
    /// work when given), then releases its dependents. Returns how many became ready.
    /// </summary>
    public int Execute(WorkPackage package, WorkerInfo worker, Action<WorkPackage, WorkerInfo>? run = null)
    {
        bool skip = Volatile.Read(ref _failure) is not null || _cancellation.IsCancellationRequested;
        if (!skip)
        {
            try
            {
                _observer?.Started(package, worker);
                if (run is null) package.Execute(worker);
                else run(package, worker);
                package.ExecutedOn = worker;
                _observer?.Finished(package, worker);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }

        int released = 0;
        lock (Gate)
        {
            package.State = WorkPackageState.Executed;
            foreach (var dependent in package.Dependents)
                if (dependent.State == WorkPackageState.NotScheduled && --dependent.PendingDependencies == 0)
                {
                    Enqueue(dependent);
                    released++;
                }
        }

        if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        return released;
    }

    /// <summary>Runs the whole batch on the calling thread, in order.</summary>
    public void RunInline()
    {
        var worker = new WorkerInfo("CPU", 0);
        while (true)
        {
            WorkPackage? next;
            lock (Gate) next = TakeReady();
            if (next is null) break;
            Execute(next, worker);
        }

        Finish();
    }

    /// <summary>Waits until the batch is done, then rethrows a failure or cancellation.</summary>
    public void Wait()
    {
        _done.Wait();
        Finish();
    }

    private void Finish()
    {
        if (!IsDone) throw new InvalidOperationException("the batch stopped with packages whose dependencies never ran");
        if (_failure is { } f) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(f).Throw();
        _cancellation.ThrowIfCancellationRequested();
    }
}
