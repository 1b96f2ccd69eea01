using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Inpaint (Blender's InpaintNode): fills transparent pixels up to <c>distance</c> pixels from opaque ones.</summary>
public sealed class InpaintNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public InpaintNode() : base("CompositorNodeInpaint", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new InpaintOperation(context.GetInt("distance")), "inpaint");
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
