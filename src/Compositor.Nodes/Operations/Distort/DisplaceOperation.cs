using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Displaces an image by a vector field (Blender 3.4's full-frame DisplaceOperation): output pixel
/// (x, y) reads the image at <c>(x − V.x · sx, y − V.y · sy)</c>, V the vector at (x, y) and sx, sy
/// the X and Y scales at (x, y) clamped to ±4 times the canvas size. The displaced position's
/// derivatives are estimated from the neighbours' displacements (central differences where both
/// neighbours lie inside the vector's size, one-sided at its edges); with all derivatives zero the
/// image is sampled bilinearly, otherwise with EWA filtering over the ellipse they describe.
/// </summary>
public sealed class DisplaceOperation : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the vector input.</summary>
    public const int VectorInput = 1;

    /// <summary>Index of the x scale input.</summary>
    public const int ScaleXInput = 2;

    /// <summary>Index of the y scale input.</summary>
    public const int ScaleYInput = 3;

    /// <summary>Creates the operation.</summary>
    public DisplaceOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Vector);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = ImageInput;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => inputIndex switch
    {
        ImageInput => InputCanvas(ImageInput),
        VectorInput => outputArea.IsEmpty ? outputArea : outputArea.Expand(1, 1),
        _ => outputArea,
    };

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = new Sampler(inputs[ImageInput], InputCanvas(ImageInput));
        var vectorBuffer = inputs[VectorInput];
        var vectorCanvas = InputCanvas(VectorInput);
        int vw = vectorCanvas.Width, vh = vectorCanvas.Height;
        float limitX = Canvas.Width * 4f, limitY = Canvas.Height * 4f;
        int w = area.Width;

        // Vector rows y - 1, y, y + 1 over [xmin - 1, xmax + 1).
        int span = w + 2;
        var below = new float[span * 3];
        var middle = new float[span * 3];
        var above = new float[span * 3];
        var sxRow = new float[w];
        var syRow = new float[w];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var vb = vectorBuffer.ReadRow(y - 1, area.XMin - 1, span, below);
            var vm = vectorBuffer.ReadRow(y, area.XMin - 1, span, middle);
            var va = vectorBuffer.ReadRow(y + 1, area.XMin - 1, span, above);
            var scalesX = inputs[ScaleXInput].ReadRow(y, area.XMin, w, sxRow);
            var scalesY = inputs[ScaleYInput].ReadRow(y, area.XMin, w, syRow);
            var dst = o.GetRow(y, area.XMin, w);
            bool rowValid = y >= 0 && y < vh, belowValid = y - 1 >= 0 && y - 1 < vh, aboveValid = y + 1 >= 0 && y + 1 < vh;
            for (int i = 0; i < w; i++)
            {
                int x = area.XMin + i;
                float xs = System.Math.Clamp(scalesX[i], -limitX, limitX);
                float ys = System.Math.Clamp(scalesY[i], -limitY, limitY);
                float fx = x, fy = y;

                bool valid = rowValid && x >= 0 && x < vw;
                float u = valid ? fx - vm[(i + 1) * 3] * xs : 0f;
                float v = valid ? fy - vm[(i + 1) * 3 + 1] * ys : 0f;

                float dudx = 0f, dvdx = 0f, dudy = 0f, dvdy = 0f;
                int num = 0;
                if (rowValid && x + 1 >= 0 && x + 1 < vw)
                {
                    dudx += fx - vm[(i + 2) * 3] * xs - u;
                    dvdx += fy - vm[(i + 2) * 3 + 1] * ys - v;
                    num++;
                }

                if (rowValid && x - 1 >= 0 && x - 1 < vw)
                {
                    dudx += u - (fx - vm[i * 3] * xs);
                    dvdx += v - (fy - vm[i * 3 + 1] * ys);
                    num++;
                }

                if (num > 0)
                {
                    float inv = 1f / num;
                    dudx *= inv;
                    dvdx *= inv;
                }

                num = 0;
                bool column = x >= 0 && x < vw;
                if (aboveValid && column)
                {
                    dudy += fx - va[(i + 1) * 3] * xs - u;
                    dvdy += fy - va[(i + 1) * 3 + 1] * ys - v;
                    num++;
                }

                if (belowValid && column)
                {
                    dudy += u - (fx - vb[(i + 1) * 3] * xs);
                    dvdy += v - (fy - vb[(i + 1) * 3 + 1] * ys);
                    num++;
                }

                if (num > 0)
                {
                    float inv = 1f / num;
                    dudy *= inv;
                    dvdy *= inv;
                }

                Vector128<float> color = dudx == 0f && dvdx == 0f && dudy == 0f && dvdy == 0f
                    ? image.Bilinear4(u, v)
                    : image.Ewa4(u, v, dudx, dudy, dvdx, dvdy);
                color.CopyTo(dst.Slice(i * 4, 4));
            }
        }
    }

    private Rect InputCanvas(int index) => Inputs[index].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
