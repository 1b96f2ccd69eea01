using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Displace (Blender's DisplaceNode): moves each pixel by Vector × (X Scale, Y Scale), with EWA
/// filtering where the displacement varies; at low quality a nearest-pixel lookup instead.
/// </summary>
public sealed class DisplaceNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DisplaceNode() : base("CompositorNodeDisplace", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        NodeOperation op = context.Settings.Quality == RenderQuality.Low
            ? context.AddOperation(new DisplaceSimpleOperation())
            : context.AddOperation(new DisplaceOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Vector", op.Inputs[1]);
        context.MapInput("X Scale", op.Inputs[2]);
        context.MapInput("Y Scale", op.Inputs[3]);
        context.MapOutput("Image", op);
    }
}
