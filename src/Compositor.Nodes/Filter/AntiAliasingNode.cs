using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Anti-Aliasing (Blender's AntiAliasingNode): SMAA 1x in three passes, luma edge detection
/// (<c>threshold</c>, <c>contrast_limit</c>), blending weights (<c>corner_rounding</c>) and
/// neighbourhood blending.
/// </summary>
public sealed class AntiAliasingNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public AntiAliasingNode() : base("CompositorNodeAntiAliasing", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var edges = context.AddOperation(
            new SmaaEdgeDetectionOperation(context.GetFloat("threshold"), context.GetFloat("contrast_limit")), "edges");
        var weights = context.AddOperation(new SmaaBlendingWeightOperation(context.GetFloat("corner_rounding")), "blending weights");
        var blend = context.AddOperation(new SmaaNeighborhoodBlendingOperation(), "neighborhood blending");
        context.MapInput("Image", edges.Inputs[0]);
        context.Link(edges, weights.Inputs[0]);
        context.MapInput("Image", blend.Inputs[0]);
        context.Link(weights, blend.Inputs[1]);
        context.MapOutput("Image", blend);
    }
}
