using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// SMAA's third pass (Blender's SMAANeighborhoodBlendingOperation): each pixel mixes with its
/// neighbours along the dominant direction of the blending weights around it (its own R, B, the
/// A of the pixel at x + 1 and the G of the pixel at y + 1), by two bilinear reads offset by the
/// weights. Pixels without weights pass through; pixels outside the image read as zero.
/// </summary>
public sealed class SmaaNeighborhoodBlendingOperation : NodeOperation
{
    /// <summary>Creates the operation: input 0 the image, input 1 the blending weights.</summary>
    public SmaaNeighborhoodBlendingOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        CanvasInputIndex = 0;
        Flags = OperationFlags.Complex;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        new(outputArea.XMin - 1, outputArea.YMin - 1, outputArea.XMax + 2, outputArea.YMax + 2);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[0];
        var weights = inputs[1];
        Span<float> w = stackalloc float[4];
        Span<float> c0 = stackalloc float[4];
        Span<float> c1 = stackalloc float[4];
        Span<float> a = stackalloc float[4];
        Span<float> b = stackalloc float[4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            for (int i = 0; i < area.Width; i++)
            {
                int x = area.XMin + i;
                var dst = row.Slice(i * 4, 4);
                weights.ReadElementChecked(x, y, w);
                float left = w[2], top = w[0];
                weights.ReadElementChecked(x + 1, y, w);
                float right = w[3];
                weights.ReadElementChecked(x, y + 1, w);
                float bottom = w[1];
                if (right + bottom + left + top < 1e-5f)
                {
                    image.ReadElementChecked(x, y, dst);
                    continue;
                }

                bool horizontal = MathF.Max(right, left) > MathF.Max(bottom, top);
                float offset1, offset2, weight1, weight2;
                if (horizontal)
                {
                    offset1 = right;
                    offset2 = -left;
                    weight1 = right / (right + left);
                    weight2 = left / (right + left);
                }
                else
                {
                    offset1 = bottom;
                    offset2 = -top;
                    weight1 = bottom / (bottom + top);
                    weight2 = top / (bottom + top);
                }

                Sample(image, x, y, offset1, horizontal, a, c0, c1);
                Sample(image, x, y, offset2, horizontal, b, c0, c1);
                for (int k = 0; k < 4; k++) dst[k] = a[k] * weight1 + b[k] * weight2;
            }
        }
    }

    /// <summary>Linear interpolation between (x, y) shifted by floor(offset) and its next neighbour along the axis.</summary>
    private static void Sample(MemoryBuffer image, int x, int y, float offset, bool horizontal, Span<float> dst, Span<float> c0, Span<float> c1)
    {
        float i = MathF.Floor(offset);
        float f = offset - i;
        if (horizontal)
        {
            x += (int)i;
            image.ReadElementChecked(x, y, c0);
            image.ReadElementChecked(x + 1, y, c1);
        }
        else
        {
            y += (int)i;
            image.ReadElementChecked(x, y, c0);
            image.ReadElementChecked(x, y + 1, c1);
        }

        for (int k = 0; k < 4; k++) dst[k] = f * c1[k] + (1f - f) * c0[k];
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
