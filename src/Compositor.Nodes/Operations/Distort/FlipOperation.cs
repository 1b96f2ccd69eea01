using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Mirrors an image along x, y or both (Blender 3.4's full-frame FlipOperation). The canvas is the
/// input's; with width w and the input canvas's corner m, output pixel x reads input pixel
/// <c>m + (w − 1 − x)</c> when flipping x (x absolute; the same for y), so an image at the origin
/// is mirrored in place.
/// </summary>
public sealed class FlipOperation : NodeOperation
{
    /// <summary>Creates a flip.</summary>
    public FlipOperation(bool flipX, bool flipY) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.None);
        FlipX = flipX;
        FlipY = flipY;
        Flags = OperationFlags.Complex | OperationFlags.CanBeConstant;
        CanvasInputIndex = 0;
    }

    /// <summary>Mirrors along x.</summary>
    public bool FlipX { get; }

    /// <summary>Mirrors along y.</summary>
    public bool FlipY { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (outputArea.IsEmpty) return outputArea;
        var input = InputCanvas;
        int xmin = outputArea.XMin, xmax = outputArea.XMax, ymin = outputArea.YMin, ymax = outputArea.YMax;
        if (FlipX)
        {
            int last = Canvas.Width - 1 + input.XMin;
            (xmin, xmax) = (last - (outputArea.XMax - 1), last - outputArea.XMin + 1);
        }

        if (FlipY)
        {
            int last = Canvas.Height - 1 + input.YMin;
            (ymin, ymax) = (last - (outputArea.YMax - 1), last - outputArea.YMin + 1);
        }

        return new Rect(xmin, ymin, xmax, ymax);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        if (input.IsSingleElement)
        {
            if (o.IsSingleElement) input.SingleElement.CopyTo(o.DangerousGetArray());
            else o.CopyFrom(input, area);
            return;
        }

        var inCanvas = InputCanvas;
        int w = area.Width;
        int lastX = Canvas.Width - 1 + inCanvas.XMin, lastY = Canvas.Height - 1 + inCanvas.YMin;
        var scratch = new float[w * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            int sy = FlipY ? lastY - y : y;
            var dst = o.GetRow(y, area.XMin, w);
            if (!FlipX)
            {
                input.ReadRow(sy, area.XMin, w, scratch).CopyTo(dst);
                continue;
            }

            // Source x runs backwards from lastX - xmin: read that run once, then reverse it.
            var src = input.ReadRow(sy, lastX - (area.XMax - 1), w, scratch);
            for (int i = 0; i < w; i++) src.Slice((w - 1 - i) * 4, 4).CopyTo(dst.Slice(i * 4, 4));
        }
    }

    private Rect InputCanvas => Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(FlipX);
        hash.Add(FlipY);
        return true;
    }
}
