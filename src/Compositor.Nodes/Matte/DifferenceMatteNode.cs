using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>Difference Key (Blender's DifferenceMatteNode): keys where Image 1 differs little from Image 2; the Image output is Image 1 times the matte.</summary>
public sealed class DifferenceMatteNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DifferenceMatteNode() : base("CompositorNodeDiffMatte", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var matte = context.AddOperation(new DifferenceMatteOperation(context.GetFloat("tolerance"), context.GetFloat("falloff")));
        var alpha = context.AddOperation(new SetAlphaMultiplyOperation());
        context.MapInput("Image 1", matte.Inputs[0]);
        context.MapInput("Image 2", matte.Inputs[1]);
        context.MapOutput("Matte", matte);
        context.MapInput("Image 1", alpha.Inputs[0]);
        context.Link(matte, alpha.Inputs[1]);
        context.MapOutput("Image", alpha);
    }
}
