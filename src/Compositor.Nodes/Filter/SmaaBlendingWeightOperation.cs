using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// SMAA's second pass, blending weights (Blender's SMAABlendingWeightCalculationOperation). For
/// every pixel with an edge below it (G of the edge image), diagonal lines are searched first; if
/// none, the horizontal line through the edge is followed both ways to its ends (up to 361 pixels),
/// the crossing edges at the ends are read, and the area texture gives the weights R, G
/// (optionally reduced near corners). Edges at the left (R) give B, A from the vertical line
/// likewise, unless a diagonal through the left neighbour already covered them. Edges outside the
/// image read as none.
/// </summary>
/// <remarks>Reads its whole input: the searches may run across most of the image.</remarks>
public sealed class SmaaBlendingWeightOperation : NodeOperation
{
    private const int MaxSearchSteps = 362;
    private const int MaxSearchStepsDiagonal = 19;

    private readonly int _cornerRounding;

    /// <summary>
    /// Creates the operation; <paramref name="cornerRounding"/> in [0, 1] maps to Blender's integer
    /// percentage (0 turns corner detection off).
    /// </summary>
    public SmaaBlendingWeightOperation(float cornerRounding) : base(DataType.Color)
    {
        _cornerRounding = (int)(cornerRounding * 100f);
        AddInput(DataType.Color);
        CanvasInputIndex = 0;
        Flags = OperationFlags.Complex;
    }

