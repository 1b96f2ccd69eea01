using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Rotate (Blender's RotateNode, full-frame): rotates the image about its centre by Degr (radians,
/// constant only) into a canvas that holds the whole rotated image. <c>filter_type</c> NEAREST or
/// BILINEAR; BICUBIC samples as BILINEAR, as in Blender 3.4's full-frame model.
/// </summary>
public sealed class RotateNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public RotateNode() : base("CompositorNodeRotate", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new RotateOperation(DistortFilters.Parse(context.GetEnum("filter_type"))));
        context.MapInput("Image", op.Inputs[RotateOperation.ImageInput]);
        context.MapInput("Degr", op.Inputs[RotateOperation.AngleInput]);
        context.MapOutput("Image", op);
    }
}
