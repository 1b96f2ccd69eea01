using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Separate HSVA (legacy): hue, saturation, value and alpha of a color.</summary>
public sealed class SeparateHsvaNode : NodeType
{
    private static readonly string[] Sockets = ["H", "S", "V", "A"];

    /// <summary>Declares the node type.</summary>
    public SeparateHsvaNode() : base("CompositorNodeSepHSVA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Separate(context, "Image", ColorConversion.RgbToHsv, YccStandard.ItuBt709, Sockets);
}
