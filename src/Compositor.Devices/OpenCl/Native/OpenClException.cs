using Compositor.Execution;

namespace Compositor.Devices.OpenCl.Native;

/// <summary>An OpenCL call failed: names the call and the CL error (and, for builds, the build log).</summary>
public sealed class OpenClException : DeviceException
{
    /// <summary>Creates the exception for <paramref name="call"/> returning <paramref name="status"/>.</summary>
    public OpenClException(string call, int status, string? detail = null)
        : base($"{call} failed: {Cl.ErrorName(status)} ({status}){(detail is null ? "" : ": " + detail)}")
    {
        Call = call;
        Status = status;
    }

    /// <summary>The OpenCL function that failed.</summary>
    public string Call { get; }

    /// <summary>The CL status code.</summary>
    public int Status { get; }
}
