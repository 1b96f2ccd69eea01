using Compositor.Compile;
using Compositor.Nodes.Operations.Mix;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>
/// Alpha Over: the second image over the first. As in Blender, a non-zero <c>premul</c> picks the
/// mixed operation, else <c>use_premultiply</c> ("Convert Premultiplied") the key operation, else the
/// premultiplied one.
/// </summary>
public sealed class AlphaOverNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public AlphaOverNode() : base("CompositorNodeAlphaOver", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(CreateOperation(context.GetBool("use_premultiply"), context.GetFloat("premul")));
        context.MapInput("Fac", op.Inputs[0]);
        context.MapInput("Image", op.Inputs[1]);
        context.MapInput("Image_001", op.Inputs[2]);
        context.MapOutput("Image", op);
    }

    /// <summary>The operation Blender picks for <c>use_premultiply</c> and <c>premul</c>.</summary>
    public static MixBaseOperation CreateOperation(bool usePremultiply, float premul) =>
        premul != 0f ? new AlphaOverMixedOperation(premul)
        : usePremultiply ? new AlphaOverKeyOperation()
        : new AlphaOverPremultiplyOperation();
}
