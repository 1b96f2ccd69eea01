using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The gather of <see cref="VariableSizeBokehBlurOperation"/> at full quality, vectorized over
/// neighbours: for 16 neighbours of a row at once it computes their limited radii, which of them
/// count, and their bokeh pixel, with the same float operations as the per-neighbour rule; the
/// neighbours that count are then accumulated one by one as 4-channel vectors, alternately into
/// two sums (the same terms as the per-neighbour loop, added in a different order).
/// </summary>
internal readonly struct BokehGather
{
    private const int Lanes = 16;
    private const float Half = VariableSizeBokehBlurOperation.BokehPixels / 2;
    private const float Span = VariableSizeBokehBlurOperation.BokehPixels / 2 - 1;

    private readonly float[] _image, _bokeh, _size;
    private readonly MemoryBuffer _imageBuffer, _bokehBuffer, _sizeBuffer;
    private readonly Rect _bokehDomain, _canvas;
    private readonly float _scalar, _threshold;

    public BokehGather(MemoryBuffer image, MemoryBuffer bokeh, MemoryBuffer size, Rect bokehDomain, Rect canvas, float scalar, float threshold)
    {
        _imageBuffer = image;
        _bokehBuffer = bokeh;
        _sizeBuffer = size;
        _image = image.DangerousGetArray();
        _bokeh = bokeh.DangerousGetArray();
        _size = size.DangerousGetArray();
        _bokehDomain = bokehDomain;
        _canvas = canvas;
        _scalar = scalar;
        _threshold = threshold;
    }

    /// <summary>Computes the pixels of row <paramref name="y"/> from column <paramref name="x0"/> into <paramref name="dst"/> (RGBA).</summary>
    public void Row(Span<float> dst, int x0, int y, int window)
    {
        Span<float> sizes = stackalloc float[Lanes];
        Span<int> bokehIndex = stackalloc int[Lanes];
        var iota = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var zero = Vector512<float>.Zero;
        var threshold = Vector512.Create(_threshold);
        var scalarV = Vector512.Create(_scalar);
        var half = Vector512.Create(Half);
        var span = Vector512.Create(Span);
        var bxMin = Vector512.Create((float)_bokehDomain.XMin);
        var bxMax = Vector512.Create((float)_bokehDomain.XMax);
        var byMin = Vector512.Create((float)_bokehDomain.YMin);
        var byMax = Vector512.Create((float)_bokehDomain.YMax);
        int bokehStride = _bokehBuffer.RowStride, bokehX0 = _bokehBuffer.Rect.XMin, bokehY0 = _bokehBuffer.Rect.YMin;
        ref float img = ref MemoryMarshal.GetArrayDataReference(_image);
        ref float bk = ref MemoryMarshal.GetArrayDataReference(_bokeh);
        int count = dst.Length / 4;
        for (int i = 0; i < count; i++)
        {
            int x = x0 + i;
            int ci = _imageBuffer.IndexOf(x, y);
            var sharp = Vector128.LoadUnsafe(ref img, (nuint)ci);
            var colour = sharp;
            var weight = Vector128<float>.One;
            Vector128<float> colour2 = default, weight2 = default;
            float centre = _size[_sizeBuffer.IndexOf(x, y)] * _scalar;
            if (centre > _threshold)
            {
                int reach = (int)MathF.Min(MathF.Ceiling(centre), window);
                int minx = Math.Max(x - reach, _canvas.XMin), maxx = Math.Min(x + Math.Min(reach + 1, window), _canvas.XMax);
                int miny = Math.Max(y - reach, _canvas.YMin), maxy = Math.Min(y + Math.Min(reach + 1, window), _canvas.YMax);
                var centreV = Vector512.Create(centre);
                // A neighbour counts only if |dx| < its radius ≤ centre: |dx| ≤ ⌈centre⌉ − 1.
                int inside = (int)MathF.Ceiling(centre) - 1;
                minx = Math.Max(minx, x - inside);
                maxx = Math.Min(maxx, x + inside + 1);
                for (int ny = miny; ny < maxy; ny++)
                {
                    float dy = ny - y;
                    float ady = MathF.Abs(dy);
                    // Every neighbour's radius is at most the centre's and must exceed |dy|.
                    if (centre <= ady) continue;
                    var dyV = Vector512.Create(dy);
                    var adyV = Vector512.Create(ady);
                    int si = _sizeBuffer.IndexOf(minx, ny), ii = _imageBuffer.IndexOf(minx, ny);
                    for (int nx = minx; nx < maxx; nx += Lanes, si += Lanes, ii += 4 * Lanes)
                    {
                        int lanes = Math.Min(Lanes, maxx - nx);
                        Vector512<float> raw;
                        if (lanes == Lanes)
                        {
                            raw = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_size), (nuint)si);
                        }
                        else
                        {
                            sizes.Clear();
                            _size.AsSpan(si, lanes).CopyTo(sizes);
                            raw = Vector512.Create<float>(sizes);
                        }

                        var dx = Vector512.Create((float)(nx - x)) + iota;
                        var radius = Vector512.Min(raw * scalarV, centreV);
                        var counts = Vector512.GreaterThan(radius, threshold)
                            & Vector512.GreaterThan(radius, Vector512.Abs(dx))
                            & Vector512.GreaterThan(radius, adyV)
                            & Vector512.LessThan(iota, Vector512.Create((float)lanes));
                        if (dy == 0f) counts &= ~Vector512.Equals(dx, zero);
                        if (counts == Vector512<float>.Zero) continue;
                        var u = Vector512.Floor(half + dx / radius * span);
                        var v = Vector512.Floor(half + dyV / radius * span);
                        counts &= Vector512.GreaterThanOrEqual(u, bxMin) & Vector512.LessThan(u, bxMax)
                            & Vector512.GreaterThanOrEqual(v, byMin) & Vector512.LessThan(v, byMax);
                        ulong bits = counts.ExtractMostSignificantBits();
                        if (bits == 0) continue;
                        var bi = (Vector512.ConvertToInt32(v) - Vector512.Create(bokehY0)) * Vector512.Create(bokehStride)
                            + (Vector512.ConvertToInt32(u) - Vector512.Create(bokehX0)) * Vector512.Create(4);
                        bi.StoreUnsafe(ref MemoryMarshal.GetReference(bokehIndex));
                        // Two accumulator pairs, alternating, so consecutive additions do not wait on each other.
                        while (bits != 0)
                        {
                            int lane = BitOperations.TrailingZeroCount(bits);
                            bits &= bits - 1;
                            var b = Vector128.LoadUnsafe(ref bk, (nuint)bokehIndex[lane]);
                            colour += b * Vector128.LoadUnsafe(ref img, (nuint)(ii + 4 * lane));
                            weight += b;
                            if (bits == 0) break;
                            lane = BitOperations.TrailingZeroCount(bits);
                            bits &= bits - 1;
                            b = Vector128.LoadUnsafe(ref bk, (nuint)bokehIndex[lane]);
                            colour2 += b * Vector128.LoadUnsafe(ref img, (nuint)(ii + 4 * lane));
                            weight2 += b;
                        }
                    }
                }
            }

            var result = (colour + colour2) / (weight + weight2);
            if (centre > _threshold && centre < _threshold * 2f)
            {
                float f = (centre - _threshold) / _threshold, g = 1f - f;
                result = Vector128.Create(g) * sharp + Vector128.Create(f) * result;
            }

            result.StoreUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetReference(dst), 4 * i));
        }
    }
}
