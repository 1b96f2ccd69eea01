using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Combine Color: a color from four channels in the model <c>mode</c> (RGB, HSV, HSL, YCC with
/// <c>ycc_mode</c>, YUV), converted to RGB; HSV and HSL results are kept non-negative. The canvas is
/// that of the first linked of the first three inputs, else of Alpha.
/// </summary>
public sealed class CombineColorNode : NodeType
{
    private static readonly string[] Inputs4 = ["Red", "Green", "Blue", "Alpha"];

    /// <summary>Declares the node type.</summary>
    public CombineColorNode() : base("CompositorNodeCombineColor", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string mode = context.GetEnum("mode");
        ColorChannelNodes.Combine(context, Inputs4, ColorChannelNodes.ToRgb(mode), ColorChannelNodes.Ycc(context, "ycc_mode"), "Image");
    }
}
