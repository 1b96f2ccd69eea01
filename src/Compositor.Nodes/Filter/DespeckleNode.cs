using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Despeckle (Blender's DespeckleNode): <see cref="DespeckleOperation"/> with <c>threshold</c> and <c>threshold_neighbor</c>.</summary>
public sealed class DespeckleNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DespeckleNode() : base("CompositorNodeDespeckle", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new DespeckleOperation(context.GetFloat("threshold"), context.GetFloat("threshold_neighbor")));
        context.MapInput("Image", op.Inputs[DespeckleOperation.ImageInput]);
        context.MapInput("Fac", op.Inputs[DespeckleOperation.FactorInput]);
        context.MapOutput("Image", op);
    }
}
