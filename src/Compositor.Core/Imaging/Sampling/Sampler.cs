using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compositor.Imaging.Sampling;

/// <summary>
/// Reads a <see cref="MemoryBuffer"/> at fractional coordinates, as Blender's compositor samples
/// its buffers: pixel <c>i</c> sits at coordinate <c>i</c>; nearest takes <c>floor</c>; bilinear
/// blends the pixels at <c>floor</c> and <c>ceil</c>; bicubic is Blender's cubic B-spline over
/// 4×4 pixels. Coordinates are absolute (the buffer's rectangle may start anywhere).
/// </summary>
/// <remarks>
/// <para>
/// Edge rules apply to the <em>domain</em>: the producer's canvas, which may be larger than the
/// buffer (a buffer covers only the area of interest). Each tap of the interpolation is mapped by
/// the edge mode: <see cref="EdgeMode.Clip"/> reads zero outside the domain (so a bilinear sample
/// fades to zero over the pixel beyond the edge, like Blender's full-frame
/// <c>read_elem_bilinear</c>), <see cref="EdgeMode.Extend"/> clamps the tap to the domain,
/// <see cref="EdgeMode.Repeat"/> wraps it. Bicubic in clip mode follows Blender's
/// BLI_bicubic_interpolation: zero when the point lies wholly outside the pixel grid, otherwise the
/// taps are clamped to the edge. A tap inside the domain but outside the buffer reads zero (it
/// means the area of interest was too small).
/// </para>
/// <para>A single-element buffer reads its value at every tap inside the domain.</para>
/// <para>The sampler is a small immutable value: create one per input per call and share it freely across threads.</para>
/// </remarks>
public readonly partial struct Sampler
{
    private readonly float[] _data;
    private readonly Rect _rect;
    private readonly Rect _domain;
    private readonly int _channels;
    private readonly int _stride;
    private readonly bool _single;
    private readonly EdgeMode _edgeX;
    private readonly EdgeMode _edgeY;

    // The pixels both in the buffer and in the domain: taps there need no edge mapping. Tap x lies
    // inside when (uint)(x − _innerX) < _innerWidth; a 2×2 bilinear footprint starting at x when
    // (uint)(x − _innerX) < _innerPairsX (likewise for y).
    private readonly int _innerX;
    private readonly int _innerY;
    private readonly uint _innerWidth;
    private readonly uint _innerHeight;
    private readonly uint _innerPairsX;
    private readonly uint _innerPairsY;

    /// <summary>Samples <paramref name="buffer"/>; edge rules apply at <paramref name="domain"/> (usually the producer's canvas).</summary>
    public Sampler(MemoryBuffer buffer, Rect domain, EdgeMode edgeX, EdgeMode edgeY)
    {
        _data = buffer.DangerousGetArray();
        _rect = buffer.Rect;
        _domain = domain;
        _channels = buffer.Channels;
        _stride = buffer.RowStride;
        _single = buffer.IsSingleElement;
        _edgeX = edgeX;
        _edgeY = edgeY;
        var inner = _single ? Rect.Empty : _rect.Intersect(domain);
        _innerX = inner.XMin;
        _innerY = inner.YMin;
        _innerWidth = inner.IsEmpty ? 0u : (uint)inner.Width;
        _innerHeight = inner.IsEmpty ? 0u : (uint)inner.Height;
        _innerPairsX = _innerWidth > 0 ? _innerWidth - 1 : 0u;
        _innerPairsY = _innerHeight > 0 ? _innerHeight - 1 : 0u;
    }

    /// <summary>Samples <paramref name="buffer"/> with one edge mode on both axes.</summary>
    public Sampler(MemoryBuffer buffer, Rect domain, EdgeMode edge = EdgeMode.Clip) : this(buffer, domain, edge, edge)
    {
    }

    /// <summary>Samples <paramref name="buffer"/> with its own rectangle as the domain.</summary>
    public Sampler(MemoryBuffer buffer, EdgeMode edge = EdgeMode.Clip) : this(buffer, buffer.Rect, edge, edge)
    {
    }

    /// <summary>Channels per element (1, 3 or 4).</summary>
    public int Channels => _channels;

    /// <summary>Where the edge rules apply.</summary>
    public Rect Domain => _domain;

    /// <summary>Samples at (<paramref name="x"/>, <paramref name="y"/>) into <paramref name="dst"/> (<see cref="Channels"/> floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Sample(Interpolation interpolation, float x, float y, Span<float> dst)
    {
        switch (interpolation)
        {
            case Interpolation.Nearest: Nearest(x, y, dst); break;
            case Interpolation.Bilinear: Bilinear(x, y, dst); break;
            default: Bicubic(x, y, dst); break;
        }
    }

    /// <summary>
    /// Samples <paramref name="count"/> points along a line: point i is at
    /// (<paramref name="x0"/> + i·<paramref name="dx"/>, <paramref name="y0"/> + i·<paramref name="dy"/>),
    /// written to <paramref name="dst"/> one element after another.
    /// </summary>
    public void SampleLine(Interpolation interpolation, float x0, float y0, float dx, float dy, int count, Span<float> dst)
    {
        int c = _channels;
        if (dst.Length < count * c) throw new ArgumentException("destination too short", nameof(dst));
        for (int i = 0; i < count; i++)
            Sample(interpolation, x0 + i * dx, y0 + i * dy, dst.Slice(i * c, c));
    }

    /// <summary>Nearest-pixel sample: the pixel at (floor x, floor y), mapped by the edge mode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Nearest(float x, float y, Span<float> dst)
    {
        int c = _channels;
        int tx = FloorToInt(x), ty = FloorToInt(y);
        int off = (uint)(tx - _innerX) < _innerWidth && (uint)(ty - _innerY) < _innerHeight
            ? (ty - _rect.YMin) * _stride + (tx - _rect.XMin) * c
            : Offset(tx, ty);
        if (off < 0) dst[..c].Clear();
        else _data.AsSpan(off, c).CopyTo(dst);
    }

    /// <summary>Bilinear sample (Blender's BLI_bilinear_interpolation; taps mapped by the edge mode).</summary>
    public void Bilinear(float x, float y, Span<float> dst)
    {
        int c = _channels;
        if (c == 4)
        {
            Bilinear4(x, y).CopyTo(dst);
            return;
        }

        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int x1 = (int)fx, y1 = (int)fy;
        float a = x - fx, b = y - fy;
        int x2 = a > 0f ? x1 + 1 : x1, y2 = b > 0f ? y1 + 1 : y1;
        int o11 = Offset(x1, y1), o21 = Offset(x2, y1), o12 = Offset(x1, y2), o22 = Offset(x2, y2);
        float w11 = (1f - a) * (1f - b), w21 = a * (1f - b), w12 = (1f - a) * b, w22 = a * b;
        var d = _data;
        for (int k = 0; k < c; k++)
        {
            float p11 = o11 < 0 ? 0f : d[o11 + k];
            float p21 = o21 < 0 ? 0f : d[o21 + k];
            float p12 = o12 < 0 ? 0f : d[o12 + k];
            float p22 = o22 < 0 ? 0f : d[o22 + k];
            dst[k] = w11 * p11 + w21 * p21 + w12 * p12 + w22 * p22;
        }
    }

    /// <summary>Bilinear sample of a 4-channel buffer as a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Bilinear4(float x, float y)
    {
        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int x1 = (int)fx, y1 = (int)fy;
        float a = x - fx, b = y - fy;
        if ((uint)(x1 - _innerX) < _innerPairsX && (uint)(y1 - _innerY) < _innerPairsY)
        {
            // The whole 2×2 footprint is inside: the same taps and sums without edge mapping.
            int o11 = (y1 - _rect.YMin) * _stride + (x1 - _rect.XMin) * _channels;
            int o21 = a > 0f ? o11 + _channels : o11;
            int step = b > 0f ? _stride : 0;
            ref float d = ref MemoryMarshal.GetArrayDataReference(_data);
            var v = Vector128.LoadUnsafe(ref d, (nuint)o11) * ((1f - a) * (1f - b));
            v += Vector128.LoadUnsafe(ref d, (nuint)o21) * (a * (1f - b));
            v += Vector128.LoadUnsafe(ref d, (nuint)(o11 + step)) * ((1f - a) * b);
            v += Vector128.LoadUnsafe(ref d, (nuint)(o21 + step)) * (a * b);
            return v;
        }

        int x2 = a > 0f ? x1 + 1 : x1, y2 = b > 0f ? y1 + 1 : y1;
        var r = Load4(Offset(x1, y1)) * ((1f - a) * (1f - b));
        r += Load4(Offset(x2, y1)) * (a * (1f - b));
        r += Load4(Offset(x1, y2)) * ((1f - a) * b);
        r += Load4(Offset(x2, y2)) * (a * b);
        return r;
    }

    /// <summary>
    /// Bicubic B-spline sample (Blender's BLI_bicubic_interpolation). In clip mode a point wholly
    /// outside the pixel grid reads zero and the taps of any other point are clamped to the edge.
    /// </summary>
    public void Bicubic(float x, float y, Span<float> dst)
    {
        int c = _channels;
        var ex = _edgeX == EdgeMode.Clip ? EdgeMode.Extend : _edgeX;
        var ey = _edgeY == EdgeMode.Clip ? EdgeMode.Extend : _edgeY;
        if ((_edgeX == EdgeMode.Clip && (MathF.Ceiling(x) < _domain.XMin || MathF.Floor(x) > _domain.XMax - 1)) ||
            (_edgeY == EdgeMode.Clip && (MathF.Ceiling(y) < _domain.YMin || MathF.Floor(y) > _domain.YMax - 1)) ||
            _domain.IsEmpty)
        {
            dst[..c].Clear();
            return;
        }

        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int i = (int)fx, j = (int)fy;
        float a = x - fx, b = y - fy;
        Span<float> wy = stackalloc float[4];
        for (int m = -1; m <= 2; m++) wy[m + 1] = BSpline(b - m);
        Span<float> acc = stackalloc float[4];
        acc.Clear();
        var d = _data;
        for (int n = -1; n <= 2; n++)
        {
            float wx = BSpline(n - a);
            int tx = MapTap(i + n, _domain.XMin, _domain.XMax, ex, out bool okx);
            for (int m = -1; m <= 2; m++)
            {
                int ty = MapTap(j + m, _domain.YMin, _domain.YMax, ey, out bool oky);
                int off = okx && oky ? BufferOffset(tx, ty) : -1;
                if (off < 0) continue;
                float w = wx * wy[m + 1];
                for (int k = 0; k < c; k++) acc[k] += d[off + k] * w;
            }
        }

        acc[..c].CopyTo(dst);
    }

    /// <summary>
    /// The pixels that samples at points inside [<paramref name="xmin"/>, <paramref name="xmax"/>] ×
    /// [<paramref name="ymin"/>, <paramref name="ymax"/>] may read (before edge mapping): the area
    /// of interest of a resampling operation.
    /// </summary>
    public static Rect Footprint(Interpolation interpolation, float xmin, float ymin, float xmax, float ymax)
    {
        int x0 = FloorToInt(xmin), y0 = FloorToInt(ymin), x1 = FloorToInt(xmax), y1 = FloorToInt(ymax);
        return interpolation switch
        {
            Interpolation.Nearest => new Rect(x0, y0, x1 + 1, y1 + 1),
            Interpolation.Bilinear => new Rect(x0, y0, x1 + 2, y1 + 2),
            _ => new Rect(x0 - 1, y0 - 1, x1 + 3, y1 + 3),
        };
    }

    /// <summary>Blender's cubic B-spline weight for a tap at distance <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BSpline(float k)
    {
        float p1 = MathF.Max(k + 2f, 0f), p2 = MathF.Max(k + 1f, 0f), p3 = MathF.Max(k, 0f), p4 = MathF.Max(k - 1f, 0f);
        return (1f / 6f) * (p1 * p1 * p1 - 4f * p2 * p2 * p2 + 6f * p3 * p3 * p3 - 4f * p4 * p4 * p4);
    }

    /// <summary>floor(<paramref name="v"/>) as an int, saturating far outside the int range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FloorToInt(float v)
    {
        float f = MathF.Floor(v);
        if (f >= int.MaxValue) return int.MaxValue;
        if (f <= int.MinValue || float.IsNaN(f)) return int.MinValue;
        return (int)f;
    }

    /// <summary>Offset of tap (x, y) in the backing array after edge mapping, or -1 when it reads zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Offset(int x, int y)
    {
        int tx = MapTap(x, _domain.XMin, _domain.XMax, _edgeX, out bool okx);
        int ty = MapTap(y, _domain.YMin, _domain.YMax, _edgeY, out bool oky);
        return okx && oky ? BufferOffset(tx, ty) : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BufferOffset(int x, int y)
    {
        if (_single) return 0;
        if ((uint)(x - _rect.XMin) >= (uint)_rect.Width || (uint)(y - _rect.YMin) >= (uint)_rect.Height) return -1;
        return (y - _rect.YMin) * _stride + (x - _rect.XMin) * _channels;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MapTap(int v, int min, int max, EdgeMode mode, out bool valid)
    {
        if (v >= min && v < max)
        {
            valid = true;
            return v;
        }

        valid = max > min && mode != EdgeMode.Clip;
        if (!valid) return v;
        if (mode == EdgeMode.Extend) return v < min ? min : max - 1;
        int size = max - min;
        int r = (int)(((long)v - min) % size);
        if (r < 0) r += size;
        return min + r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<float> Load4(int offset) =>
        offset < 0 ? Vector128<float>.Zero
            : Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_data), (nuint)offset);
}
