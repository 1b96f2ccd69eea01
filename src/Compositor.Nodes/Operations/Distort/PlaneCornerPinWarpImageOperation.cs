using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Corner Pin node's Image output (Blender 3.4's PlaneCornerPinWarpImageOperation): the image
/// warped so its corners land on the four corner inputs (constants only, in units of this canvas;
/// lower left, lower right, upper right, upper left). Each output pixel maps back through the
/// projective map from the corners to the image's frame and is EWA-filtered with the map's
/// derivatives there, half a pixel further along both axes than the Map UV and Displace nodes
/// sample (checked against Blender 3.4 with a coordinate image: the filtered coordinates equal the
/// mapped position). The canvas is the image's.
/// </summary>
public sealed class PlaneCornerPinWarpImageOperation : NodeOperation
{
    private float[] _matrix = [1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f];

    /// <summary>Creates the operation.</summary>
    public PlaneCornerPinWarpImageOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.Align);
        for (int i = 0; i < 4; i++) AddInput(DataType.Vector);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = 0;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == 0 ? ImageCanvas : Rect.Empty;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        var corners = PlaneCorners.Read(this, 1);
        for (int i = 0; i < 4; i++)
        {
            corners[i * 2] *= Canvas.Width;
            corners[i * 2 + 1] *= Canvas.Height;
        }

        var image = ImageCanvas;
        float w = image.Width, h = image.Height;
        _matrix = PlaneCorners.Homography(corners, [0f, 0f, w, 0f, w, h, 0f, h]);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var sampler = new Sampler(inputs[0], ImageCanvas);
        var m = _matrix;
        int w = area.Width;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            for (int i = 0; i < w; i++)
            {
                float x = area.XMin + i;
                float vx = m[0] * x + m[1] * y + m[2];
                float vy = m[3] * x + m[4] * y + m[5];
                float vz = m[6] * x + m[7] * y + m[8];
                float u = vx / vz, v = vy / vz;
                float dudx = (m[0] - m[6] * u) / vz, dvdx = (m[3] - m[6] * v) / vz;
                float dudy = (m[1] - m[7] * u) / vz, dvdy = (m[4] - m[7] * v) / vz;
                sampler.Ewa4(u + 0.5f, v + 0.5f, dudx, dudy, dvdx, dvdy).CopyTo(dst.Slice(i * 4, 4));
            }
        }
    }

    private Rect ImageCanvas => Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
