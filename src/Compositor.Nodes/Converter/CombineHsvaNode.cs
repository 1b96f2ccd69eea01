using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Combine HSVA (legacy): a color from hue, saturation, value and alpha (negative RGB results raised to 0).</summary>
public sealed class CombineHsvaNode : NodeType
{
    private static readonly string[] Sockets = ["H", "S", "V", "A"];

    /// <summary>Declares the node type.</summary>
    public CombineHsvaNode() : base("CompositorNodeCombHSVA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Combine(context, Sockets, ColorConversion.HsvToRgb, YccStandard.ItuBt709, "Image");
}
