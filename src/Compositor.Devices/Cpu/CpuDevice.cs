#if !COMPOSITOR_SINGLE_THREADED
using Compositor.Execution;

namespace Compositor.Devices;

/// <summary>A CPU worker (Blender's CPUDevice): one thread that takes ready packages from the shared queue and runs them.</summary>
internal sealed class CpuDevice
{
    private readonly WorkQueue _queue;
    private readonly Thread _thread;
    private readonly WorkerInfo _info;

    public CpuDevice(int index, WorkQueue queue)
    {
        _queue = queue;
        _info = new WorkerInfo("CPU", index);
        _thread = new Thread(Loop) { IsBackground = true, Name = $"Compositor CPU {index}" };
        _thread.Start();
    }

    private void Loop()
    {
        while (_queue.Take() is { } work)
        {
            if (work.Batch.Execute(work.Package, _info) > 0 || work.Batch.IsDone) _queue.Notify();
        }
    }

    public void Join() => _thread.Join();
}
#endif
