using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Input;

/// <summary>RGB: a constant color, stored on its output socket.</summary>
public sealed class RgbNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public RgbNode() : base("CompositorNodeRGB", "Input")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var constant = context.AddOperation(new ConstantOperation(DataType.Color, context.OutputValue("RGBA")));
        context.MapOutput("RGBA", constant);
    }
}
