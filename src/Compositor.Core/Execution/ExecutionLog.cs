using Microsoft.Extensions.Logging;

namespace Compositor.Execution;

/// <summary>Log messages of the execution models (source-generated).</summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "OpenCL: {Owner} runs on the CPU: {Reason}")]
    public static partial void OpenClFallback(ILogger logger, string owner, string reason);
}
