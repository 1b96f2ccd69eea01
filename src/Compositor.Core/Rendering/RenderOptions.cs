using Compositor.Operations;

namespace Compositor.Rendering;

/// <summary>How to render a graph. Unset values come from the graph's settings.</summary>
public sealed record RenderOptions
{
    /// <summary>The execution model; null: the graph's <c>execution_mode</c>.</summary>
    public ExecutionModel? Model { get; init; }

    /// <summary>Tile edge for the tiled model; null: the graph's <c>chunk_size</c>.</summary>
    public int? ChunkSize { get; init; }

    /// <summary>Rendering (Composite and File Output run) or editing (the active Viewer runs first).</summary>
    public bool Rendering { get; init; } = true;

    /// <summary>Most bytes of buffers alive at once; 0: no limit.</summary>
    public long MemoryBudgetBytes { get; init; }

    /// <summary>Frame to render; null: the graph's <c>frame_current</c>.</summary>
    public int? Frame { get; init; }

    /// <summary>
    /// Where relative File Output paths (<c>base_path</c>) are written; null: relative to the graph
    /// file's folder. Absolute paths are used as they are.
    /// </summary>
    public string? FileOutputDirectory { get; init; }

    /// <summary>
    /// Fuse chains of pixel-wise operations into one pass per row (default). Off runs every
    /// operation on its own buffers; the results are the same.
    /// </summary>
    public bool FusePixelOperations { get; init; } = true;
}
