using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of the uniform Bokeh Blur (kernel in OpenCl/BokehBlur.cl).</summary>
public sealed partial class BokehBlurOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("BokehBlur");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk)
    {
        var image = chunk.Input(ImageInput);
        var bokeh = chunk.Input(BokehInput);
        chunk.Kernel("bokeh_blur")
            .Image(image).Image(bokeh).Image(chunk.Input(BoundingBoxInput)).Image(chunk.Output)
            .Bounds(Domain(ImageInput, chunk.HostInput(ImageInput))).Bounds(Domain(BokehInput, chunk.HostInput(BokehInput)))
            .Int(_radius).Int(_step).Float(_dimension / _radius).Float2(_midX, _midY)
            .Run(chunk.Area);
    }
}
