using Compositor.Compile;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// Viewer: shows its input at the input's own size while editing, first of all outputs, in its
/// tile order around its centre. A render (F12, the CLI) skips it, as Blender does.
/// </summary>
public sealed class ViewerNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ViewerNode() : base("CompositorNodeViewer", "Output")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) => OutputNodes.Convert(context, OutputKind.Viewer);
}
