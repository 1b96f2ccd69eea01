#if !COMPOSITOR_SINGLE_THREADED
using Compositor.Devices.OpenCl.Native;
using Compositor.Execution;
using Microsoft.Extensions.Logging;

namespace Compositor.Devices.OpenCl;

/// <summary>
/// An OpenCL device in the scheduler (Blender's OpenCLDevice): one host thread that takes the
/// packages bound for OpenCL from the shared queue and runs them on its device, in order. A package
/// whose execution cannot run there (the program does not build, memory runs out) falls back to the
/// CPU: the reason is logged and recorded for the render's statistics, this package runs on this
/// thread's CPU, and the execution's other packages go to the CPU workers.
/// </summary>
internal sealed class OpenClDevice
{
    private readonly WorkQueue _queue;
    private readonly Thread _thread;
    private readonly WorkerInfo _info;
    private readonly ILogger _logger;
    private readonly OpenClDeviceInfo _device;
    private OpenClContext? _context;
    private string? _contextError;

    public OpenClDevice(OpenClDeviceInfo device, int index, WorkQueue queue, ILogger logger)
    {
        _device = device;
        _queue = queue;
        _logger = logger;
        _info = new WorkerInfo($"OpenCL {device.Name}", index);
        _thread = new Thread(Loop) { IsBackground = true, Name = $"Compositor OpenCL {index}" };
        _thread.Start();
    }

    private void Loop()
    {
        while (_queue.TakeOpenCl() is { } work)
            if (work.Batch.Execute(work.Package, _info, Run) > 0 || work.Batch.IsDone) _queue.Notify();
    }

    private void Run(WorkPackage package, WorkerInfo worker)
    {
        var work = package.OpenCl!;
        if (work.FallbackReason is null)
        {
            try
            {
                var context = Context();
                work.RunOnDevice(package, () =>
                {
                    lock (context.Gate)
                    {
                        var execution = work.DeviceState(context, () => new OpenClExecution(context, work));
                        execution.Run(package.Area);
                    }
                });
                work.RanOn(_info.Device);
                return;
            }
            catch (OpenClException e)
            {
                if (work.FallBack($"{_info.Device}: {e.Message}"))
                    DevicesLog.OpenClFallback(_logger, work.Owner, e.Message);
            }
        }

        package.Execute(worker);
    }

    private OpenClContext Context()
    {
        if (_context is { } c) return c;
        if (_contextError is { } error) throw new OpenClException("clCreateContext", -2, error);
        try
        {
            return _context = OpenClContext.For(_device);
        }
        catch (OpenClException e)
        {
            _contextError = e.Message;
            throw;
        }
    }

    public void Join() => _thread.Join();
}
#endif
