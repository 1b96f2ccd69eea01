using System.Runtime.CompilerServices;

namespace Compositor.Imaging;

/// <summary>
/// A rectangle of interleaved float pixels (1, 3 or 4 channels), possibly not at the origin; or a
/// single element that reads the same at every coordinate (constants). Rows are contiguous:
/// element (x, y) starts at <c>(y - YMin) * RowStride + (x - XMin) * Channels</c>.
/// </summary>
public sealed class MemoryBuffer : IDisposable
{
    private float[]? _data;
    private readonly BufferPool? _pool;
    private readonly int _length;
    private bool _recycle;

    private MemoryBuffer(DataType type, Rect rect, float[] data, int length, BufferPool? pool, bool single)
    {
        Type = type;
        Rect = rect;
        _data = data;
        _length = length;
        _pool = pool;
        IsSingleElement = single;
    }

    /// <summary>Allocates a buffer covering <paramref name="rect"/> (contents undefined unless <paramref name="clear"/>).</summary>
    /// <exception cref="InsufficientMemoryException">The rectangle is too large for one array, or over the pool's budget.</exception>
    public static MemoryBuffer Create(DataType type, Rect rect, BufferPool? pool = null, bool clear = false)
    {
        int length = Length(type, rect);
        float[] data = pool is null ? new float[Math.Max(length, 1)] : pool.Rent(Math.Max(length, 1));
        if (clear && pool is not null) Array.Clear(data, 0, length);
        return new MemoryBuffer(type, rect, data, Math.Max(length, 1), pool, single: false);
    }

    /// <summary>
    /// Allocates a buffer the caller keeps after the render (an output's result): not pooled, but its
    /// bytes count against <paramref name="budget"/>'s memory budget, checked before allocating.
    /// Disposing it lets a later result of the same size reuse its memory (zeroed again unless
    /// <paramref name="clear"/> is false: clearing mapped memory costs far less than faulting in
    /// fresh pages; without clearing, reused memory holds an earlier result's pixels).
    /// </summary>
    /// <exception cref="InsufficientMemoryException">Too large for one array, or over the budget.</exception>
    public static MemoryBuffer CreateOwned(DataType type, Rect rect, BufferPool? budget, bool clear = true)
    {
        int length = Math.Max(Length(type, rect), 1);
        budget?.Charge((long)length * sizeof(float));
        if (length < LargeArrays.MinLength) return new MemoryBuffer(type, rect, new float[length], length, null, single: false);
        var data = LargeArrays.Rent(length);
        if (clear) Array.Clear(data);
        return new MemoryBuffer(type, rect, data, length, null, single: false) { _recycle = true };
    }

    private static int Length(DataType type, Rect rect)
    {
        long length = rect.Area * type.Channels();
        if (length > Array.MaxLength)
            throw new InsufficientMemoryException($"a {rect.Width}x{rect.Height} buffer of {type.Channels()} channels is too large to allocate ({length * 4L / 1048576} MiB in one array)");
        return (int)length;
    }

    /// <summary>A single-element buffer: every coordinate reads <paramref name="value"/>.</summary>
    public static MemoryBuffer CreateSingleElement(DataType type, ReadOnlySpan<float> value, Rect rect)
    {
        var data = new float[type.Channels()];
        value[..data.Length].CopyTo(data);
        return new MemoryBuffer(type, rect, data, data.Length, null, single: true);
    }

    /// <summary>Wraps an existing array holding exactly <paramref name="rect"/> (no copy, not pooled).</summary>
    public static MemoryBuffer Wrap(DataType type, Rect rect, float[] data)
    {
        if (data.Length < rect.Area * type.Channels()) throw new ArgumentException("array smaller than the rectangle", nameof(data));
        return new MemoryBuffer(type, rect, data, data.Length, null, single: false);
    }

    /// <summary>
    /// The same pixels at coordinates moved by (<paramref name="dx"/>, <paramref name="dy"/>): a view
    /// sharing this buffer's memory (a single element is copied). The view does not own the memory:
    /// this buffer must outlive it, and disposing the view frees nothing.
    /// </summary>
    public MemoryBuffer Moved(int dx, int dy) => IsSingleElement
        ? CreateSingleElement(Type, SingleElement, Rect.Translate(dx, dy))
        : new MemoryBuffer(Type, Rect.Translate(dx, dy), DangerousGetArray(), _length, null, single: false);

    /// <summary>Data type of the elements.</summary>
    public DataType Type { get; }

    /// <summary>Channels per element.</summary>
    public int Channels => (int)Type;

    /// <summary>The area the buffer covers (for a single element: the area it stands for).</summary>
    public Rect Rect { get; }

    /// <summary>Width of <see cref="Rect"/>.</summary>
    public int Width => Rect.Width;

    /// <summary>Height of <see cref="Rect"/>.</summary>
    public int Height => Rect.Height;

    /// <summary>True for a constant that reads the same everywhere.</summary>
    public bool IsSingleElement { get; }

