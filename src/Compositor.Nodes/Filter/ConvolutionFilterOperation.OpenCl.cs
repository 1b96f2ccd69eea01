using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of the Filter node's 3×3 convolutions, plain and edge (kernels in OpenCl/Filters.cl).</summary>
public partial class ConvolutionFilterOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("Filters");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk) =>
        chunk.Kernel(this is ConvolutionEdgeFilterOperation ? "convolution_edge_filter" : "convolution_filter")
            .Image(chunk.Input(ImageInput)).Image(chunk.Input(FactorInput)).Image(chunk.Output).Bounds(Canvas).Table(_kernel)
            .Run(chunk.Area);
}
