using Compositor.Imaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compositor.Operations;

/// <summary>Which execution model runs a render.</summary>
public enum ExecutionModel
{
    /// <summary>Every operation rendered once over its needed area, in strips (Blender's FULL_FRAME).</summary>
    FullFrame,

    /// <summary>ExecutionGroups rendered chunk by chunk, buffered around complex operations (Blender's TILED).</summary>
    Tiled,
}

/// <summary>Blender's quality setting, used by blur-type operations to skip samples.</summary>
public enum RenderQuality
{
    /// <summary>Every sample.</summary>
    High,

    /// <summary>Every second sample.</summary>
    Medium,

    /// <summary>Every fourth sample.</summary>
    Low,
}

/// <summary>What an operation may use while it executes: memory, cancellation, settings, logging.</summary>
public sealed class RenderContext
{
    /// <summary>Creates a context.</summary>
    public RenderContext(BufferPool? pool = null, CancellationToken cancellation = default, ILogger? logger = null)
    {
        Pool = pool ?? new BufferPool();
        Cancellation = cancellation;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Where buffers come from.</summary>
    public BufferPool Pool { get; }

    /// <summary>Signals that the render should stop.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The execution model in use.</summary>
    public ExecutionModel Model { get; init; } = ExecutionModel.FullFrame;

    /// <summary>Quality (Blender's render_quality).</summary>
    public RenderQuality Quality { get; init; } = RenderQuality.High;

    /// <summary>
    /// Threads the render's scheduler runs work on: an operation that runs as one package (a
    /// whole-image algorithm) may split its own work over this many threads.
    /// </summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Logger for operations.</summary>
    public ILogger Logger { get; }
}
