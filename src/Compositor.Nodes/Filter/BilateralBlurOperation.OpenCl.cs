using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of Bilateral Blur (kernel in OpenCl/Filters.cl).</summary>
public sealed partial class BilateralBlurOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("Filters");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk) =>
        chunk.Kernel("bilateral_blur").Image(chunk.Input(ImageInput)).Image(chunk.Input(DeterminatorInput)).Image(chunk.Output)
            .Bounds(Domain(ImageInput, chunk.HostInput(ImageInput))).Bounds(Domain(DeterminatorInput, chunk.HostInput(DeterminatorInput)))
            .Float(Space).Float(SigmaColor).Int(_step).Run(chunk.Area);
}
