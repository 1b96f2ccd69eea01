using Compositor.Compile;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// ID Mask: 1 where the rounded ID value equals <c>index</c>, else 0. With <c>use_antialiasing</c>
/// the mask is smoothed by SMAA at the Anti-Aliasing node's default settings (threshold 1,
/// contrast limit 0.2, corner rounding 0.25), as Blender's IDMaskNode does; the result is then a
/// gray color that converts back to a value where a value is read.
/// </summary>
public sealed class IdMaskNode : NodeType
{
    /// <summary>Blender's default SMAA threshold (CMP_DEFAULT_SMAA_THRESHOLD).</summary>
    public const float DefaultThreshold = 1f;

    /// <summary>Blender's default SMAA contrast limit (CMP_DEFAULT_SMAA_CONTRAST_LIMIT).</summary>
    public const float DefaultContrastLimit = 0.2f;

    /// <summary>Blender's default SMAA corner rounding (CMP_DEFAULT_SMAA_CORNER_ROUNDING).</summary>
    public const float DefaultCornerRounding = 0.25f;

    /// <summary>Declares the node type.</summary>
    public IdMaskNode() : base("CompositorNodeIDMask", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var mask = context.AddOperation(new IdMaskOperation(context.GetInt("index")));
        context.MapInput("ID value", mask.Inputs[0]);
        if (!context.GetBool("use_antialiasing"))
        {
            context.MapOutput("Alpha", mask);
            return;
        }

        var edges = context.AddOperation(new SmaaEdgeDetectionOperation(DefaultThreshold, DefaultContrastLimit), "edges");
        var weights = context.AddOperation(new SmaaBlendingWeightOperation(DefaultCornerRounding), "blending weights");
        var blend = context.AddOperation(new SmaaNeighborhoodBlendingOperation(), "neighborhood blending");
        context.Link(mask, edges.Inputs[0]);
        context.Link(edges, weights.Inputs[0]);
        context.Link(mask, blend.Inputs[0]);
        context.Link(weights, blend.Inputs[1]);
        context.MapOutput("Alpha", blend);
    }
}
