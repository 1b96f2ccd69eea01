using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// The Keying node's black/white clipping and edge detection (Blender's KeyingClipOperation). A
/// pixel is "inside" when at least 90 % (rounded up, and at least one) of the other values in the
/// (2·radius − 1)² window around it, clipped to the canvas, differ from it by less than the
/// tolerance (a radius of 0 makes every pixel inside). The edge matte is 0 inside and 1 elsewhere;
/// the clipped matte maps clip_black..clip_white to 0..1 inside and keeps the value elsewhere.
/// </summary>
public sealed class KeyingClipOperation : NodeOperation
{
    /// <summary>Creates the operation.</summary>
    public KeyingClipOperation(int kernelRadius, float kernelTolerance, float clipBlack, float clipWhite, bool edgeMatte) : base(DataType.Value)
    {
        KernelRadius = kernelRadius;
        KernelTolerance = kernelTolerance;
        ClipBlack = clipBlack;
        ClipWhite = clipWhite;
        EdgeMatte = edgeMatte;
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
    }

    /// <summary>Window half-size plus one (<c>edge_kernel_radius</c>).</summary>
    public int KernelRadius { get; }

    /// <summary>Largest difference counted as equal (<c>edge_kernel_tolerance</c>).</summary>
    public float KernelTolerance { get; }

    /// <summary>Values below are 0 (<c>clip_black</c>).</summary>
    public float ClipBlack { get; }

    /// <summary>Values from here are 1 (<c>clip_white</c>).</summary>
    public float ClipWhite { get; }

