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
        ConvertedKeyMatte.Convert(context, ColorConversion.RgbToHsv, "HSV", new ColorMatteOperation(context.GetFloat("color_hue"), context.GetFloat("color_saturation"), context.GetFloat("color_value")));
    }
}
