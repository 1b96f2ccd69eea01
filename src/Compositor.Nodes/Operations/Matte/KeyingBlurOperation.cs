using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// The Keying node's box blur of a value map along one axis (Blender's KeyingBlurOperation): the mean
/// of the 2·size − 1 values centred on each pixel, clipped to the canvas. Used for the chroma
/// pre-blur and the matte post-blur.
/// </summary>
public sealed class KeyingBlurOperation : NodeOperation
{
    /// <summary>Creates the pass along <paramref name="axis"/> with half-width <paramref name="size"/>.</summary>
    public KeyingBlurOperation(int size, BlurAxis axis) : base(DataType.Value)
    {
        Size = size;
        Axis = axis;
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
    }

    /// <summary>Values on each side are <see cref="Size"/> − 1.</summary>
    public int Size { get; }

    /// <summary>The axis blurred along.</summary>
    public BlurAxis Axis { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Axis == BlurAxis.X
        ? outputArea with { XMin = outputArea.XMin - Size, XMax = outputArea.XMax + Size }
        : outputArea with { YMin = outputArea.YMin - Size, YMax = outputArea.YMax + Size };

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        int width = area.Width, size = Size;
        bool alongX = Axis == BlurAxis.X;
        int lo = alongX ? Canvas.XMin : Canvas.YMin, hi = alongX ? Canvas.XMax : Canvas.YMax;
        if (input.IsSingleElement)
        {
            // The mean of equal values, summed in order as Blender does (it may differ in the last bit).
            float v = input.SingleElement[0];
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = o.GetRow(y, area.XMin, width);
                for (int i = 0; i < width; i++)
                {
                    int coord = alongX ? area.XMin + i : y;
                    int start = System.Math.Max(lo, coord - size + 1), end = System.Math.Min(hi, coord + size);
                    float sum = 0f;
                    for (int k = start; k < end; k++) sum += v;
                    row[i] = sum / (end - start);
                }
            }

            return;
        }

        var data = input.DangerousGetArray();
        if (alongX)
        {
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var dst = o.GetRow(y, area.XMin, width);
                int rowBase = input.IndexOf(input.Rect.XMin, y) - input.Rect.XMin;
                for (int i = 0; i < width; i++)
                {
                    int x = area.XMin + i;
                    int start = System.Math.Max(lo, x - size + 1), end = System.Math.Min(hi, x + size);
                    float sum = 0f;
                    for (int k = start; k < end; k++) sum += data[rowBase + k];
                    dst[i] = sum / (end - start);
                }
            }
        }
        else
        {
            var scratch = new float[width];
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var dst = o.GetRow(y, area.XMin, width);
                int start = System.Math.Max(lo, y - size + 1), end = System.Math.Min(hi, y + size);
                dst.Clear();
                for (int k = start; k < end; k++)
                {
                    var src = input.ReadRow(k, area.XMin, width, scratch);
                    for (int i = 0; i < width; i++) dst[i] += src[i];
                }

                float count = end - start;
                for (int i = 0; i < width; i++) dst[i] /= count;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Size);
        hash.Add(Axis);
        return true;
    }
}