    /// <summary>Output the edge matte instead of the clipped matte.</summary>
    public bool EdgeMatte { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Expand(KernelRadius, KernelRadius);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        int delta = KernelRadius;
        var canvas = Canvas;
        var data = input.DangerousGetArray();
        bool single = input.IsSingleElement;
        int stride = input.RowStride, origin = single ? 0 : -input.Rect.XMin - input.Rect.YMin * stride;
        // Where the whole window lies inside both the canvas and the input, every pixel has the same
        // neighbour count, and eight pixels are counted at once.
        var full = canvas.Intersect(single ? canvas : input.Rect);
        bool vector = Vector256.IsHardwareAccelerated && !single && delta > 1; // radius 1: no neighbours, never inside
        int fullTotal = (2 * delta - 1) * (2 * delta - 1) - 1;
        int fullThreshold = System.Math.Max(1, (int)MathF.Ceiling(fullTotal * 0.9f));
        int vx0 = System.Math.Max(area.XMin, full.XMin + delta - 1), vx1 = System.Math.Min(area.XMax, full.XMax - delta + 1);
        int reach = delta - 1, ry0 = System.Math.Max(area.YMin, full.YMin + reach), ry1 = System.Math.Min(area.YMax, full.YMax - reach);
        int blocks = (vx1 - vx0) / Vector256<float>.Count * Vector256<float>.Count;
        vector &= blocks > 0 && ry1 > ry0;
        // Each row's window minimum and maximum along x, so a block's whole window is bounded with a
        // few loads: a block all of whose neighbours are within tolerance needs no counting.
        int bounded = vector ? ry1 - ry0 + 2 * reach : 0;
        float[] bounds = vector ? ArrayPool<float>.Shared.Rent(2 * bounded * blocks) : [];
        try
        {
            for (int r = 0; r < bounded; r++)
                RowBounds(bounds.AsSpan(2 * r * blocks, 2 * blocks), data, origin + (ry0 - reach + r) * stride + vx0, blocks);
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var dst = o.GetRow(y, area.XMin, area.Width);
                int x = area.XMin;
                if (vector && y >= ry0 && y < ry1)
                {
                    for (; x < vx0; x++) dst[x - area.XMin] = ScalarPixel(data, single, origin, stride, canvas, x, y);
                    var window = bounds.AsSpan(2 * (y - ry0) * blocks, 2 * (2 * reach + 1) * blocks);
                    x = InteriorRow(dst[(vx0 - area.XMin)..], data, origin + y * stride + vx0, stride, blocks, fullThreshold, window) + vx0;
                }

                for (; x < area.XMax; x++) dst[x - area.XMin] = ScalarPixel(data, single, origin, stride, canvas, x, y);
            }
        }
        finally
        {
            if (vector) ArrayPool<float>.Shared.Return(bounds);
        }
    }

    /// <summary>
    /// For each of <paramref name="width"/> pixels from data[start]: the minimum (first half of
    /// <paramref name="bounds"/>) and maximum (second half) of the row's values within the window's
    /// reach along x. NaN propagates, so a window holding one is never taken as uniform.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RowBounds(Span<float> bounds, float[] data, int start, int width)
    {
        int reach = KernelRadius - 1, n = Vector256<float>.Count;
        ref float d = ref MemoryMarshal.GetArrayDataReference(data);
        ref float lo = ref MemoryMarshal.GetReference(bounds);
        ref float hi = ref Unsafe.Add(ref lo, width);
        for (int x = 0; x < width; x += n)
        {
            ref float p = ref Unsafe.Add(ref d, start + x);
            var min = Vector256.LoadUnsafe(ref Unsafe.Add(ref p, -reach));
            var max = min;
            for (int dx = -reach + 1; dx <= reach; dx++)
            {
                var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref p, dx));
                min = Vector256.Min(min, v);
                max = Vector256.Max(max, v);
            }

            min.StoreUnsafe(ref Unsafe.Add(ref lo, x));
            max.StoreUnsafe(ref Unsafe.Add(ref hi, x));
        }
    }

    /// <summary>One pixel, its window clipped to the canvas.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float ScalarPixel(float[] data, bool single, int origin, int stride, Rect canvas, int x, int y)
    {
        int delta = KernelRadius;
        float tolerance = KernelTolerance;
        float value = single ? data[0] : data[origin + y * stride + x];
        bool ok = delta == 0;
        if (!ok)
        {
            int y0 = System.Math.Max(canvas.YMin, y - delta + 1), y1 = System.Math.Min(y + delta, canvas.YMax);
            int x0 = System.Math.Max(canvas.XMin, x - delta + 1), x1 = System.Math.Min(x + delta, canvas.XMax);
            int total = (x1 - x0) * (y1 - y0) - 1;
            int threshold = (int)MathF.Ceiling(total * 0.9f);
            int count = 0;
            for (int cy = y0; cy < y1 && !ok; cy++)
            {
                int rowBase = single ? 0 : origin + cy * stride;
                for (int cx = x0; cx < x1; cx++)
                {
                    if (cx == x && cy == y) continue;
                    if (MathF.Abs(data[single ? 0 : rowBase + cx] - value) < tolerance && ++count >= threshold)
                    {
                        ok = true;
                        break;
                    }
                }
            }
        }

        return Result(value, ok);
    }

    private float Result(float value, bool inside)
    {
        if (EdgeMatte) return inside ? 0f : 1f;
        if (!inside) return value;
        if (value < ClipBlack) return 0f;
        if (value >= ClipWhite) return 1f;
        return (value - ClipBlack) / (ClipWhite - ClipBlack);
    }

    /// <summary>
    /// Whole blocks of eight pixels of a row whose windows are unclipped, starting at data[start];
    /// returns how many pixels were written. Each neighbour's |difference| &lt; tolerance test is the
    /// scalar one, so the counts, and the results, are the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int InteriorRow(Span<float> dst, float[] data, int start, int stride, int width, int threshold, ReadOnlySpan<float> window)
    {
        int reach = KernelRadius - 1, n = Vector256<float>.Count;
        var tolerance = Vector256.Create(KernelTolerance);
        var black = Vector256.Create(ClipBlack);
        var white = Vector256.Create(ClipWhite);
        var range = Vector256.Create(ClipWhite - ClipBlack);
        var need = Vector256.Create(threshold);
        ref float d = ref MemoryMarshal.GetArrayDataReference(data);
        ref float o = ref MemoryMarshal.GetReference(dst);
        ref float bounds = ref MemoryMarshal.GetReference(window);
        int x = 0;
        for (; x <= width - n; x += n)
        {
            ref float centre = ref Unsafe.Add(ref d, start + x);
            var value = Vector256.LoadUnsafe(ref centre);
            // If the window's largest and smallest values are within tolerance of the centre, so is
            // every neighbour (subtraction rounds monotonically): all count, the pixel is inside.
            var min = Vector256.LoadUnsafe(ref Unsafe.Add(ref bounds, x));
            var max = Vector256.LoadUnsafe(ref Unsafe.Add(ref bounds, width + x));
            for (int r = 1; r <= 2 * reach; r++)
            {
                min = Vector256.Min(min, Vector256.LoadUnsafe(ref Unsafe.Add(ref bounds, 2 * r * width + x)));
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref Unsafe.Add(ref bounds, (2 * r + 1) * width + x)));
            }

            if (Vector256.LessThanAll(max - value, tolerance) && Vector256.LessThanAll(value - min, tolerance))
            {
                Result(value, Vector256<float>.AllBitsSet, black, white, range).StoreUnsafe(ref Unsafe.Add(ref o, x));
                continue;
            }

            var count = Vector256<int>.Zero;
            for (int dy = -reach; dy <= reach; dy++)
            {
                ref float row = ref Unsafe.Add(ref centre, dy * stride);
                for (int dx = -reach; dx <= reach; dx++)
                {
                    if (dx == 0 && dy == 0) continue;
                    var near = Vector256.LessThan(Vector256.Abs(Vector256.LoadUnsafe(ref Unsafe.Add(ref row, dx)) - value), tolerance);
                    count -= near.AsInt32();
                }
            }

            Result(value, Vector256.GreaterThanOrEqual(count, need).AsSingle(), black, white, range).StoreUnsafe(ref Unsafe.Add(ref o, x));
        }

        return x;
    }

    /// <summary><see cref="Result(float, bool)"/> on eight pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Result(Vector256<float> value, Vector256<float> inside, Vector256<float> black, Vector256<float> white, Vector256<float> range)
    {
        if (EdgeMatte) return Vector256.ConditionalSelect(inside, Vector256<float>.Zero, Vector256<float>.One);
        var clipped = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, white), Vector256<float>.One, (value - black) / range);
        clipped = Vector256.ConditionalSelect(Vector256.LessThan(value, black), Vector256<float>.Zero, clipped);
        return Vector256.ConditionalSelect(inside, clipped, value);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(KernelRadius);
        hash.Add(KernelTolerance);
        hash.Add(ClipBlack);
        hash.Add(ClipWhite);
        hash.Add(EdgeMatte);
        return true;
    }
}
