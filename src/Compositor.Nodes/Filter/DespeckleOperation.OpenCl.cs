using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Filter;

/// <summary>The OpenCL form of Despeckle (kernel in OpenCl/Filters.cl).</summary>
public sealed partial class DespeckleOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("Filters");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk) =>
        chunk.Kernel("despeckle").Image(chunk.Input(ImageInput)).Image(chunk.Input(FactorInput)).Image(chunk.Output).Bounds(Canvas)
            .Float(Threshold).Float(ThresholdNeighbor).Float(Diagonal).Float(TotalWeight).Run(chunk.Area);
}
