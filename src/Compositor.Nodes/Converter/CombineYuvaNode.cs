using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Combine YUVA (legacy): a color from BT.709 luma, chroma differences and alpha.</summary>
public sealed class CombineYuvaNode : NodeType
{
    private static readonly string[] Sockets = ["Y", "U", "V", "A"];

    /// <summary>Declares the node type.</summary>
    public CombineYuvaNode() : base("CompositorNodeCombYUVA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Combine(context, Sockets, ColorConversion.YuvToRgb, YccStandard.ItuBt709, "Image");
}
