using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Crop to the image size (Blender's CropImageOperation): the canvas keeps the input's corner and
/// takes the cropped rectangle's size; output pixel (x, y) reads input pixel
/// <c>(x + xmin, y + ymin)</c> where 0 ≤ x &lt; width and 0 ≤ y &lt; height (absolute), else
/// transparent black.
/// </summary>
public sealed class CropImageOperation : NodeOperation
{
    private (int XMin, int YMin, int XMax, int YMax) _bounds;

    /// <summary>Creates the crop.</summary>
    public CropImageOperation(CropSettings settings) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.Align);
        Settings = settings;
        Flags = OperationFlags.Complex;
        CanvasInputIndex = 0;
    }

    /// <summary>The crop bounds.</summary>
    public CropSettings Settings { get; }

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined)
    {
        _bounds = Settings.Bounds(determined.Width, determined.Height);
        return determined with
        {
            XMax = determined.XMin + (_bounds.XMax - _bounds.XMin),
            YMax = determined.YMin + (_bounds.YMax - _bounds.YMin),
        };
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Translate(_bounds.XMin, _bounds.YMin);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        int width = Canvas.Width, height = Canvas.Height;
        int w = area.Width;
        var scratch = new float[w * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            dst.Clear();
            if (y < 0 || y >= height) continue;
            int x0 = System.Math.Max(area.XMin, 0), x1 = System.Math.Min(area.XMax, width);
            if (x1 <= x0) continue;
            input.ReadRow(y + _bounds.YMin, x0 + _bounds.XMin, x1 - x0, scratch).CopyTo(dst[((x0 - area.XMin) * 4)..]);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings);
        return true;
    }
}
