using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Separate YCbCrA (legacy): Y'CbCr in 0..1 (<c>mode</c>: ITUBT601, ITUBT709, JFIF) and alpha of a color.</summary>
public sealed class SeparateYccaNode : NodeType
{
    private static readonly string[] Sockets = ["Y", "Cb", "Cr", "A"];

    /// <summary>Declares the node type.</summary>
    public SeparateYccaNode() : base("CompositorNodeSepYCCA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) =>
        ColorChannelNodes.Separate(context, "Image", ColorConversion.RgbToYcc, ColorChannelNodes.Ycc(context, "mode"), Sockets);
}
