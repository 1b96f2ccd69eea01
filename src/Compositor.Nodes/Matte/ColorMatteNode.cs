using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Color Key (Blender's ColorMatteNode): image and key color converted to HSV and keyed where hue,
/// saturation and value are all within their tolerances; the Image output is the image times the matte.
/// </summary>
public sealed class ColorMatteNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ColorMatteNode() : base("CompositorNodeColorMatte", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var image = context.AddOperation(new ColorConversionOperation(ColorConversion.RgbToHsv), "image to HSV");
        var key = context.AddOperation(new ColorConversionOperation(ColorConversion.RgbToHsv), "key to HSV");
        var matte = context.AddOperation(new ColorMatteOperation(context.GetFloat("color_hue"), context.GetFloat("color_saturation"), context.GetFloat("color_value")));
        var alpha = context.AddOperation(new SetAlphaMultiplyOperation());
        context.MapInput("Image", image.Inputs[0]);
        context.MapInput("Key Color", key.Inputs[0]);
        context.Link(image, matte.Inputs[0]);
        context.Link(key, matte.Inputs[1]);
        context.MapOutput("Matte", matte);
        context.MapInput("Image", alpha.Inputs[0]);
        context.Link(matte, alpha.Inputs[1]);
        context.MapOutput("Image", alpha);
    }
}
