using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Vector Blur (Blender's VectorBlurNode): image, Z and speed inputs into one z-buffered motion blur.</summary>
public sealed class VectorBlurNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public VectorBlurNode() : base("CompositorNodeVecBlur", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = new VectorBlurSettings
        {
            Samples = context.GetInt("samples"),
            MinSpeed = context.GetInt("speed_min"),
            MaxSpeed = context.GetInt("speed_max"),
            Factor = context.GetFloat("factor"),
            Curved = context.GetBool("use_curved"),
        };
        var op = context.AddOperation(new VectorBlurOperation(settings), "vector blur");
        context.MapInput("Image", op.Inputs[VectorBlurOperation.ImageInput]);
        context.MapInput("Z", op.Inputs[VectorBlurOperation.ZInput]);
        context.MapInput("Speed", op.Inputs[VectorBlurOperation.SpeedInput]);
        context.MapOutput("Image", op);
    }
}
