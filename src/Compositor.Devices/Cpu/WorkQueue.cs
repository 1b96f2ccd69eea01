#if !COMPOSITOR_SINGLE_THREADED
namespace Compositor.Devices;

/// <summary>
/// The shared queue CPU workers (and OpenCL devices) pull from: the batches in flight, each with its own ready packages.
/// A worker takes the best ready package over all batches.
/// </summary>
internal sealed class WorkQueue
{
    private readonly List<BatchState> _batches = [];
    private bool _closed;

    public void Add(BatchState batch)
    {
        lock (_batches)
        {
            _batches.Add(batch);
            Monitor.PulseAll(_batches);
        }
    }

    /// <summary>Blocks until a package is ready for a CPU worker (or the queue closes: null).</summary>
    public (BatchState Batch, Execution.WorkPackage Package)? Take() => Take(openCl: false);

    /// <summary>Blocks until a package is ready for an OpenCL device (or the queue closes: null).</summary>
    public (BatchState Batch, Execution.WorkPackage Package)? TakeOpenCl() => Take(openCl: true);

    private (BatchState Batch, Execution.WorkPackage Package)? Take(bool openCl)
    {
        lock (_batches)
        {
            while (true)
            {
                if (_closed) return null;
                BatchState? best = null;
                int bestOrder = int.MaxValue;
                for (int i = _batches.Count - 1; i >= 0; i--)
                {
                    var b = _batches[i];
                    if (b.IsDone) { _batches.RemoveAt(i); continue; }
                    lock (b.Gate)
                    {
                        bool has = openCl ? b.HasReadyOpenCl : b.HasReady;
                        int order = openCl ? b.BestOpenClOrder : b.BestOrder;
                        if (has && (best is null || order <= bestOrder)) { best = b; bestOrder = order; }
                    }
                }

                if (best is not null)
                {
                    Execution.WorkPackage? package;
                    lock (best.Gate) package = openCl ? best.TakeReadyOpenCl() : best.TakeReady();
                    if (package is not null) return (best, package);
                    continue;
                }

                Monitor.Wait(_batches);
            }
        }
    }

    /// <summary>Wakes workers after packages became ready.</summary>
    public void Notify()
    {
        lock (_batches) Monitor.PulseAll(_batches);
    }

    public void Close()
    {
        lock (_batches)
        {
            _closed = true;
            Monitor.PulseAll(_batches);
        }
    }
}
#endif
