using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// The buffer between a WriteBufferOperation and its ReadBufferOperations (Blender's MemoryProxy):
/// the producing group writes it chunk by chunk, readers in other groups read it. Allocated when the
/// producer's first chunk starts; freed when the last reading chunk and the last writing chunk have
/// finished (a writing chunk nobody reads may still be running when the readers are done).
/// </summary>
public sealed class MemoryProxy
{
    private readonly object _lock = new();
    private MemoryBuffer? _buffer;
    private int _pendingChunks;

    internal MemoryProxy(DataType type, Rect canvas)
    {
        Type = type;
        Canvas = canvas;
    }

    /// <summary>Element type.</summary>
    public DataType Type { get; }

    /// <summary>The area the buffer covers.</summary>
    public Rect Canvas { get; }

    /// <summary>The group that writes the buffer.</summary>
    public ExecutionGroup? Executor { get; internal set; }

    /// <summary>The buffer (allocated on first use).</summary>
    internal MemoryBuffer GetBuffer(BufferPool pool)
    {
        if (_buffer is { } b) return b;
        lock (_lock) return _buffer ??= MemoryBuffer.Create(Type, Canvas, pool);
    }

    /// <summary>Counts chunks that read or write the buffer; it lives until each has called <see cref="ChunkFinished"/>.</summary>
    internal void AddChunks(int count) => _pendingChunks += count;

    internal void ChunkFinished()
    {
        if (Interlocked.Decrement(ref _pendingChunks) == 0) Release();
    }

    internal void Release()
    {
        lock (_lock)
        {
            _buffer?.Dispose();
            _buffer = null;
        }
    }
}

/// <summary>Writes its input into a <see cref="MemoryProxy"/>: the root of a buffered group (tiled model).</summary>
public sealed class WriteBufferOperation : NodeOperation
{
    internal WriteBufferOperation(NodeOperation producer) : base(null)
    {
        var input = AddInput(producer.OutputType!.Value, ResizeMode.None);
        input.Link = producer;
        Canvas = producer.Canvas;
        Proxy = new MemoryProxy(producer.OutputType!.Value, producer.Canvas);
        Label = producer.Label + ":write";
    }

    /// <summary>The buffer it fills.</summary>
    public MemoryProxy Proxy { get; }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context) =>
        throw new InvalidOperationException("the group writes a proxy's producer straight into the proxy buffer");
}

/// <summary>Reads a <see cref="MemoryProxy"/> filled by another group: a leaf of a group (tiled model).</summary>
public sealed class ReadBufferOperation : NodeOperation
{
    internal ReadBufferOperation(MemoryProxy proxy) : base(proxy.Type)
    {
        Proxy = proxy;
        Canvas = proxy.Canvas;
    }

    /// <summary>The buffer it reads.</summary>
    public MemoryProxy Proxy { get; }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context) =>
        throw new InvalidOperationException("a read buffer hands out its proxy's buffer; it computes nothing");
}
