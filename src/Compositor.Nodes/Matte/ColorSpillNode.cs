using Compositor.Compile;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Color Spill (Blender's ColorSpillNode): removes the spill of <c>channel</c> measured against
/// <c>limit_channel</c> (SIMPLE) or the mean of the other two channels (AVERAGE), scaled by
/// <c>ratio</c> and the Fac input; with <c>use_unspill</c> the unspill amounts say how the spill
/// is redistributed.
/// </summary>
public sealed class ColorSpillNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ColorSpillNode() : base("CompositorNodeColorSpill", "Matte")
    {
    }

    private static int Channel(string name) => name switch { "R" => 0, "G" => 1, _ => 2 };

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new ColorSpillOperation(
            Channel(context.GetEnum("channel")),
            context.GetEnum("limit_method") == "AVERAGE" ? SpillLimitMethod.Average : SpillLimitMethod.Simple,
            Channel(context.GetEnum("limit_channel")),
            context.GetFloat("ratio"),
            context.GetBool("use_unspill"),
            context.GetFloat("unspill_red"),
            context.GetFloat("unspill_green"),
            context.GetFloat("unspill_blue")));
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Fac", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
