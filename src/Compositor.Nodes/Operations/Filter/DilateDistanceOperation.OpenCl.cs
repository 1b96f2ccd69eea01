using Compositor.Nodes.OpenCl;
using Compositor.OpenCl;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>The OpenCL form of Dilate/Erode in DISTANCE mode (kernels in OpenCl/DilateErode.cl).</summary>
public sealed partial class DilateDistanceOperation : IOpenClOperation
{
    /// <inheritdoc />
    public OpenClProgramSource OpenClProgram => NodeKernels.Program("DilateErode");

    /// <inheritdoc />
    public void EnqueueOpenCl(IOpenClChunk chunk)
    {
        var input = chunk.Input(0);
        var domain = MorphologyRows.Domain(this, chunk.HostInput(0));
        chunk.Kernel(Erode ? "erode_distance" : "dilate_distance").Image(input).Image(chunk.Output).Bounds(domain).Int(Scope)
            .Float(Distance * Distance).Run(chunk.Area);
    }
}
