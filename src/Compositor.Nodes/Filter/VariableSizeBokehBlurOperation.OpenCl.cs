using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of the variable-size bokeh blur of Defocus and Bokeh Blur (kernel in OpenCl/BokehBlur.cl).</summary>
public sealed partial class VariableSizeBokehBlurOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("BokehBlur");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk)
    {
        var bokeh = chunk.HostInput(BokehInput);
        var bokehDomain = Inputs[BokehInput].Link is { IsCanvasSet: true } b ? b.Canvas : bokeh.Rect;
        if (!bokeh.IsSingleElement) bokehDomain = bokehDomain.Intersect(bokeh.Rect);
        // The window bounds of the strips the chunk touches, found on the host from the Size input.
        var (split, lower, upper) = StripWindows(chunk.HostInput(SizeInput), chunk.Area);
        chunk.Kernel("variable_size_bokeh_blur")
            .Image(chunk.Input(ImageInput)).Image(chunk.Input(BokehInput)).Image(chunk.Input(SizeInput)).Image(chunk.Output)
            .Bounds(Canvas).Bounds(bokehDomain).Float(_scalar).Float(Threshold).Int(_step).Int(split).Int(lower).Int(upper)
            .Run(chunk.Area);
    }
}
