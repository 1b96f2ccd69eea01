using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Color Correction: saturation, contrast, gamma, gain and lift for the whole image and per tonal range, mixed in by the mask, per enabled channel.</summary>
public sealed class ColorCorrectionNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ColorCorrectionNode() : base("CompositorNodeColorCorrection", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        ColorCorrectionSettings Range(string prefix) => new(
            context.GetFloat(prefix + "_saturation"),
            context.GetFloat(prefix + "_contrast"),
            context.GetFloat(prefix + "_gamma"),
            context.GetFloat(prefix + "_gain"),
            context.GetFloat(prefix + "_lift"));

        var op = context.AddOperation(new ColorCorrectionOperation(
            Range("master"), Range("shadows"), Range("midtones"), Range("highlights"),
            context.GetFloat("midtones_start"), context.GetFloat("midtones_end"),
            context.GetBool("red"), context.GetBool("green"), context.GetBool("blue")));
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Mask", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
