using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Map UV (Blender's MapUVNode): textures the UV input's canvas with the image, EWA-filtered;
/// <c>alpha</c> (0..100) fades pixels where the UVs change quickly.
/// </summary>
public sealed class MapUvNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public MapUvNode() : base("CompositorNodeMapUV", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new MapUvOperation(context.GetInt("alpha")));
        context.MapInput("Image", op.Inputs[MapUvOperation.ImageInput]);
        context.MapInput("UV", op.Inputs[MapUvOperation.UvInput]);
        context.MapOutput("Image", op);
    }
}
