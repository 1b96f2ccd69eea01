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
        float tolerance = KernelTolerance, black = ClipBlack, white = ClipWhite;
        bool edge = EdgeMatte;
        var canvas = Canvas;
        var data = input.DangerousGetArray();
        bool single = input.IsSingleElement;
        int stride = input.RowStride, origin = single ? 0 : -input.Rect.XMin - input.Rect.YMin * stride;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int y0 = System.Math.Max(canvas.YMin, y - delta + 1), y1 = System.Math.Min(y + delta, canvas.YMax);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                float value = single ? data[0] : data[origin + y * stride + x];
                bool ok = delta == 0;
                if (!ok)
                {
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

                float result;
                if (edge) result = ok ? 0f : 1f;
                else if (!ok) result = value;
                else if (value < black) result = 0f;
                else if (value >= white) result = 1f;
                else result = (value - black) / (white - black);
                dst[x - area.XMin] = result;
            }
        }
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
