using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Invert: one minus the color (<c>invert_rgb</c>) and/or alpha (<c>invert_alpha</c>), mixed in by the factor.</summary>
public sealed class InvertNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public InvertNode() : base("CompositorNodeInvert", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new InvertOperation(context.GetBool("invert_rgb"), context.GetBool("invert_alpha")));
        context.MapInput("Fac", op.Inputs[0]);
        context.MapInput("Color", op.Inputs[1]);
        context.MapOutput("Color", op);
    }
}
