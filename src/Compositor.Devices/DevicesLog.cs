using Microsoft.Extensions.Logging;

namespace Compositor.Devices;

/// <summary>Log messages of the scheduler and devices (source-generated).</summary>
internal static partial class DevicesLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "work scheduler: {Model}, {Threads} thread(s), OpenCL devices: {Devices}")]
    public static partial void SchedulerCreated(ILogger logger, ThreadingModel model, int threads, string devices);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "OpenCL: {Owner} falls back to the CPU: {Reason}")]
    public static partial void OpenClFallback(ILogger logger, string owner, string reason);
}
