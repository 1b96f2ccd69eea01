using Compositor.OpenCl;

namespace Compositor.Nodes.OpenCl;

/// <summary>The OpenCL programs of the node operations: embedded <c>OpenCl/NAME.cl</c> files, one per operation family.</summary>
internal static class NodeKernels
{
    /// <summary>The program in <c>OpenCl/<paramref name="family"/>.cl</c>.</summary>
    public static OpenClProgramSource Program(string family) =>
        OpenClProgramSource.FromResource(typeof(NodeKernels).Assembly, $"Compositor.Nodes.OpenCl.{family}.cl");
}
