using Compositor.Compile;
using Compositor.Graph;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Channel Key (Blender's ChannelMatteNode): the image converted to <c>color_space</c> (RGB, HSV,
/// YUV or YCC), keyed on one channel against another (SINGLE) or the larger of the other two (MAX);
/// the Image output is the converted image times the matte, converted back. The channel names follow
/// the color space: R G B, H S V, Y G V (Blender's YUV names U "G") and Y CB CR.
/// </summary>
public sealed class ChannelMatteNode : NodeType
{
    private static readonly Dictionary<string, string[]> ChannelNames = new(StringComparer.Ordinal)
    {
        ["RGB"] = ["R", "G", "B"],
        ["HSV"] = ["H", "S", "V"],
        ["YUV"] = ["Y", "G", "V"],
        ["YCC"] = ["Y", "CB", "CR"],
    };

    /// <summary>Declares the node type.</summary>
    public ChannelMatteNode() : base("CompositorNodeChannelMatte", "Matte")
    {
        // The channel enums' items depend on color_space; Validate checks them against it.
        string[] all = ["R", "G", "B", "H", "S", "V", "Y", "CB", "CR"];
        DeclareProperty(new PropertyDefinition("matte_channel", PropertyKind.Enum, "G", all));
        DeclareProperty(new PropertyDefinition("limit_channel", PropertyKind.Enum, "R", all));
    }

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph)
    {
        string space = node.Properties.TryGetValue("color_space", out var cs) ? cs.GetString() ?? "RGB" : "RGB";
        if (!ChannelNames.TryGetValue(space, out var names)) return null;
        foreach (var key in new[] { "matte_channel", "limit_channel" })
        {
            if (!node.Properties.TryGetValue(key, out var value)) continue;
            string name = value.GetString() ?? "";
            if (Array.IndexOf(names, name) < 0)
                return $"properties.{key}: unknown value '{name}' for color_space {space}; expected one of {string.Join(", ", names)}";
        }

        return null;
    }

    /// <summary>The 1-based channel number of <paramref name="key"/> in <paramref name="space"/> (Blender's default when unset).</summary>
    private static int Channel(NodeConverterContext context, string key, string space, int fallback)
    {
        if (!context.HasProperty(key)) return fallback;
        string name = context.GetEnum(key);
        int index = Array.IndexOf(ChannelNames[space], name);
        if (index < 0) throw context.Error($"unknown value '{name}' for color_space {space}", key);
        return index + 1;
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string space = context.GetEnum("color_space");
        if (!ChannelNames.ContainsKey(space)) throw context.Error($"color_space '{space}' is not supported", "color_space");
        var method = context.GetEnum("limit_method") == "SINGLE" ? ChannelLimitMethod.Single : ChannelLimitMethod.Max;
        var matte = context.AddOperation(new ChannelMatteOperation(context.GetFloat("limit_max"), context.GetFloat("limit_min"), method,
            Channel(context, "limit_channel", space, 1), Channel(context, "matte_channel", space, 2)));
        var alpha = context.AddOperation(new SetAlphaMultiplyOperation());
        (ColorConversion To, ColorConversion Back)? conversions = space switch
        {
            "HSV" => (ColorConversion.RgbToHsv, ColorConversion.HsvToRgb),
            "YUV" => (ColorConversion.RgbToYuv, ColorConversion.YuvToRgb),
            "YCC" => (ColorConversion.RgbToYcc, ColorConversion.YccToRgb),
            _ => null,
        };

        if (conversions is { } c)
        {
            var to = context.AddOperation(new ColorConversionOperation(c.To), "to " + space);
            context.MapInput("Image", to.Inputs[0]);
            context.Link(to, matte.Inputs[0]);
            context.Link(to, alpha.Inputs[0]);
            var back = context.AddOperation(new ColorConversionOperation(c.Back), "from " + space);
            context.Link(alpha, back.Inputs[0]);
            context.MapOutput("Image", back);
        }
        else
        {
            context.MapInput("Image", matte.Inputs[0]);
            context.MapInput("Image", alpha.Inputs[0]);
            context.MapOutput("Image", alpha);
        }

        context.Link(matte, alpha.Inputs[1]);
        context.MapOutput("Matte", matte);
    }
}
