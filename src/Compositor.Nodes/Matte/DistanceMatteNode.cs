using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Distance Key (Blender's DistanceMatteNode): keys by the distance to the key color, in RGB, or
/// (<c>channel</c> YCC) over Cb and Cr of both converted to Y'CbCr — then the Image output is the
/// converted image times the matte, converted back.
/// </summary>
public sealed class DistanceMatteNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DistanceMatteNode() : base("CompositorNodeDistanceMatte", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        bool ycc = context.GetEnum("channel") == "YCC";
        var matte = context.AddOperation(new DistanceMatteOperation(context.GetFloat("tolerance"), context.GetFloat("falloff"), ycc));
        var alpha = context.AddOperation(new SetAlphaMultiplyOperation());
        if (ycc)
        {
            var image = context.AddOperation(new ColorConversionOperation(ColorConversion.RgbToYcc), "image to YCC");
            var key = context.AddOperation(new ColorConversionOperation(ColorConversion.RgbToYcc), "key to YCC");
            context.MapInput("Image", image.Inputs[0]);
            context.MapInput("Key Color", key.Inputs[0]);
            context.Link(image, matte.Inputs[0]);
            context.Link(key, matte.Inputs[1]);
            context.Link(image, alpha.Inputs[0]);
            var back = context.AddOperation(new ColorConversionOperation(ColorConversion.YccToRgb), "from YCC");
            context.Link(alpha, back.Inputs[0]);
            context.MapOutput("Image", back);
        }
        else
        {
            context.MapInput("Image", matte.Inputs[0]);
            context.MapInput("Key Color", matte.Inputs[1]);
            context.MapInput("Image", alpha.Inputs[0]);
            context.MapOutput("Image", alpha);
        }

        context.Link(matte, alpha.Inputs[1]);
        context.MapOutput("Matte", matte);
    }
}
