using Compositor.Compile;
using Compositor.Nodes.Operations.Mix;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>
/// Mix (Blender's legacy color Mix, <c>CompositorNodeMixRGB</c>): blends the second image into the
/// first by <c>blend_type</c>; <c>use_alpha</c> multiplies the factor by the second image's alpha,
/// <c>use_clamp</c> clamps the result to 0..1.
/// </summary>
public sealed class MixNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public MixNode() : base("CompositorNodeMixRGB", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string blend = context.GetEnum("blend_type");
        var type = MixBlendTypes.Parse(blend) ?? throw context.Error($"blend_type '{blend}' is not supported", "blend_type");
        var op = context.AddOperation(new MixOperation(type, context.GetBool("use_alpha"), context.GetBool("use_clamp")));
        context.MapInput("Fac", op.Inputs[0]);
        context.MapInput("Image", op.Inputs[1]);
        context.MapInput("Image_001", op.Inputs[2]);
        context.MapOutput("Image", op);
    }
}
