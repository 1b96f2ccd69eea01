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
        bool vector = Vector256.IsHardwareAccelerated && !single && delta > 0;
        int fullTotal = (2 * delta - 1) * (2 * delta - 1) - 1;
        int fullThreshold = System.Math.Max(1, (int)MathF.Ceiling(fullTotal * 0.9f));
        int vx0 = System.Math.Max(area.XMin, full.XMin + delta - 1), vx1 = System.Math.Min(area.XMax, full.XMax - delta + 1);
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int x = area.XMin;
            if (vector && y - delta + 1 >= full.YMin && y + delta <= full.YMax && vx1 - vx0 >= Vector256<float>.Count)
            {
                for (; x < vx0; x++) dst[x - area.XMin] = ScalarPixel(data, single, origin, stride, canvas, x, y);
                x = InteriorRow(dst[(vx0 - area.XMin)..], data, origin + y * stride + vx0, stride, vx1 - vx0, fullThreshold) + vx0;
            }

            for (; x < area.XMax; x++) dst[x - area.XMin] = ScalarPixel(data, single, origin, stride, canvas, x, y);
        }
    }

    /// <summary>One pixel, its window clipped to the canvas.</summary>
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
    private int InteriorRow(Span<float> dst, float[] data, int start, int stride, int width, int threshold)
    {
        int reach = KernelRadius - 1, n = Vector256<float>.Count;
        var tolerance = Vector256.Create(KernelTolerance);
        var black = Vector256.Create(ClipBlack);
        var white = Vector256.Create(ClipWhite);
        var range = Vector256.Create(ClipWhite - ClipBlack);
        var need = Vector256.Create(threshold);
        ref float d = ref MemoryMarshal.GetArrayDataReference(data);
        ref float o = ref MemoryMarshal.GetReference(dst);
        int x = 0;
        for (; x <= width - n; x += n)
        {
            ref float centre = ref Unsafe.Add(ref d, start + x);
            var value = Vector256.LoadUnsafe(ref centre);
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

            var inside = Vector256.GreaterThanOrEqual(count, need).AsSingle();
            Vector256<float> result;
            if (EdgeMatte)
            {
                result = Vector256.ConditionalSelect(inside, Vector256<float>.Zero, Vector256<float>.One);
            }
            else
            {
                var clipped = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(value, white), Vector256<float>.One, (value - black) / range);
                clipped = Vector256.ConditionalSelect(Vector256.LessThan(value, black), Vector256<float>.Zero, clipped);
                result = Vector256.ConditionalSelect(inside, clipped, value);
            }

            result.StoreUnsafe(ref Unsafe.Add(ref o, x));
        }

        return x;
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
