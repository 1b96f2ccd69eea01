using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Pixelate (Blender's PixelateNode): a <see cref="PixelateOperation"/> of the linked input's data type.</summary>
public sealed class PixelateNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public PixelateNode() : base("CompositorNodePixelate", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var type = context.LinkedOutputType("Color") ?? DataType.Color;
        var op = context.AddOperation(new PixelateOperation(type));
        context.MapInput("Color", op.Inputs[0]);
        context.MapOutput("Color", op);
    }
}
