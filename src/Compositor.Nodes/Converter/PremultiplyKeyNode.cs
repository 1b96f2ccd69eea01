using Compositor.Compile;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Alpha Convert (Blender's ConvertAlphaNode, <c>CompositorNodePremulKey</c>): straight to premultiplied alpha or back (<c>mapping</c>).</summary>
public sealed class PremultiplyKeyNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public PremultiplyKeyNode() : base("CompositorNodePremulKey", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new PremultiplyOperation(toStraight: context.GetEnum("mapping") == "PREMUL_TO_STRAIGHT"));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
