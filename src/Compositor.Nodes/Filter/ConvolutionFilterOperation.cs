using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// A 3×3 convolution of the image (Blender's ConvolutionFilterOperation): all four channels are
/// weighted by the kernel, mixed with the centre pixel by the factor, then clamped at zero.
/// Neighbours beyond the canvas edge repeat the edge pixel.
/// </summary>
/// <remarks>
/// Kernel element 0 weighs the lower-left neighbour (y − 1, x − 1), element 8 the upper-right
/// one, as Blender's bottom-up rows do. Input 0 is the image, input 1 the factor.
/// </remarks>
public partial class ConvolutionFilterOperation : NodeOperation
{
    /// <summary>The image input.</summary>
    public const int ImageInput = 0;

    /// <summary>The factor input.</summary>
    public const int FactorInput = 1;

    private readonly float[] _kernel;

    /// <summary>Creates the operation with the nine kernel weights, lower row first.</summary>
    public ConvolutionFilterOperation(ReadOnlySpan<float> kernel) : base(DataType.Color)
    {
        if (kernel.Length != 9) throw new ArgumentException("a 3x3 kernel has nine weights", nameof(kernel));
        _kernel = kernel.ToArray();
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        CanvasInputIndex = ImageInput;
        Flags = OperationFlags.Complex;
    }

    /// <summary>The kernel weights, lower row first.</summary>
    public ReadOnlySpan<float> Kernel => _kernel;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == ImageInput ? outputArea.Expand(1, 1) : outputArea;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(GetType().Name);
        hash.Add(_kernel);
        return true;
    }

    /// <inheritdoc />
    public sealed override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var factor = inputs[FactorInput];
        var canvas = Canvas;
        int width = area.Width;
        var data = image.DangerousGetArray();
        int elem = image.IsSingleElement ? 0 : 4;
        float[] facScratch = new float[width];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            int yd = Math.Max(y - 1, canvas.YMin), yu = Math.Min(y + 1, canvas.YMax - 1);
            var rows = new RowOffsets(image.IndexOf(area.XMin, yd), image.IndexOf(area.XMin, y), image.IndexOf(area.XMin, yu));
            var fac = factor.ReadRow(y, area.XMin, width, facScratch);
            var dst = o.GetRow(y, area.XMin, width);
            ComputeRow(dst, data, rows, elem, area.XMin, canvas, fac);
        }
    }

    /// <summary>Index of the first pixel of the output row in the lower, centre and upper input rows.</summary>
    protected readonly record struct RowOffsets(int Down, int Center, int Up);

    /// <summary>
    /// Computes one output row starting at <paramref name="x0"/>; input pixel x of a row sits at
    /// row offset + (x − x0)·<paramref name="elem"/>.
    /// </summary>
    protected virtual void ComputeRow(Span<float> dst, float[] data, RowOffsets rows, int elem, int x0, Rect canvas, ReadOnlySpan<float> fac)
    {
        var k = _kernel;
        int width = fac.Length;
        for (int i = 0; i < width; i++)
        {
            int x = x0 + i;
            int l = (x > canvas.XMin ? -elem : 0), r = (x < canvas.XMax - 1 ? elem : 0);
            int c = i * elem;
            int d = rows.Down + c, m = rows.Center + c, u = rows.Up + c;
            float f = fac[i], g = 1f - f;
            for (int ch = 0; ch < 4; ch++)
            {
                float s = data[d + l + ch] * k[0] + data[d + ch] * k[1] + data[d + r + ch] * k[2]
                        + data[m + l + ch] * k[3] + data[m + ch] * k[4] + data[m + r + ch] * k[5]
                        + data[u + l + ch] * k[6] + data[u + ch] * k[7] + data[u + r + ch] * k[8];
                dst[i * 4 + ch] = MathF.Max(s * f + data[m + ch] * g, 0f);
            }
        }
    }
}
