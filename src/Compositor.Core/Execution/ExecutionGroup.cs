using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// A part of the operation graph executed chunk by chunk (tiled model): a root (an output or a
/// WriteBufferOperation), the operations it pulls, and the ReadBufferOperations and constants at
/// its leaves. Either one complex operation or a chain of simple ones.
/// </summary>
public sealed class ExecutionGroup
{
    internal ExecutionGroup(int index, NodeOperation root, List<NodeOperation> members)
    {
        Index = index;
        Root = root;
        Members = members;
        Producer = root is WriteBufferOperation w ? w.Inputs[0].Link! : root;
        Area = Producer.Canvas;
        IsComplex = members.Any(m => m.Has(OperationFlags.Complex));
        IsSingleThreaded = members.Any(m => m.Has(OperationFlags.SingleThreaded));
        IsOpenCl = IsComplex && members.Any(m => m.Has(OperationFlags.Complex) && m.Has(OperationFlags.OpenCl));
    }

    /// <summary>Position in the plan.</summary>
    public int Index { get; }

    /// <summary>The output or write buffer the group fills.</summary>
    public NodeOperation Root { get; }

    /// <summary>The operation whose result the root stores (the root itself for outputs).</summary>
    public NodeOperation Producer { get; }

    /// <summary>Members in dependency order; the last is <see cref="Producer"/>. Read buffers and constants included.</summary>
    public IReadOnlyList<NodeOperation> Members { get; }

    /// <summary>
    /// The area the group computes: the producer's canvas, or for a single-threaded (whole-image)
    /// group the part of it its readers need, as the full-frame model renders it.
    /// </summary>
    public Rect Area { get; internal set; }

    /// <summary>True when the group's operation is complex.</summary>
    public bool IsComplex { get; }

    /// <summary>True when the group must be computed in one chunk.</summary>
    public bool IsSingleThreaded { get; }

    /// <summary>True when the group's complex operation has an OpenCL kernel.</summary>
    public bool IsOpenCl { get; }

    /// <summary>Chunk edge in pixels.</summary>
    public int ChunkSize { get; internal set; }

    /// <summary>Chunks along x.</summary>
    public int ChunksX { get; internal set; }

    /// <summary>Chunks along y.</summary>
    public int ChunksY { get; internal set; }

    /// <summary>The chunk packages, by chunk index.</summary>
    public IReadOnlyList<WorkPackage> Chunks { get; internal set; } = [];

    /// <summary>The rectangle of chunk <paramref name="index"/> (row-major from the bottom), clamped to the area.</summary>
    public Rect ChunkRect(int index)
    {
        if (IsSingleThreaded) return Area;
        int cx = index % ChunksX, cy = index / ChunksX;
        int x0 = Area.XMin + cx * ChunkSize, y0 = Area.YMin + cy * ChunkSize;
        return new Rect(x0, y0, Math.Min(x0 + ChunkSize, Area.XMax), Math.Min(y0 + ChunkSize, Area.YMax));
    }

    /// <summary>Indices of the chunks that overlap <paramref name="area"/>.</summary>
    public IEnumerable<int> ChunksCovering(Rect area)
    {
        area = area.Intersect(Area);
        if (area.IsEmpty) yield break;
        if (IsSingleThreaded)
        {
            yield return 0;
            yield break;
        }

        int x0 = (area.XMin - Area.XMin) / ChunkSize, x1 = (area.XMax - 1 - Area.XMin) / ChunkSize;
        int y0 = (area.YMin - Area.YMin) / ChunkSize, y1 = (area.YMax - 1 - Area.YMin) / ChunkSize;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
                yield return y * ChunksX + x;
    }

    /// <inheritdoc />
    public override string ToString() => $"group {Index} ({Producer.Label}{(IsComplex ? ", complex" : "")}) {Area}";
}
