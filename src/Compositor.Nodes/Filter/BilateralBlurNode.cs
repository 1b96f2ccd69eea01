using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Bilateral Blur (Blender's BilateralBlurNode): one <see cref="BilateralBlurOperation"/>.</summary>
public sealed class BilateralBlurNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BilateralBlurNode() : base("CompositorNodeBilateralblur", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new BilateralBlurOperation(
            context.GetInt("iterations"), context.GetFloat("sigma_color"), context.GetFloat("sigma_space")));
        context.MapInput("Image", op.Inputs[BilateralBlurOperation.ImageInput]);
        context.MapInput("Determinator", op.Inputs[BilateralBlurOperation.DeterminatorInput]);
        context.MapOutput("Image", op);
    }
}
