using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Math;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>
/// Z Combine: per pixel the image with the smaller depth, and the smaller depth. Without
/// <c>use_antialias_z</c> the choice is made per pixel (with <c>use_alpha</c>, the nearer image is
/// laid over the farther by its alpha). With it, as Blender does, a mask (depth 1 &lt; depth 2, or
/// depth 1 &gt; depth 2 with <c>use_alpha</c>) is anti-aliased and blends the images.
/// </summary>
public sealed class ZCombineNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ZCombineNode() : base("CompositorNodeZcombine", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        bool useAlpha = context.GetBool("use_alpha");
        if (!context.GetBool("use_antialias_z"))
        {
            var op = context.AddOperation(new ZCombineOperation(useAlpha));
            context.MapInput("Image", op.Inputs[0]);
            context.MapInput("Z", op.Inputs[1]);
            context.MapInput("Image_001", op.Inputs[2]);
            context.MapInput("Z_001", op.Inputs[3]);
            context.MapOutput("Image", op);
        }
        else
        {
            var mask = context.AddOperation(new MathOperation(useAlpha ? MathOperationType.GreaterThan : MathOperationType.LessThan, false), "mask");
            context.MapInput("Z", mask.Inputs[0]);
            context.MapInput("Z_001", mask.Inputs[1]);
            context.LinkConstant(mask.Inputs[2], 0f);
            var antiAlias = context.AddOperation(new AntiAliasOperation(), "anti-alias");
            context.Link(mask, antiAlias.Inputs[0]);
            var blend = context.AddOperation(new ZCombineMaskOperation(useAlpha));
            context.Link(antiAlias, blend.Inputs[0]);
            context.MapInput("Image", blend.Inputs[1]);
            context.MapInput("Image_001", blend.Inputs[2]);
            context.MapOutput("Image", blend);
        }

        var depth = context.AddOperation(new MathOperation(MathOperationType.Minimum, false), "depth");
        context.MapInput("Z", depth.Inputs[0]);
        context.MapInput("Z_001", depth.Inputs[1]);
        context.LinkConstant(depth.Inputs[2], 0f);
        context.MapOutput("Z", depth);
    }
}
