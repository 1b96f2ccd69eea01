using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Hue Saturation Value: shifts the hue, scales saturation and value in HSV, mixed in by the factor.</summary>
public sealed class HueSaturationValueNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public HueSaturationValueNode() : base("CompositorNodeHueSat", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new HueSaturationValueOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Hue", op.Inputs[1]);
        context.MapInput("Saturation", op.Inputs[2]);
        context.MapInput("Value", op.Inputs[3]);
        context.MapInput("Fac", op.Inputs[4]);
        context.MapOutput("Image", op);
    }
}
