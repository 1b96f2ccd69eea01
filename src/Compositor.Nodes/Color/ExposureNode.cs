using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Exposure: the color scaled by 2 to the power of the exposure.</summary>
public sealed class ExposureNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ExposureNode() : base("CompositorNodeExposure", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new ExposureOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Exposure", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
