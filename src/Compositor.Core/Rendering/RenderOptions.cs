using Compositor.Imaging;
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

    /// <summary>Which devices may run the render; <see cref="RenderDevice.Auto"/>: what the scheduler has.</summary>
    public RenderDevice Device { get; init; } = RenderDevice.Auto;

    /// <summary>
    /// Where intermediate buffers come from; null: a pool of its own per render, limited to
    /// <see cref="MemoryBudgetBytes"/>. Give several renders one pool to share one budget (the
    /// statistics then report the pool's peak).
    /// </summary>
    public BufferPool? BufferPool { get; init; }

    /// <summary>Told when each package starts and finishes and when outputs change (traces, debug views, viewers).</summary>
    public IRenderEvents? Events { get; init; }
}

/// <summary>The devices a render may use.</summary>
public enum RenderDevice
{
    /// <summary>Whatever the scheduler offers (CPU threads, and OpenCL devices where the scheduler has them).</summary>
    Auto,

    /// <summary>CPU worker threads only.</summary>
    Cpu,

    /// <summary>OpenCL devices for the groups that have kernels.</summary>
    OpenCl,
}
