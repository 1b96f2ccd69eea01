using Microsoft.Extensions.Logging;

namespace Compositor.Cli.Commands;

/// <summary>Console logging for the CLI: warnings by default, debug with --verbose; to standard error.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        builder.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = null;
        });
        builder.AddFilter("Microsoft", LogLevel.Warning);
    });
}
