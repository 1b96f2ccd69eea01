using Compositor.Compile;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Matte;

/// <summary>Double Edge Mask (Blender's DoubleEdgeMaskNode): a gradient between the inner and the outer mask (<c>inner_mode</c>, <c>edge_mode</c>).</summary>
public sealed class DoubleEdgeMaskNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DoubleEdgeMaskNode() : base("CompositorNodeDoubleEdgeMask", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new DoubleEdgeMaskOperation(context.GetEnum("inner_mode") == "ADJACENT_ONLY", context.GetEnum("edge_mode") == "KEEP_IN"));
        context.MapInput("Inner Mask", op.Inputs[0]);
        context.MapInput("Outer Mask", op.Inputs[1]);
        context.MapOutput("Mask", op);
    }
}
