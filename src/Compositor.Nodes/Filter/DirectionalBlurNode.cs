using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Directional Blur (Blender's DirectionalBlurNode): one <see cref="DirectionalBlurOperation"/>.
/// <c>use_wrap</c> is stored by Blender but unused by its compositor, so it changes nothing here.
/// </summary>
public sealed class DirectionalBlurNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DirectionalBlurNode() : base("CompositorNodeDBlur", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new DirectionalBlurOperation(new DirectionalBlurSettings
        {
            Iterations = context.GetInt("iterations"),
            CenterX = context.GetFloat("center_x"),
            CenterY = context.GetFloat("center_y"),
            Distance = context.GetFloat("distance"),
            Angle = context.GetFloat("angle"),
            Spin = context.GetFloat("spin"),
            Zoom = context.GetFloat("zoom"),
        }));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
