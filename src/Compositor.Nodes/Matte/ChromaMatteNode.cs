using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Chroma Key (Blender's ChromaMatteNode): image and key color converted to Y'CbCr (BT.709), keyed
/// by the angle of their chroma (<c>tolerance</c>, <c>threshold</c>, <c>gain</c>); the Image output
/// is the image times the matte. <c>lift</c> and <c>shadow_adjust</c> have no effect in Blender 3.4.
/// </summary>
public sealed class ChromaMatteNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ChromaMatteNode() : base("CompositorNodeChromaMatte", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        ConvertedKeyMatte.Convert(context, ColorConversion.RgbToYcc, "YCC", new ChromaMatteOperation(context.GetFloat("tolerance"), context.GetFloat("threshold"), context.GetFloat("gain")));
    }
}
