using Compositor.Execution;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Rendering;

/// <summary>
/// Receives what happens inside a render, as it happens (set <see cref="RenderOptions.Events"/>).
/// Chunk events are called on the worker thread that ran the chunk, several at once: keep them
/// short and thread-safe. Every member has an empty default, so implement only what you need.
/// Nothing is allocated per chunk for a render that has no listener.
/// </summary>
public interface IRenderEvents
{
    /// <summary>Execution starts: the outputs in execution order and the packages each needs.</summary>
    void RenderStarted(RenderPlanSummary plan)
    {
    }

    /// <summary>A package (a chunk of an execution group, or a strip of an operation) starts on a device thread.</summary>
    void ChunkStarted(in ChunkEvent chunk)
    {
    }

    /// <summary>A package finished (not called for a package that threw).</summary>
    void ChunkFinished(in ChunkEvent chunk)
    {
    }

    /// <summary>
    /// Part of an output's image was just written (progressive results, for viewers). The image is
    /// live: read <see cref="OutputUpdate.Area"/> during the call, do not keep the buffer.
    /// </summary>
    void OutputUpdated(in OutputUpdate update)
    {
    }
}

/// <summary>One output of a render plan.</summary>
/// <param name="Name">The output node's name.</param>
/// <param name="Kind">Composite, Viewer or File Output.</param>
/// <param name="Canvas">The output's size.</param>
/// <param name="Chunks">Packages computed while this output runs.</param>
public sealed record OutputPlan(string Name, OutputKind Kind, Rect Canvas, int Chunks);

/// <summary>What a render is about to execute.</summary>
/// <param name="Model">The execution model.</param>
/// <param name="Outputs">Outputs in execution order.</param>
public sealed record RenderPlanSummary(ExecutionModel Model, IReadOnlyList<OutputPlan> Outputs)
{
    /// <summary>Packages in the whole render.</summary>
    public int TotalChunks => Outputs.Sum(o => o.Chunks);
}

/// <summary>A package starting or finishing on a device thread.</summary>
/// <param name="Sequence">Execution order within the render: 0 for the first package started.</param>
/// <param name="Output">The output being computed when the package ran.</param>
/// <param name="Kind">Chunk (tiled) or strip (full frame).</param>
/// <param name="Group">The execution group (tiled) or operation (full frame) it belongs to.</param>
/// <param name="ChunkIndex">Index of the chunk within its group, or of the strip.</param>
/// <param name="Area">The rectangle it computes (rows bottom-up, as buffers).</param>
/// <param name="Device">The device that ran it ("CPU", …).</param>
/// <param name="Thread">The device's worker thread index.</param>
/// <param name="Start">When it started, since execution began.</param>
/// <param name="Duration">How long it ran (zero in <see cref="IRenderEvents.ChunkStarted"/>).</param>
/// <param name="WritesOutput">True when it writes the output's image itself (the output's own group or operation).</param>
public readonly record struct ChunkEvent(
    int Sequence,
    string Output,
    WorkPackageKind Kind,
    string Group,
    int ChunkIndex,
    Rect Area,
    string Device,
    int Thread,
    TimeSpan Start,
    TimeSpan Duration,
    bool WritesOutput);

/// <summary>An output's image after one more of its chunks was written.</summary>
/// <param name="Output">The output node's name.</param>
/// <param name="Kind">Composite, Viewer or File Output.</param>
/// <param name="Image">The output's image so far: linear, premultiplied, rows bottom-up. Live; only valid during the call. Only the areas written so far hold pixels (the rest is undefined until written).</param>
/// <param name="Area">The part just written.</param>
/// <param name="ChunksDone">Chunks of the output's own group (or strips of the output operation) written so far.</param>
/// <param name="ChunksTotal">All of them.</param>
public readonly record struct OutputUpdate(string Output, OutputKind Kind, MemoryBuffer Image, Rect Area, int ChunksDone, int ChunksTotal);

/// <summary>Helpers for <see cref="IRenderEvents"/>.</summary>
public static class RenderEvents
{
    /// <summary>One listener that forwards every event to each of <paramref name="listeners"/> in turn (nulls skipped); null when none is left.</summary>
    public static IRenderEvents? Combine(params IRenderEvents?[] listeners)
    {
        var list = listeners.OfType<IRenderEvents>().ToArray();
        return list.Length switch { 0 => null, 1 => list[0], _ => new FanOut(list) };
    }

    private sealed class FanOut(IRenderEvents[] listeners) : IRenderEvents
    {
        public void RenderStarted(RenderPlanSummary plan)
        {
            foreach (var l in listeners) l.RenderStarted(plan);
        }

        public void ChunkStarted(in ChunkEvent chunk)
        {
            foreach (var l in listeners) l.ChunkStarted(chunk);
        }

        public void ChunkFinished(in ChunkEvent chunk)
        {
            foreach (var l in listeners) l.ChunkFinished(chunk);
        }

        public void OutputUpdated(in OutputUpdate update)
        {
            foreach (var l in listeners) l.OutputUpdated(update);
        }
    }
}
