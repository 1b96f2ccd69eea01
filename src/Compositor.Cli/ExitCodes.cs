namespace Compositor.Cli;

/// <summary>Process exit codes of the compositor command.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The render failed (an input could not be processed, out of memory, an I/O error while writing).</summary>
    public const int RenderFailed = 1;

    /// <summary>The graph is invalid, or the command line is wrong. Nothing was written.</summary>
    public const int InvalidGraphOrUsage = 2;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
