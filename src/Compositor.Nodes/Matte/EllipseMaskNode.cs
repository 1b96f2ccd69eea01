using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>Ellipse Mask: a rotated ellipse combined with the Mask input (ADD, SUBTRACT, MULTIPLY, NOT).</summary>
public sealed class EllipseMaskNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public EllipseMaskNode() : base("CompositorNodeEllipseMask", "Matte")
    {
        foreach (var p in ShapeMaskNodes.SizeProperties()) DeclareProperty(p);
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) => ShapeMaskNodes.Convert(context, ellipse: true);
}
