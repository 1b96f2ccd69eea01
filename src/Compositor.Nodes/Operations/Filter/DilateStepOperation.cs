using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>
/// Dilate/Erode in STEP mode (Blender's DilateStepOperation and ErodeStepOperation): the largest
/// (dilate) or smallest (erode) value in the (2n + 1)² square around each pixel, clipped to the
/// canvas; computed as a horizontal then a vertical running extreme (van Herk / Gil-Werman).
/// </summary>
public sealed class DilateStepOperation : NodeOperation
{
    /// <summary>Creates the operation with <paramref name="iterations"/> (the square's half-size, ≥ 0).</summary>
    public DilateStepOperation(int iterations, bool erode) : base(DataType.Value)
    {
        Iterations = iterations;
        Erode = erode;
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
    }

    /// <summary>Half-size of the square.</summary>
    public int Iterations { get; }

    /// <summary>Minimum instead of maximum.</summary>
    public bool Erode { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Expand(Iterations, Iterations);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        int n = Iterations, width = area.Width;
        var canvas = Canvas;
        int y0 = System.Math.Max(canvas.YMin, area.YMin - n), y1 = System.Math.Min(canvas.YMax, area.YMax + n);
        int x0 = System.Math.Max(canvas.XMin, area.XMin - n), x1 = System.Math.Min(canvas.XMax, area.XMax + n);
        int rows = y1 - y0, span = x1 - x0;
        float pad = Erode ? float.MaxValue : -float.MaxValue;
        // Horizontal pass over every row the vertical pass reads, then the vertical pass.
        var pool = ArrayPool<float>.Shared;
        float[] horizontal = pool.Rent(System.Math.Max(1, rows * width));
        int line = System.Math.Max(span, rows) + 2 * n;
        float[] src = pool.Rent(line), dst = pool.Rent(line), g = pool.Rent(line), h = pool.Rent(line);
        try
        {
            for (int y = y0; y < y1; y++)
            {
                var row = input.ReadRow(y, x0, span, src.AsSpan(0, span));
                if (!row.Overlaps(src)) row.CopyTo(src);
                RunningExtreme(src, span, n, pad, dst, g, h);
                dst.AsSpan(area.XMin - x0, width).CopyTo(horizontal.AsSpan((y - y0) * width, width));
            }

            var outData = o.DangerousGetArray();
            int stride = o.RowStride;
            for (int i = 0; i < width; i++)
            {
                for (int r = 0; r < rows; r++) src[r] = horizontal[r * width + i];
                RunningExtreme(src, rows, n, pad, dst, g, h);
                int index = o.IndexOf(area.XMin + i, area.YMin);
                for (int y = area.YMin; y < area.YMax; y++, index += stride) outData[index] = dst[y - y0];
            }
        }
        finally
        {
            pool.Return(horizontal);
            pool.Return(src);
            pool.Return(dst);
            pool.Return(g);
            pool.Return(h);
        }
    }

    /// <summary>
    /// <paramref name="result"/>[i] = the extreme of <paramref name="values"/>[i − n .. i + n] (clipped
    /// to 0..count − 1), from block-wise prefix and suffix extremes.
    /// </summary>
    private void RunningExtreme(float[] values, int count, int n, float pad, float[] result, float[] prefix, float[] suffix)
    {
        int window = 2 * n + 1;
        int total = count + 2 * n;
        // Padded index p holds values[p - n]; blocks of `window` start at multiples of it.
        for (int p = 0; p < total; p++)
        {
            float v = p >= n && p < n + count ? values[p - n] : pad;
            prefix[p] = p % window == 0 ? v : Pick(prefix[p - 1], v);
        }

        for (int p = total - 1; p >= 0; p--)
        {
            float v = p >= n && p < n + count ? values[p - n] : pad;
            suffix[p] = p % window == window - 1 || p == total - 1 ? v : Pick(suffix[p + 1], v);
        }

        // Window of output i covers padded p = i .. i + 2n.
        for (int i = 0; i < count; i++) result[i] = Pick(suffix[i], prefix[i + 2 * n]);
    }

    private float Pick(float a, float b) => Erode ? (b < a ? b : a) : (b > a ? b : a);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Iterations);
        hash.Add(Erode);
        return true;
    }
}
