using System.Text.Json;
using Compositor.Execution;

namespace Compositor.Rendering.Diagnostics;

/// <summary>
/// Records every package of a render and writes them in the Chrome trace event format, which
/// Perfetto (ui.perfetto.dev) and chrome://tracing display: one row per device thread, one bar per
/// chunk or strip, named by its execution group or operation. Use one recorder per render.
/// </summary>
public sealed class ChromeTraceRecorder : IRenderEvents
{
    private readonly List<ChunkEvent> _chunks = [];
    private RenderPlanSummary? _plan;

    /// <summary>The packages recorded so far, in the order they finished.</summary>
    public IReadOnlyList<ChunkEvent> Chunks
    {
        get
        {
            lock (_chunks) return _chunks.ToList();
        }
    }

    /// <inheritdoc />
    public void RenderStarted(RenderPlanSummary plan) => _plan = plan;

    /// <inheritdoc />
    public void ChunkFinished(in ChunkEvent chunk)
    {
        lock (_chunks) _chunks.Add(chunk);
    }

    /// <summary>Writes the trace to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        using var stream = File.Create(path);
        Write(stream);
    }

    /// <summary>Writes the trace as JSON to <paramref name="stream"/>.</summary>
    public void Write(Stream stream)
    {
        var chunks = Chunks.OrderBy(c => c.Sequence).ToList();
        var threads = chunks.Select(c => (c.Device, c.Thread)).Distinct().OrderBy(t => t.Device, StringComparer.Ordinal).ThenBy(t => t.Thread).ToList();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartArray("traceEvents");
        Metadata(json, "process_name", 0, "name", "Compositor render" + (_plan is { } p ? $" ({p.Model})" : ""));
        for (int t = 0; t < threads.Count; t++)
        {
            Metadata(json, "thread_name", t, "name", $"{threads[t].Device} {threads[t].Thread}");
            Metadata(json, "thread_sort_index", t, "sort_index", t);
        }

        foreach (var c in chunks)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Group);
            json.WriteString("cat", c.Kind == WorkPackageKind.Chunk ? "chunk" : "strip");
            json.WriteString("ph", "X");
            json.WriteNumber("ts", Math.Round(c.Start.TotalMicroseconds, 3));
            json.WriteNumber("dur", Math.Round(c.Duration.TotalMicroseconds, 3));
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", threads.IndexOf((c.Device, c.Thread)));
            json.WriteStartObject("args");
            json.WriteString("output", c.Output);
            json.WriteNumber("chunk", c.ChunkIndex);
            json.WriteNumber("order", c.Sequence);
            json.WriteString("area", $"x {c.Area.XMin}..{c.Area.XMax}, y {c.Area.YMin}..{c.Area.YMax}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter json, string name, int tid, string key, object value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        if (value is int i) json.WriteNumber(key, i);
        else json.WriteString(key, value.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