    /// <summary>Floats between the starts of two rows (0 for a single element).</summary>
    public int RowStride => IsSingleElement ? 0 : Rect.Width * Channels;

    /// <summary>The backing array. For advanced kernels; prefer the row accessors.</summary>
    public float[] DangerousGetArray() => _data ?? throw new ObjectDisposedException(nameof(MemoryBuffer));

    /// <summary>All floats of the buffer, rows bottom to top.</summary>
    public Span<float> Span => DangerousGetArray().AsSpan(0, IsSingleElement ? Channels : (int)(Rect.Area * Channels));

    /// <summary>The single element's value.</summary>
    public ReadOnlySpan<float> SingleElement => DangerousGetArray().AsSpan(0, Channels);

    /// <summary>Index of element (x, y) in the backing array; (x, y) must be inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(int x, int y) => IsSingleElement ? 0 : (y - Rect.YMin) * RowStride + (x - Rect.XMin) * Channels;

    /// <summary>Writable row span from x = <paramref name="xmin"/>, <paramref name="count"/> elements long; it must lie inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> GetRow(int y, int xmin, int count)
    {
        if (IsSingleElement) throw new InvalidOperationException("a single-element buffer has no rows to write");
        return DangerousGetArray().AsSpan(IndexOf(xmin, y), count * Channels);
    }

    /// <summary>
    /// Reads <paramref name="count"/> elements of row <paramref name="y"/> from x = <paramref name="xmin"/>.
    /// Returns a view of the buffer where it covers the run; otherwise fills <paramref name="scratch"/>
    /// (a single element is broadcast; pixels outside the buffer read as zero) and returns it.
    /// </summary>
    public ReadOnlySpan<float> ReadRow(int y, int xmin, int count, Span<float> scratch)
    {
        int c = Channels;
        if (IsSingleElement)
        {
            var dst = scratch[..(count * c)];
            var v = SingleElement;
            if (c == 1) dst.Fill(v[0]);
            else for (int i = 0; i < dst.Length; i += c) v.CopyTo(dst.Slice(i, c));
            return dst;
        }

        if (y >= Rect.YMin && y < Rect.YMax && xmin >= Rect.XMin && xmin + count <= Rect.XMax)
            return DangerousGetArray().AsSpan(IndexOf(xmin, y), count * c);

        var outRow = scratch[..(count * c)];
        outRow.Clear();
        if (y < Rect.YMin || y >= Rect.YMax) return outRow;
        int x0 = Math.Max(xmin, Rect.XMin), x1 = Math.Min(xmin + count, Rect.XMax);
        if (x1 > x0)
            DangerousGetArray().AsSpan(IndexOf(x0, y), (x1 - x0) * c).CopyTo(outRow[((x0 - xmin) * c)..]);
        return outRow;
    }

    /// <summary>Reads element (x, y) into <paramref name="dst"/>; zero outside the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReadElementChecked(int x, int y, Span<float> dst)
    {
        int c = Channels;
        if (IsSingleElement) { SingleElement.CopyTo(dst); return; }
        if (!Rect.Contains(x, y)) { dst[..c].Clear(); return; }
        DangerousGetArray().AsSpan(IndexOf(x, y), c).CopyTo(dst);
    }

    /// <summary>Reads element (x, y) clamped to the buffer's edge (Blender's extend mode).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReadElementClamped(int x, int y, Span<float> dst)
    {
        if (IsSingleElement) { SingleElement.CopyTo(dst); return; }
        x = Math.Clamp(x, Rect.XMin, Rect.XMax - 1);
        y = Math.Clamp(y, Rect.YMin, Rect.YMax - 1);
        DangerousGetArray().AsSpan(IndexOf(x, y), Channels).CopyTo(dst);
    }

    /// <summary>Copies the overlap of <paramref name="source"/> and <paramref name="area"/> into this buffer.</summary>
    public void CopyFrom(MemoryBuffer source, Rect area)
    {
        if (source.Type != Type) throw new ArgumentException("data types differ", nameof(source));
        var r = area.Intersect(Rect);
        if (!source.IsSingleElement) r = r.Intersect(source.Rect);
        if (r.IsEmpty) return;
        Span<float> scratch = source.IsSingleElement ? new float[r.Width * Channels] : default;
        for (int y = r.YMin; y < r.YMax; y++)
            source.ReadRow(y, r.XMin, r.Width, scratch).CopyTo(GetRow(y, r.XMin, r.Width));
    }

    /// <summary>Fills <paramref name="area"/> (clipped to the buffer) with zeros.</summary>
    public void Clear(Rect area)
    {
        var r = area.Intersect(Rect);
        for (int y = r.YMin; y < r.YMax; y++) GetRow(y, r.XMin, r.Width).Clear();
    }

    /// <summary>Returns the memory to its pool (an output's result: for reuse by a later result). Reading afterwards throws.</summary>
    public void Dispose()
    {
        var data = Interlocked.Exchange(ref _data, null);
        if (data is null) return;
        if (_pool is not null) _pool.Return(data, _length);
        else if (_recycle) LargeArrays.Return(data);
    }
}
