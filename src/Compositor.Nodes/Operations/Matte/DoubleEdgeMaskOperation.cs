using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Double Edge Mask (Blender's DoubleEdgeMaskOperation), computed over the whole canvas at once. A
/// pixel counts as set in a mask when its value is not all-zero bits. Pixels of the inner mask are 1;
/// pixels only in the outer mask get a gradient: with d_i and d_o the distances to the nearest inner
/// and outer edge pixel, 1/d_i ÷ (1/d_i + 1/d_o), the reciprocal square roots taken with Blender's
/// fast approximation. Inner edges are inner pixels next to a pixel outside the inner mask (ALL) or
/// next to one only in the outer mask (ADJACENT_ONLY); outer edges are outer-only pixels next to a
/// pixel in neither mask. On the image border, KEEP_IN makes every outer-only pixel an outer edge,
/// BLEED_OUT only those next to a pixel outside the outer mask along the border.
/// </summary>
public sealed class DoubleEdgeMaskOperation : NodeOperation
{
    private const byte None = 0, Fill = 1, Gradient = 2, OuterEdge = 3, InnerEdge = 4;

    /// <summary>Creates the operation. Inputs: inner mask, outer mask.</summary>
    public DoubleEdgeMaskOperation(bool adjacentOnly, bool keepInside) : base(DataType.Value)
    {
        AdjacentOnly = adjacentOnly;
        KeepInside = keepInside;
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;
    }

    /// <summary>Inner edges only where the inner mask meets the outer mask (<c>inner_mode</c> ADJACENT_ONLY).</summary>
    public bool AdjacentOnly { get; }

    /// <summary>Keep the gradient inside at the image border (<c>edge_mode</c> KEEP_IN).</summary>
    public bool KeepInside { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var canvas = Canvas;
        int w = canvas.Width, h = canvas.Height;
        var inner = Bits(inputs[0], canvas);
        var outer = Bits(inputs[1], canvas);
        var result = Compute(inner, outer, w, h, AdjacentOnly, KeepInside);
        for (int y = area.YMin; y < area.YMax; y++)
            result.AsSpan((y - canvas.YMin) * w + area.XMin - canvas.XMin, area.Width).CopyTo(o.GetRow(y, area.XMin, area.Width));
    }

    private static bool[] Bits(MemoryBuffer input, Rect canvas)
    {
        int w = canvas.Width;
        var set = new bool[w * canvas.Height];
        var row = new float[w];
        for (int y = canvas.YMin; y < canvas.YMax; y++)
        {
            var values = input.ReadRow(y, canvas.XMin, w, row);
            int b = (y - canvas.YMin) * w;
            for (int x = 0; x < w; x++) set[b + x] = BitConverter.SingleToUInt32Bits(values[x]) != 0;
        }

        return set;
    }

    /// <summary>The mask for <paramref name="w"/> × <paramref name="h"/> pixels (rows bottom-up) from the set pixels of both masks.</summary>
    public static float[] Compute(bool[] inner, bool[] outer, int w, int h, bool adjacentOnly, bool keepInside)
    {
        var state = new byte[w * h];
        bool In(int i) => i >= 0 && i < inner.Length && inner[i];
        bool Out(int i) => i >= 0 && i < outer.Length && outer[i];

        // Inner-mask pixel: an edge when a neighbour breaks the inner mask (ALL) or lies only in the outer mask (ADJACENT_ONLY).
        bool InnerEdgeNeighbour(int n) => adjacentOnly ? !In(n) && Out(n) : !In(n);

        void Border(int p, int n1, int n2)
        {
            if (In(p))
            {
                state[p] = InnerEdgeNeighbour(n1) || InnerEdgeNeighbour(n2) ? InnerEdge : Fill;
            }
            else if (Out(p))
            {
                if (keepInside) state[p] = OuterEdge;
                else state[p] = !Out(n1) || !Out(n2) ? OuterEdge : Gradient;
            }
        }

        int t = w * h - 1;
        // Corners (upper left, upper right, lower left, lower right), as Blender visits them.
        Border(t - w + 1, t - w + 1 - w, t - w + 2);
        Border(t, t - w, t - 1);
        Border(0, w, 1);
        Border(w - 1, 2 * w - 1, w - 2);
        for (int x = t - 1; x >= t - w + 2; x--) Border(x, x - 1, x + 1);
        for (int x = w - 2; x > 0; x--) Border(x, x - 1, x + 1);
        for (int x = t - 2 * w + 1; x >= w; x -= w) Border(x, x - w, x + w);
        for (int x = t - w; x > w; x -= w) Border(x, x - w, x + w);

        for (int y = 1; y < h - 1; y++)
        {
            for (int x = w - 2; x >= 1; x--)
            {
                int a = y * w + x;
                if (!In(a))
                {
                    if (!Out(a)) continue;
                    bool edge = (!Out(a - 1) && !In(a - 1)) || (!Out(a + 1) && !In(a + 1)) || (!Out(a - w) && !In(a - w)) || (!Out(a + w) && !In(a + w));
                    state[a] = edge ? OuterEdge : Gradient;
                }
                else
                {
                    bool edge = InnerEdgeNeighbour(a - 1) || InnerEdgeNeighbour(a + 1) || InnerEdgeNeighbour(a - w) || InnerEdgeNeighbour(a + w);
                    state[a] = edge ? InnerEdge : Fill;
                }
            }
        }

        var res = new float[w * h];
        var innerEdge = new bool[w * h];
        var outerEdge = new bool[w * h];
        bool anyGradient = false;
        for (int i = 0; i < state.Length; i++)
        {
            switch (state[i])
            {
                case Fill:
                    res[i] = 1f;
                    break;
                case InnerEdge:
                    res[i] = 1f;
                    innerEdge[i] = true;
                    break;
                case OuterEdge:
                    outerEdge[i] = true;
                    break;
                case Gradient:
                    anyGradient = true;
                    break;
            }
        }

        if (!anyGradient) return res;

        // Blender compares every gradient pixel with every edge pixel; the exact squared Euclidean
        // distance transform gives the same minimum in linear time.
        var toOuter = SquaredDistances(outerEdge, w, h);
        var toInner = SquaredDistances(innerEdge, w, h);
        for (int i = 0; i < state.Length; i++)
        {
            if (state[i] != Gradient) continue;
            float odist = InverseSqrt(toOuter[i]);
            float idist = InverseSqrt(toInner[i]);
            res[i] = idist / (idist + odist);
        }

        return res;
    }

    /// <summary>
    /// For every pixel, the squared distance to the nearest set pixel of <paramref name="feature"/>
    /// (uint.MaxValue when none is set), exactly, as a float: a column pass, then the lower envelope
    /// of parabolas along each row (Felzenszwalb and Huttenlocher) with exact rational intersections.
    /// </summary>
    public static float[] SquaredDistances(bool[] feature, int w, int h)
    {
        const long Inf = long.MaxValue;
        var column = new long[w * h];
        for (int x = 0; x < w; x++)
        {
            long last = -1;
            for (int y = 0; y < h; y++)
            {
                if (feature[y * w + x]) last = y;
                column[y * w + x] = last < 0 ? Inf : (y - last) * (y - last);
            }

            last = -1;
            for (int y = h - 1; y >= 0; y--)
            {
                if (feature[y * w + x]) last = y;
                if (last >= 0) column[y * w + x] = System.Math.Min(column[y * w + x], (last - y) * (last - y));
            }
        }

        var result = new float[w * h];
        var v = new int[w];
        var zNum = new long[w];
        var zDen = new long[w];
        for (int y = 0; y < h; y++)
        {
            int row = y * w, k = -1;
            for (int q = 0; q < w; q++)
            {
                long fq = column[row + q];
                if (fq == Inf) continue;
                long num = 0, den = 1;
                while (k >= 0)
                {
                    int p = v[k];
                    num = fq + (long)q * q - (column[row + p] + (long)p * p);
                    den = 2L * (q - p);
                    // Drop the last parabola while the new one takes over at or before where the last one did.
                    if (k > 0 && num * zDen[k] <= zNum[k] * den) k--;
                    else break;
                }

                k++;
                v[k] = q;
                zNum[k] = num;
                zDen[k] = den;
            }

            for (int q = 0, j = 0; q < w; q++)
            {
                if (k < 0)
                {
                    result[row + q] = uint.MaxValue;
                    continue;
                }

                while (j < k && zNum[j + 1] < (long)q * zDen[j + 1]) j++;
                long d = (long)(q - v[j]) * (q - v[j]) + column[row + v[j]];
                result[row + q] = d >= uint.MaxValue ? uint.MaxValue : (uint)d;
            }
        }

        return result;
    }

    /// <summary>The "fast inverse square root" with one Newton step, as Blender's Double Edge Mask computes it.</summary>
    public static float InverseSqrt(float value)
    {
        float half = value * 0.5f;
        float y = BitConverter.UInt32BitsToSingle(0x5f3759dfu - (BitConverter.SingleToUInt32Bits(value) >> 1));
        return y * (1.5f - half * y * y);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(AdjacentOnly);
        hash.Add(KeepInside);
        return true;
    }
}
