using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Crop (Blender's CropNode): the rectangle min_x..max_x × min_y..max_y (pixels) or, with
/// <c>relative</c>, rel_min_x..rel_max_x × rel_min_y..rel_max_y (fractions of the image size).
/// <c>use_crop_size</c> makes the result the cropped image (its canvas the rectangle's size);
/// otherwise the image keeps its size and pixels outside the rectangle become transparent.
/// </summary>
public sealed class CropNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public CropNode() : base("CompositorNodeCrop", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = new CropSettings(
            X1: context.GetInt("min_x"), X2: context.GetInt("max_x"),
            Y1: context.GetInt("max_y"), Y2: context.GetInt("min_y"),
            FacX1: context.GetFloat("rel_min_x"), FacX2: context.GetFloat("rel_max_x"),
            FacY1: context.GetFloat("rel_max_y"), FacY2: context.GetFloat("rel_min_y"),
            Relative: context.GetBool("relative"));
        Compositor.Operations.NodeOperation op = context.GetBool("use_crop_size")
            ? context.AddOperation(new CropImageOperation(settings))
            : context.AddOperation(new CropOperation(settings));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
