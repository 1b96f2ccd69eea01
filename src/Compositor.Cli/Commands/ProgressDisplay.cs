using System.Globalization;
using System.Text.Json;
using Compositor.Rendering;

namespace Compositor.Cli.Commands;

/// <summary>How <c>compositor render</c> shows progress (<c>--progress</c>).</summary>
public enum ProgressStyle
{
    /// <summary>No progress output.</summary>
    None,

    /// <summary>A bar redrawn in place on standard error (a terminal).</summary>
    Bar,

    /// <summary>A line on standard error at every tenth of the render (logs, redirected output).</summary>
    Plain,

    /// <summary>One JSON object per line on standard output, each with an "event" field.</summary>
    Json,
}

/// <summary>
/// Shows a render's progress as a terminal bar, plain lines or JSON lines. Reports arrive on worker
/// threads; output is serialized and the bar is redrawn at most every 100 ms.
/// </summary>
public sealed class ProgressDisplay : IProgress<RenderProgress>, IRenderEvents
{
    private readonly ProgressStyle _style;
    private readonly TextWriter _error;
    private readonly TextWriter _out;
    private readonly object _lock = new();
    private long _lastDraw;
    private int _lastTenth = -1;
    private int _lastDone;
    private bool _barDrawn;

    /// <summary>Creates a display writing to the console.</summary>
    public ProgressDisplay(ProgressStyle style) : this(style, Console.Out, Console.Error)
    {
    }

    /// <summary>Creates a display writing JSON to <paramref name="output"/> and the bar and lines to <paramref name="error"/>.</summary>
    public ProgressDisplay(ProgressStyle style, TextWriter output, TextWriter error)
    {
        _style = style;
        _out = output;
        _error = error;
    }

    /// <summary>The style for <c>--progress</c> <paramref name="value"/>: auto is a bar on a terminal, plain lines when standard error is redirected.</summary>
    public static ProgressStyle Parse(string? value) => value switch
    {
        "none" => ProgressStyle.None,
        "bar" => ProgressStyle.Bar,
        "plain" => ProgressStyle.Plain,
        "json" => ProgressStyle.Json,
        _ => Console.IsErrorRedirected ? ProgressStyle.Plain : ProgressStyle.Bar,
    };

    /// <summary>Writes one JSON line (<c>{"event": name, ...}</c>) when the style is JSON.</summary>
    public void WriteJson(string name, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        if (_style != ProgressStyle.Json) return;
        var line = new Dictionary<string, object?> { ["event"] = name };
        foreach (var (key, value) in fields) line[key] = value;
        lock (_lock) _out.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <inheritdoc />
    public void RenderStarted(RenderPlanSummary plan)
    {
        lock (_lock)
        {
            _lastTenth = -1;
            _lastDone = 0;
        }

        WriteJson("start", [
            new("model", plan.Model == Operations.ExecutionModel.Tiled ? "tiled" : "full-frame"),
            new("total", plan.TotalChunks),
            new("outputs", plan.Outputs.Select(o => new Dictionary<string, object> { ["name"] = o.Name, ["kind"] = o.Kind.ToString(), ["chunks"] = o.Chunks }).ToList()),
        ]);
    }

    /// <inheritdoc />
    public void Report(RenderProgress value)
    {
        // Reports come from several worker threads: one overtaken by a later report is stale.
        lock (_lock)
        {
            if (value.ChunksDone <= _lastDone) return;
            _lastDone = value.ChunksDone;
            switch (_style)
            {
                case ProgressStyle.Json:
                    WriteJson("chunk", [
                        new("done", value.ChunksDone), new("total", value.ChunksTotal), new("output", value.Output),
                        new("output_done", value.OutputChunksDone), new("output_total", value.OutputChunksTotal),
                        new("elapsed_s", Math.Round(value.Elapsed.TotalSeconds, 4)),
                        new("remaining_s", value.EstimatedRemaining is { } r ? Math.Round(r.TotalSeconds, 4) : null),
                    ]);
                    break;
                case ProgressStyle.Plain:
                    int tenth = (int)(value.Fraction * 10);
                    if (tenth <= _lastTenth) return;
                    _lastTenth = tenth;
                    _error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"progress: {tenth * 10,3}% ({value.ChunksDone}/{value.ChunksTotal} chunks, {value.Output}, {value.Elapsed.TotalSeconds:F2} s{Remaining(value)})"));
                    break;
                case ProgressStyle.Bar:
                    long now = Environment.TickCount64;
                    if (value.ChunksDone < value.ChunksTotal && now - _lastDraw < 100) return;
                    _lastDraw = now;
                    const int width = 30;
                    int filled = (int)(value.Fraction * width);
                    _error.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\r[{new string('#', filled)}{new string('-', width - filled)}] {value.Fraction * 100,3:F0}% {value.ChunksDone}/{value.ChunksTotal} {value.Output} {value.Elapsed.TotalSeconds:F1} s{Remaining(value)}   "));
                    _barDrawn = true;
                    break;
            }
        }
    }

    /// <summary>Ends the display after a render (the bar's line is closed).</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_barDrawn) _error.WriteLine();
            _barDrawn = false;
        }
    }

    private static string Remaining(RenderProgress value) =>
        value.EstimatedRemaining is { } r && value.ChunksDone < value.ChunksTotal
            ? string.Create(CultureInfo.InvariantCulture, $", ~{r.TotalSeconds:F1} s left")
            : "";
}
