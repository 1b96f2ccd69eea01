using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Maps an image through a UV field (Blender 3.4's full-frame MapUVOperation). The canvas is the
/// UV input's. Output pixel (x, y) reads the UV vector there: (u·w, v·h) is the image position
/// (w × h the image's size) and the vector's third component its alpha; outside the UV input's
/// size everything is 0. The position's derivatives come from the neighbours (central differences,
/// one-sided at the UV's edges), the image is EWA-filtered over them, and the result is multiplied
/// by the alpha, reduced by <c>alpha · 0.05 · (|∂u| / w + |∂v| / h)</c> (the node's <c>alpha</c>
/// property, 0..100, fades pixels whose UVs jump).
/// </summary>
public sealed class MapUvOperation : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the UV input.</summary>
    public const int UvInput = 1;

    /// <summary>Creates the operation with the node's <paramref name="alpha"/> threshold (0..100).</summary>
    public MapUvOperation(float alpha) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.Align);
        AddInput(DataType.Vector);
        Alpha = alpha;
        Flags = OperationFlags.Complex;
        CanvasInputIndex = UvInput;
    }

    /// <summary>The alpha threshold (Blender's custom1).</summary>
    public float Alpha { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => inputIndex == ImageInput
        ? InputCanvas(ImageInput)
        : outputArea.IsEmpty ? outputArea : outputArea.Expand(1, 1);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var imageCanvas = InputCanvas(ImageInput);
        var image = new Sampler(inputs[ImageInput], imageCanvas);
        var uvCanvas = InputCanvas(UvInput);
        int uvw = uvCanvas.Width, uvh = uvCanvas.Height;
        float imageW = imageCanvas.Width, imageH = imageCanvas.Height;
        float threshold = Alpha * 0.05f;
        var uvBuffer = inputs[UvInput];
        int w = area.Width, span = w + 2;
        var below = new float[span * 3];
        var middle = new float[span * 3];
        var above = new float[span * 3];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var vb = uvBuffer.ReadRow(y - 1, area.XMin - 1, span, below);
            var vm = uvBuffer.ReadRow(y, area.XMin - 1, span, middle);
            var va = uvBuffer.ReadRow(y + 1, area.XMin - 1, span, above);
            var dst = o.GetRow(y, area.XMin, w);
            bool rowValid = y >= 0 && y < uvh, belowValid = y - 1 >= 0 && y - 1 < uvh, aboveValid = y + 1 >= 0 && y + 1 < uvh;
            for (int i = 0; i < w; i++)
            {
                int x = area.XMin + i;
                bool column = x >= 0 && x < uvw;
                float u = 0f, v = 0f, alpha = 0f;
                if (rowValid && column)
                {
                    u = vm[(i + 1) * 3] * imageW;
                    v = vm[(i + 1) * 3 + 1] * imageH;
                    alpha = vm[(i + 1) * 3 + 2];
                }

                float dudx = 0f, dvdx = 0f, dudy = 0f, dvdy = 0f;
                int num = 0;
                if (rowValid && x + 1 >= 0 && x + 1 < uvw)
                {
                    dudx += vm[(i + 2) * 3] * imageW - u;
                    dvdx += vm[(i + 2) * 3 + 1] * imageH - v;
                    num++;
                }

                if (rowValid && x - 1 >= 0 && x - 1 < uvw)
                {
                    dudx += u - vm[i * 3] * imageW;
                    dvdx += v - vm[i * 3 + 1] * imageH;
                    num++;
                }

                if (num > 0)
                {
                    float inv = 1f / num;
                    dudx *= inv;
                    dvdx *= inv;
                }

                num = 0;
                if (aboveValid && column)
                {
                    dudy += va[(i + 1) * 3] * imageW - u;
                    dvdy += va[(i + 1) * 3 + 1] * imageH - v;
                    num++;
                }

                if (belowValid && column)
                {
                    dudy += u - vb[(i + 1) * 3] * imageW;
                    dvdy += v - vb[(i + 1) * 3 + 1] * imageH;
                    num++;
                }

                if (num > 0)
                {
                    float inv = 1f / num;
                    dudy *= inv;
                    dvdy *= inv;
                }

                var out4 = dst.Slice(i * 4, 4);
                if (alpha == 0f)
                {
                    out4.Clear();
                    continue;
                }

                Vector128<float> color = image.Ewa4(u, v, dudx, dudy, dvdx, dvdy);
                float du = MathF.Sqrt(dudx * dudx + dudy * dudy);
                float dv = MathF.Sqrt(dvdx * dvdx + dvdy * dvdy);
                float factor = 1f - threshold * (du / imageW + dv / imageH);
                alpha = factor < 0f ? 0f : alpha * factor;
                if (alpha < 1f) color *= alpha;
                color.CopyTo(out4);
            }
        }
    }

    private Rect InputCanvas(int index) => Inputs[index].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Alpha);
        return true;
    }
}
