using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Operations;

namespace Compositor.Nodes.Converter;

/// <summary>
/// What the Separate/Combine Color nodes and their legacy versions share (Blender's
/// SeparateColorNode / CombineColorNode and the legacy node classes): a color model conversion
/// feeding four channel separations, or four channels combined and then converted.
/// </summary>
internal static class ColorChannelNodes
{
    /// <summary>The conversion from RGB into <paramref name="mode"/> (RGB, HSV, HSL, YCC, YUV); null for RGB.</summary>
    public static ColorConversion? FromRgb(string mode) => mode switch
    {
        "HSV" => ColorConversion.RgbToHsv,
        "HSL" => ColorConversion.RgbToHsl,
        "YCC" => ColorConversion.RgbToYcc,
        "YUV" => ColorConversion.RgbToYuv,
        _ => null,
    };

    /// <summary>The conversion from <paramref name="mode"/> back to RGB; null for RGB.</summary>
    public static ColorConversion? ToRgb(string mode) => mode switch
    {
        "HSV" => ColorConversion.HsvToRgb,
        "HSL" => ColorConversion.HslToRgb,
        "YCC" => ColorConversion.YccToRgb,
        "YUV" => ColorConversion.YuvToRgb,
        _ => null,
    };

    /// <summary>The YCC standard named by the enum property <paramref name="property"/>.</summary>
    public static YccStandard Ycc(NodeConverterContext context, string property)
    {
        string name = context.GetEnum(property);
        return ColorModels.ParseYcc(name) ?? throw context.Error($"YCC mode '{name}' is not supported", property);
    }

    /// <summary>
    /// Converts <paramref name="input"/> with <paramref name="conversion"/> (none: the color as it is)
    /// and maps its four channels to <paramref name="outputs"/>.
    /// </summary>
    public static void Separate(NodeConverterContext context, string input, ColorConversion? conversion, YccStandard ycc, string[] outputs)
    {
        ColorConversionOperation? convert = null;
        if (conversion is { } c)
        {
            convert = context.AddOperation(new ColorConversionOperation(c, ycc), "convert");
            context.MapInput(input, convert.Inputs[0]);
        }

        for (int channel = 0; channel < 4; channel++)
        {
            var separate = context.AddOperation(new SeparateChannelOperation(channel), outputs[channel]);
            if (convert is not null) context.Link(convert, separate.Inputs[0]);
            else context.MapInput(input, separate.Inputs[0]);
            context.MapOutput(outputs[channel], separate);
        }
    }

    /// <summary>
    /// Combines <paramref name="inputs"/> into a color (the canvas from the first linked of the first
    /// three, else the fourth), converts it with <paramref name="conversion"/> and maps it to <paramref name="output"/>.
    /// </summary>
    public static void Combine(NodeConverterContext context, string[] inputs, ColorConversion? conversion, YccStandard ycc, string output)
    {
        int canvasInput = 3;
        for (int i = 0; i < 3; i++)
        {
            if (!context.IsInputLinked(inputs[i])) continue;
            canvasInput = i;
            break;
        }

        var combine = context.AddOperation(new CombineChannelsOperation(canvasInput), "combine");
        for (int i = 0; i < 4; i++) context.MapInput(inputs[i], combine.Inputs[i]);
        NodeOperation result = combine;
        if (conversion is { } c)
        {
            var convert = context.AddOperation(new ColorConversionOperation(c, ycc), "convert");
            context.Link(combine, convert.Inputs[0]);
            result = convert;
        }

        context.MapOutput(output, result);
    }
}
