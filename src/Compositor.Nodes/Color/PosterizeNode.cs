using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Posterize: each color channel reduced to a number of steps (2..1024).</summary>
public sealed class PosterizeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public PosterizeNode() : base("CompositorNodePosterize", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new PosterizeOperation());
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Steps", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
