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

    /// <summary>
    /// Most bytes of intermediate buffers alive at once, checked before each allocation; 0: no limit.
    /// An input image must also decode within it (checked from the file's header before decoding).
    /// Going over fails the render with an <see cref="InsufficientMemoryException"/>.
    /// </summary>
    public long MemoryBudgetBytes { get; init; }

    /// <summary>
    /// Size limits for input images (width, height, pixels), checked from each file's header before
    /// decoding; null: <see cref="Codecs.ImageReadOptions.Default"/>. An image over them fails the
    /// render with an <see cref="Graph.InputFileException"/>.
    /// </summary>
    public Codecs.ImageReadOptions? InputLimits { get; init; }

    /// <summary>
    /// Longest a render may run (compile, execute, outputs); null: no limit. Past it the render stops
    /// at the next work package with a <see cref="RenderTimeoutException"/> and writes nothing.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

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

    /// <summary>Where operations with OpenCL kernels run (default: the graph's <c>use_opencl</c>).</summary>
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

/// <summary>Which device kind runs the operations that have OpenCL kernels.</summary>
public enum RenderDevice
{
    /// <summary>
    /// The graph's <c>use_opencl</c> decides; when OpenCL is wanted but no device can run it, the
    /// operations run on the CPU and the render logs and reports why.
    /// </summary>
    Auto,

    /// <summary>Everything on the CPU.</summary>
    Cpu,

    /// <summary>
    /// Operations with kernels run on the scheduler's OpenCL devices whatever the graph says; a
    /// render fails with <see cref="Execution.DeviceException"/> when the scheduler has none.
    /// </summary>
    OpenCl,
}
