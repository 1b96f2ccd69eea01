using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Separate YUVA (legacy): luma, the two BT.709 chroma differences and alpha of a color.</summary>
public sealed class SeparateYuvaNode : NodeType
{
    private static readonly string[] Sockets = ["Y", "U", "V", "A"];

    /// <summary>Declares the node type.</summary>
    public SeparateYuvaNode() : base("CompositorNodeSepYUVA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Separate(context, "Image", ColorConversion.RgbToYuv, YccStandard.ItuBt709, Sockets);
}
