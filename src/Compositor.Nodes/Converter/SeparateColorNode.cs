using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Separate Color: the four channels of a color in the model <c>mode</c> (RGB, HSV, HSL, YCC with
/// <c>ycc_mode</c>, YUV); YCC channels are scaled to 0..1. Values are taken as stored (premultiplied).
/// </summary>
public sealed class SeparateColorNode : NodeType
{
    private static readonly string[] Outputs4 = ["Red", "Green", "Blue", "Alpha"];

    /// <summary>Declares the node type.</summary>
    public SeparateColorNode() : base("CompositorNodeSeparateColor", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string mode = context.GetEnum("mode");
        ColorChannelNodes.Separate(context, "Image", ColorChannelNodes.FromRgb(mode), ColorChannelNodes.Ycc(context, "ycc_mode"), Outputs4);
    }
}
