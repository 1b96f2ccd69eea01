using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Crop keeping the image size (Blender's CropOperation): pixels inside the cropped rectangle
/// (absolute coordinates, bounds from <see cref="CropSettings.Bounds"/> of the input's size) pass,
/// the others become transparent black. A constant input is cropped like an image (by the
/// constant's canvas), as Blender 3.4 does.
/// </summary>
public sealed class CropOperation : NodeOperation
{
    /// <summary>Creates the crop.</summary>
    public CropOperation(CropSettings settings) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.Align);
        Settings = settings;
        Flags = OperationFlags.None;
        CanvasInputIndex = 0;
    }

    /// <summary>The crop bounds.</summary>
    public CropSettings Settings { get; }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var inCanvas = Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;
        var (xmin, ymin, xmax, ymax) = Settings.Bounds(inCanvas.Width, inCanvas.Height);
        int w = area.Width;
        var scratch = new float[w * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            dst.Clear();
            if (y < ymin || y >= ymax) continue;
            int x0 = System.Math.Max(area.XMin, xmin), x1 = System.Math.Min(area.XMax, xmax);
            if (x1 <= x0) continue;
            input.ReadRow(y, x0, x1 - x0, scratch).CopyTo(dst[((x0 - area.XMin) * 4)..]);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings);
        return true;
    }
}
