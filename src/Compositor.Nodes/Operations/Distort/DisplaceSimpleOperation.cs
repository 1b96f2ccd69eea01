using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Displace node at low quality (Blender's DisplaceSimpleOperation): output pixel (x, y) takes
/// the image pixel nearest to <c>(x − V.x · sx + 0.5, y − V.y · sy + 0.5)</c> clamped into the
/// canvas, V the vector and sx, sy the scales at (x, y) clamped to ±4 times the canvas size.
/// </summary>
public sealed class DisplaceSimpleOperation : NodeOperation
{
    /// <summary>Creates the operation.</summary>
    public DisplaceSimpleOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Vector);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex | OperationFlags.CanBeConstant;
        CanvasInputIndex = 0;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == 0 ? (Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas) : outputArea;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        if (o.IsSingleElement)
        {
            inputs[0].SingleElement.CopyTo(o.DangerousGetArray());
            return;
        }

        var image = new Sampler(inputs[0], Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas);
        float width = Canvas.Width, height = Canvas.Height;
        float limitX = width * 4f, limitY = height * 4f;
        int w = area.Width;
        var vectors = new float[w * 3];
        var sxRow = new float[w];
        var syRow = new float[w];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var vec = inputs[1].ReadRow(y, area.XMin, w, vectors);
            var sx = inputs[2].ReadRow(y, area.XMin, w, sxRow);
            var sy = inputs[3].ReadRow(y, area.XMin, w, syRow);
            var dst = o.GetRow(y, area.XMin, w);
            for (int i = 0; i < w; i++)
            {
                float scaleX = System.Math.Clamp(sx[i], -limitX, limitX), scaleY = System.Math.Clamp(sy[i], -limitY, limitY);
                float u = area.XMin + i - vec[i * 3] * scaleX + 0.5f;
                float v = y - vec[i * 3 + 1] * scaleY + 0.5f;
                u = System.Math.Clamp(u, 0f, width - 1f);
                v = System.Math.Clamp(v, 0f, height - 1f);
                image.Nearest(u, v, dst.Slice(i * 4, 4));
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