    /// <summary>The corner rounding percentage in [0, 100].</summary>
    public int CornerRounding => _cornerRounding;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var edges = new Edges(inputs[0]);
        Span<float> w = stackalloc float[4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            for (int i = 0; i < area.Width; i++)
            {
                Compute(edges, area.XMin + i, y, w);
                w.CopyTo(row.Slice(i * 4, 4));
            }
        }
    }

    /// <summary>The weights of pixel (<paramref name="x"/>, <paramref name="y"/>) into <paramref name="w"/> (4 floats).</summary>
    private void Compute(in Edges edges, int x, int y, Span<float> w)
    {
        w.Clear();
        float edgeLeft = edges.R(x, y), edgeTop = edges.G(x, y);
        if (edgeTop > 0f)
        {
            DiagonalWeights(edges, x, y, edgeLeft, out float d0, out float d1);
            w[0] = d0;
            w[1] = d1;
            if (d0 != 0f || d1 != 0f) return;

            int left = SearchLeft(edges, x, y), right = SearchRight(edges, x, y);
            int dist1 = x - left, dist2 = right - x;
            int e1 = 0, e2 = 0;
            if (edges.R(left, y - 1) > 0f) e1 += 1;
            if (edges.R(left, y) > 0f) e1 += 2;
            if (edges.R(right + 1, y - 1) > 0f) e2 += 1;
            if (edges.R(right + 1, y) > 0f) e2 += 2;
            var (a, b) = Area(dist1, dist2, e1, e2);
            if (_cornerRounding != 0)
            {
                float rounding = _cornerRounding / 100f * (dist1 == dist2 ? 0.5f : 1f);
                float f0 = 1f, f1 = 1f;
                if (dist1 <= dist2)
                {
                    f0 -= rounding * edges.R(left, y + 1);
                    f1 -= rounding * edges.R(left, y - 2);
                }

                if (dist1 >= dist2)
                {
                    f0 -= rounding * edges.R(right + 1, y + 1);
                    f1 -= rounding * edges.R(right + 1, y - 2);
                }

                a *= Math.Clamp(f0, 0f, 1f);
                b *= Math.Clamp(f1, 0f, 1f);
            }

            w[0] = a;
            w[1] = b;
        }

        if (edgeLeft > 0f)
        {
            if (VerticalSearchUnneeded(edges, x, y)) return;
            int top = SearchUp(edges, x, y), bottom = SearchDown(edges, x, y);
            int dist1 = y - top, dist2 = bottom - y;
            int e1 = 0, e2 = 0;
            if (edges.G(x - 1, top) > 0f) e1 += 1;
            if (edges.G(x, top) > 0f) e1 += 2;
            if (edges.G(x - 1, bottom + 1) > 0f) e2 += 1;
            if (edges.G(x, bottom + 1) > 0f) e2 += 2;
            var (a, b) = Area(dist1, dist2, e1, e2);
            if (_cornerRounding != 0)
            {
                float rounding = _cornerRounding / 100f * (dist1 == dist2 ? 0.5f : 1f);
                float f0 = 1f, f1 = 1f;
                if (dist1 <= dist2)
                {
                    f0 -= rounding * edges.G(x + 1, top);
                    f1 -= rounding * edges.G(x - 2, top);
                }

                if (dist1 >= dist2)
                {
                    f0 -= rounding * edges.G(x + 1, bottom + 1);
                    f1 -= rounding * edges.G(x - 2, bottom + 1);
                }

                a *= Math.Clamp(f0, 0f, 1f);
                b *= Math.Clamp(f1, 0f, 1f);
            }

            w[2] = a;
            w[3] = b;
        }
    }

    /// <summary>Bilinear lookup of the orthogonal area texture at (√d1, √d2) in the block of (e1, e2).</summary>
    internal static (float, float) Area(int d1, int d2, int e1, int e2)
    {
        float x = SmaaAreaTexture.MaxDistance * e1 + MathF.Sqrt(d1);
        float y = SmaaAreaTexture.MaxDistance * e2 + MathF.Sqrt(d2);
        float ix = MathF.Floor(x), iy = MathF.Floor(y);
        float fx = x - ix, fy = y - iy;
        int tx = (int)ix, ty = (int)iy;
        var w00 = SmaaAreaTexture.OrthogonalAt(tx, ty);
        var w10 = SmaaAreaTexture.OrthogonalAt(tx + 1, ty);
        var w01 = SmaaAreaTexture.OrthogonalAt(tx, ty + 1);
        var w11 = SmaaAreaTexture.OrthogonalAt(tx + 1, ty + 1);
        float a = Lerp(Lerp(w00.A, w10.A, fx), Lerp(w01.A, w11.A, fx), fy);
        float b = Lerp(Lerp(w00.B, w10.B, fx), Lerp(w01.B, w11.B, fx), fy);
        return (a, b);
    }

    // Blender's interpf(a, b, t) = t·a + (1 − t)·b, written from the low end.
    private static float Lerp(float lo, float hi, float t) => t * hi + (1f - t) * lo;

    private static (float, float) AreaDiagonal(int d1, int d2, int e1, int e2) =>
        SmaaAreaTexture.DiagonalAt(SmaaAreaTexture.MaxDistanceDiagonal * e1 + d1, SmaaAreaTexture.MaxDistanceDiagonal * e2 + d2);

    // ---------------------------------------------------------------------------------------------
    // Diagonal searches.

    /// <summary>Follows the diagonal going right and up in buffer rows (x + dir, y − dir).</summary>
    private static int SearchDiagonal1(in Edges edges, int x, int y, int dir, out bool found)
    {
        int end = x + MaxSearchStepsDiagonal * dir;
        found = false;
        while (x != end)
        {
            x += dir;
            y -= dir;
            if (edges.G(x, y) == 0f) { found = true; break; }
            if (edges.R(x, y) == 0f) { found = true; return dir < 0 ? x : x - dir; }
        }

        return x - dir;
    }

    /// <summary>Follows the diagonal (x + dir, y + dir).</summary>
    private static int SearchDiagonal2(in Edges edges, int x, int y, int dir, out bool found)
    {
        int end = x + MaxSearchStepsDiagonal * dir;
        found = false;
        while (x != end)
        {
            x += dir;
            y += dir;
            if (edges.G(x, y) == 0f) { found = true; break; }
            if (edges.R(x + 1, y) == 0f) { found = true; return dir > 0 ? x : x - dir; }
        }

        return x - dir;
    }

    private static void DiagonalWeights(in Edges edges, int x, int y, float edgeLeft, out float w0, out float w1)
    {
        w0 = 0f;
        w1 = 0f;
        int d1, d2;
        bool found1, found2;
        if (edgeLeft > 0f) d1 = x - SearchDiagonal1(edges, x, y, -1, out found1);
        else { d1 = 0; found1 = true; }
        d2 = SearchDiagonal1(edges, x, y, 1, out found2) - x;
        if (d1 + d2 > 2)
        {
            int e1 = 0, e2 = 0;
            if (found1)
            {
                int left = x - d1, bottom = y + d1;
                if (edges.G(left - 1, bottom) > 0f) e1 += 2;
                if (edges.R(left, bottom) > 0f) e1 += 1;
            }

            if (found2)
            {
                int right = x + d2, top = y - d2;
                if (edges.G(right + 1, top) > 0f) e2 += 2;
                if (edges.R(right + 1, top - 1) > 0f) e2 += 1;
            }

            (w0, w1) = AreaDiagonal(d1, d2, e1, e2);
        }

        d1 = x - SearchDiagonal2(edges, x, y, -1, out found1);
        if (edges.R(x + 1, y) > 0f) d2 = SearchDiagonal2(edges, x, y, 1, out found2) - x;
        else { d2 = 0; found2 = true; }
        if (d1 + d2 > 2)
        {
            int e1 = 0, e2 = 0;
            if (found1)
            {
                int left = x - d1, top = y - d1;
                if (edges.G(left - 1, top) > 0f) e1 += 2;
                if (edges.R(left, top - 1) > 0f) e1 += 1;
            }

            if (found2)
            {
                int right = x + d2, bottom = y + d2;
                if (edges.G(right + 1, bottom) > 0f) e2 += 2;
                if (edges.R(right + 1, bottom) > 0f) e2 += 1;
            }

            var (a, b) = AreaDiagonal(d1, d2, e1, e2);
            w0 += b;
            w1 += a;
        }
    }

    private static bool VerticalSearchUnneeded(in Edges edges, int x, int y)
    {
        int d1 = edges.G(x - 1, y) > 0f ? x - SearchDiagonal2(edges, x - 1, y, -1, out _) : 0;
        int d2 = SearchDiagonal2(edges, x - 1, y, 1, out _) - x;
        return d1 + d2 > 2;
    }

    // ---------------------------------------------------------------------------------------------
    // Horizontal and vertical searches.

    private static int SearchLeft(in Edges edges, int x, int y)
    {
        int end = x - MaxSearchSteps;
        while (x > end)
        {
            if (edges.G(x, y) == 0f) break;
            if (edges.R(x, y) != 0f) return x;
            if (edges.R(x, y - 1) != 0f) return x;
            x--;
        }

        return x + 1;
    }

    private static int SearchRight(in Edges edges, int x, int y)
    {
        int end = x + MaxSearchSteps;
        while (x < end)
        {
            x++;
            if (edges.G(x, y) == 0f || edges.R(x, y) != 0f) break;
            if (edges.R(x, y - 1) != 0f) break;
        }

        return x - 1;
    }

    private static int SearchUp(in Edges edges, int x, int y)
    {
        int end = y - MaxSearchSteps;
        while (y > end)
        {
            if (edges.R(x, y) == 0f) break;
            if (edges.G(x, y) != 0f) return y;
            if (edges.G(x - 1, y) != 0f) return y;
            y--;
        }

        return y + 1;
    }

    private static int SearchDown(in Edges edges, int x, int y)
    {
        int end = y + MaxSearchSteps;
        while (y < end)
        {
            y++;
            if (edges.R(x, y) == 0f || edges.G(x, y) != 0f) break;
            if (edges.G(x - 1, y) != 0f) break;
        }

        return y - 1;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_cornerRounding);
        return true;
    }

    /// <summary>Reads the edge image's R and G, zero outside the buffer.</summary>
    private readonly struct Edges
    {
        private readonly float[] _data;
        private readonly Rect _rect;
        private readonly int _stride;
        private readonly bool _single;

        public Edges(MemoryBuffer buffer)
        {
            _data = buffer.DangerousGetArray();
            _rect = buffer.Rect;
            _stride = buffer.RowStride;
            _single = buffer.IsSingleElement;
        }

        public float R(int x, int y) => Read(x, y, 0);

        public float G(int x, int y) => Read(x, y, 1);

        private float Read(int x, int y, int channel)
        {
            if (_single) return _data[channel];
            if (!_rect.Contains(x, y)) return 0f;
            return _data[(y - _rect.YMin) * _stride + (x - _rect.XMin) * 4 + channel];
        }
    }
}
