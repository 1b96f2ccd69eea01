using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of the separable blur pass (kernels in OpenCl/GaussianBlur.cl).</summary>
public sealed partial class GaussianBlurOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("GaussianBlur");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk)
    {
        var input = chunk.Input(ImageInput);
        var domain = Inputs[ImageInput].Link is { IsCanvasSet: true } producer ? producer.Canvas : input.Rect;
        var taps = input.IsSingleElement ? domain : domain.Intersect(input.Rect);
        bool x = Axis == BlurAxis.X;
        chunk.Kernel(x ? "gaussian_blur_x" : "gaussian_blur_y")
            .Image(input).Image(chunk.Output).Table(_kernel).Int(_filterSize).Int(Step)
            .Int(x ? taps.XMin : taps.YMin).Int(x ? taps.XMax : taps.YMax)
            .Run(chunk.Area);
    }
}
