using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>Box Mask: a rotated rectangle combined with the Mask input (ADD, SUBTRACT, MULTIPLY, NOT).</summary>
public sealed class BoxMaskNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BoxMaskNode() : base("CompositorNodeBoxMask", "Matte")
    {
        foreach (var p in ShapeMaskNodes.SizeProperties()) DeclareProperty(p);
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) => ShapeMaskNodes.Convert(context, ellipse: false);
}
