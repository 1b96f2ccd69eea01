using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>RGB to BW: the color's luminance (Rec.709 weights, as Blender's scene-linear space).</summary>
public sealed class RgbToBwNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public RgbToBwNode() : base("CompositorNodeRGBToBW", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new ColorToBwOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Val", op);
    }
}
