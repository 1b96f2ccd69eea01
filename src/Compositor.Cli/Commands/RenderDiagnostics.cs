using Compositor.Rendering;
using Compositor.Rendering.Diagnostics;

namespace Compositor.Cli.Commands;

/// <summary>What <c>compositor render</c> shows and records about each render: progress, <c>--trace</c>, <c>--debug-tiles</c>.</summary>
/// <param name="progress">How progress is shown.</param>
/// <param name="tracePath">Where <c>--trace</c> writes, or null.</param>
/// <param name="debugTilesPath">Where <c>--debug-tiles</c> writes, or null.</param>
public sealed class RenderDiagnostics(ProgressStyle progress, string? tracePath, string? debugTilesPath)
{
    private ChromeTraceRecorder? _trace;
    private DebugTilesRecorder? _tiles;

    /// <summary>The progress display.</summary>
    public ProgressDisplay Progress { get; } = new(progress);

    /// <summary>The listeners of the current run.</summary>
    public IRenderEvents? Events { get; private set; }

    /// <summary>Starts recording a new run (with <c>--repeat</c> the files show the last).</summary>
    public void StartRun()
    {
        _trace = tracePath is null ? null : new ChromeTraceRecorder();
        _tiles = debugTilesPath is null ? null : new DebugTilesRecorder();
        Events = RenderEvents.Combine(Progress, _trace, _tiles);
    }

    /// <summary>Writes the trace and the debug-tiles image (of the Composite output) of the last run.</summary>
    public void Write(RenderResult result)
    {
        _trace?.Write(tracePath!);
        if (_tiles is null) return;
        var composite = result.Outputs.First(o => o.Kind == Operations.OutputKind.Composite);
        _tiles.Write(debugTilesPath!, composite.NodeName, composite.Image);
    }
}
