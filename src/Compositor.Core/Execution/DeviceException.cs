namespace Compositor.Execution;

/// <summary>
/// A compute device (an OpenCL queue, a GPU) failed while rendering: lost, out of its own memory, or
/// its driver reported an error. The graph and its inputs may be fine; the same render can succeed on
/// another device or machine, so farm schedulers should retry it elsewhere.
/// </summary>
public class DeviceException : Exception
{
    /// <summary>Creates the error for <paramref name="device"/>.</summary>
    public DeviceException(string message, string? device = null, Exception? inner = null)
        : base(device is null ? message : $"{device}: {message}", inner)
    {
        Device = device;
    }

    /// <summary>The device that failed, as its name reads (null when unknown).</summary>
    public string? Device { get; }
}
