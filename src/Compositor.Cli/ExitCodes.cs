using Compositor.Execution;
using Compositor.Graph;
using Compositor.Rendering;

namespace Compositor.Cli;

/// <summary>
/// Process exit codes of the compositor command. Each failure class has its own code so a farm
/// scheduler can tell a bad job (don't retry) from a bad machine (retry elsewhere); README lists them.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done (every frame rendered or skipped).</summary>
    public const int Success = 0;

    /// <summary>The render failed for another reason (a bug, an unexpected error); the message says what.</summary>
    public const int RenderFailed = 1;

    /// <summary>The graph is invalid, or the command line is wrong. Nothing was written.</summary>
    public const int InvalidGraphOrUsage = 2;

    /// <summary>An input file (image, sequence frame) is missing, unreadable, corrupt or over the input size limits.</summary>
    public const int InputFailed = 3;

    /// <summary>The render needs more memory than <c>--max-memory</c> allows (or the machine ran out).</summary>
    public const int MemoryLimit = 4;

    /// <summary>A frame ran past <c>--time-limit</c>.</summary>
    public const int TimeLimit = 5;

    /// <summary>A compute device (OpenCL, GPU) failed; the job may succeed on another machine.</summary>
    public const int DeviceFailed = 6;

    /// <summary>An output could not be written (disk full, read-only or missing folder, permissions); no partial file is left.</summary>
    public const int OutputFailed = 7;

    /// <summary>Cancelled by SIGINT (Ctrl+C): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Cancelled by SIGTERM (<c>kill</c>, <c>scancel</c>, a pod stop): 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The exit code for a failed render (cancellation is decided by the caller, which knows the signal).</summary>
    public static int For(Exception failure) => failure switch
    {
        InputFileException => InputFailed,
        GraphException or NotSupportedException => InvalidGraphOrUsage,
        OutOfMemoryException => MemoryLimit, // InsufficientMemoryException (the budget) included
        RenderTimeoutException => TimeLimit,
        DeviceException => DeviceFailed,
        OperationCanceledException => Cancelled,
        IOException or UnauthorizedAccessException => OutputFailed,
        _ => RenderFailed,
    };
}
