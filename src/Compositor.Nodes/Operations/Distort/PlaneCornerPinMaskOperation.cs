using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Corner Pin node's Plane output (Blender 3.4's PlaneCornerPinMaskOperation): the fraction of
/// 8 jittered samples per pixel (Blender's fixed jitter table) inside the quadrilateral of the four
/// corner inputs (constants only, in units of the canvas; lower left, lower right, upper right,
/// upper left). The canvas is the preferred one (the consumer's).
/// </summary>
public sealed class PlaneCornerPinMaskOperation : NodeOperation
{
    private const int Samples = 8;
    private static readonly float[] Jitter = BlenderJitter.Create(Samples);
    private float[] _corners = new float[8];

    /// <summary>Creates the operation.</summary>
    public PlaneCornerPinMaskOperation() : base(DataType.Value)
    {
        for (int i = 0; i < 4; i++) AddInput(DataType.Vector);
        Flags = OperationFlags.Complex;
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        foreach (var input in Inputs)
            if (input.IsConnected) resolver.Resolve(input.Link!, preferred);
        return preferred;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Rect.Empty;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        var c = PlaneCorners.Read(this, 0);
        for (int i = 0; i < 4; i++)
        {
            c[i * 2] *= Canvas.Width;
            c[i * 2 + 1] *= Canvas.Height;
        }

        _corners = c;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var c = _corners;
        var jitter = Jitter;
        int w = area.Width;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            for (int i = 0; i < w; i++)
            {
                int x = area.XMin + i, inside = 0;
                for (int s = 0; s < Samples; s++)
                {
                    float px = x + jitter[s * 2], py = y + jitter[s * 2 + 1];
                    if (PlaneCorners.InTriangle(px, py, c[0], c[1], c[2], c[3], c[4], c[5]) ||
                        PlaneCorners.InTriangle(px, py, c[0], c[1], c[4], c[5], c[6], c[7]))
                        inside++;
                }

                dst[i] = inside / (float)Samples;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
