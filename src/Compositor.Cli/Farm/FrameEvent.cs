using System.Globalization;
using System.Text.Json;
using Compositor.Rendering;

namespace Compositor.Cli.Farm;

/// <summary>What happened to one frame.</summary>
public enum FrameStatus
{
    /// <summary>Rendered and written.</summary>
    Done,

    /// <summary>Not rendered: its output exists and <c>--skip-existing</c> was given.</summary>
    Skipped,

    /// <summary>The render or the write failed (or was cancelled); nothing was written for it.</summary>
    Failed,
}

/// <summary>One frame's outcome, as <c>--progress json</c> prints it.</summary>
/// <param name="Frame">The scene frame.</param>
/// <param name="Status">What happened.</param>
/// <param name="Output">The file the frame is (or would have been) written to.</param>
/// <param name="Seconds">Render and write time (0 when skipped).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ExitCode">The exit code the failure maps to.</param>
/// <param name="Statistics">The last render's statistics (done frames).</param>
public sealed record FrameEvent(int Frame, FrameStatus Status, string Output, double Seconds, string? Error = null, int? ExitCode = null,
    RenderStatistics? Statistics = null)
{
    /// <summary>
    /// One line of JSON: <c>{"event":"frame","frame":N,"status":"done|skipped|failed","output":...,"seconds":...}</c>,
    /// with <c>"error"</c> and <c>"exit_code"</c> on failures.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("event", "frame");
            json.WriteNumber("frame", Frame);
            json.WriteString("status", Status.ToString().ToLowerInvariant());
            json.WriteString("output", Output);
            json.WriteNumber("seconds", Math.Round(Seconds, 4));
            if (Error is not null) json.WriteString("error", Error);
            if (ExitCode is { } code) json.WriteNumber("exit_code", code);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One line for people: <c>frame 12: done out_0012.exr (0.53 s)</c>.</summary>
    public string ToText() => Status switch
    {
        FrameStatus.Done => string.Create(CultureInfo.InvariantCulture, $"frame {Frame}: done {Output} ({Seconds:F2} s)"),
        FrameStatus.Skipped => $"frame {Frame}: skipped, {Output} exists",
        _ => $"frame {Frame}: failed: {Error}",
    };
}
