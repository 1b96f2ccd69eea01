using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.Operations;

namespace Compositor.Nodes.Matte;

/// <summary>
/// The wiring Chroma Key and Color Key share: image and key color converted into the space the
/// key compares in, the matte from both, and the Image output as the image times the matte.
/// </summary>
internal static class ConvertedKeyMatte
{
    public static void Convert(NodeConverterContext context, ColorConversion conversion, string space, NodeOperation matte)
    {
        var image = context.AddOperation(new ColorConversionOperation(conversion), "image to " + space);
        var key = context.AddOperation(new ColorConversionOperation(conversion), "key to " + space);
        context.AddOperation(matte);
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
