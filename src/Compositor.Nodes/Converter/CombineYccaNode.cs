using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Combine YCbCrA (legacy): a color from Y'CbCr in 0..1 (<c>mode</c>: ITUBT601, ITUBT709, JFIF) and alpha.</summary>
public sealed class CombineYccaNode : NodeType
{
    private static readonly string[] Sockets = ["Y", "Cb", "Cr", "A"];

    /// <summary>Declares the node type.</summary>
    public CombineYccaNode() : base("CompositorNodeCombYCCA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Combine(context, Sockets, ColorConversion.YccToRgb, ColorChannelNodes.Ycc(context, "mode"), "Image");
}
