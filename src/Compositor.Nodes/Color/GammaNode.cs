using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Gamma: each color channel to the power of Gamma.</summary>
public sealed class GammaNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public GammaNode() : base("CompositorNodeGamma", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new GammaOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Gamma", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
