using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>Flip (Blender's FlipNode): mirrors the image along <c>axis</c> X, Y or XY.</summary>
public sealed class FlipNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public FlipNode() : base("CompositorNodeFlip", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string axis = context.GetEnum("axis");
        var op = context.AddOperation(new FlipOperation(flipX: axis is "X" or "XY", flipY: axis is "Y" or "XY"));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
