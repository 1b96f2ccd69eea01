using Compositor.Operations;
using Microsoft.Extensions.Logging;

namespace Compositor.Rendering;

/// <summary>The renderer's log messages (source-generated: no formatting cost when the level is off).</summary>
internal static partial class RendererLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "compiled {Operations} operations in {Seconds:F4} s; executing {Model}")]
    public static partial void Compiled(ILogger logger, int operations, double seconds, ExecutionModel model);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "rendered in {Seconds:F4} s: {Packages} packages, peak buffers {PeakBytes} bytes")]
    public static partial void Rendered(ILogger logger, double seconds, int packages, long peakBytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "render cancelled after {Seconds:F4} s; every buffer released")]
    public static partial void Cancelled(ILogger logger, double seconds);
}
