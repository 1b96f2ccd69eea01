using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>Luminance Key (Blender's LuminanceMatteNode): keys by luminance between <c>limit_min</c> and <c>limit_max</c>; the Image output is the image times the matte.</summary>
public sealed class LuminanceMatteNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public LuminanceMatteNode() : base("CompositorNodeLumaMatte", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var matte = context.AddOperation(new LuminanceMatteOperation(context.GetFloat("limit_max"), context.GetFloat("limit_min")));
        var alpha = context.AddOperation(new SetAlphaMultiplyOperation());
        context.MapInput("Image", matte.Inputs[0]);
        context.MapOutput("Matte", matte);
        context.MapInput("Image", alpha.Inputs[0]);
        context.Link(matte, alpha.Inputs[1]);
        context.MapOutput("Image", alpha);
    }
}
