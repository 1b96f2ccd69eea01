using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Conversion shared by the Box and Ellipse Mask nodes (Blender's BoxMaskNode / EllipseMaskNode):
/// the shape operation on the Mask input, or, with Mask unlinked, on a transparent image of the
/// render size (a zero value scaled to the render size, as Blender builds it).
/// </summary>
internal static class ShapeMaskNodes
{
    /// <summary>The <c>width</c> and <c>height</c> properties, which the catalog cannot show (they shadow the node's UI size).</summary>
    public static PropertyDefinition[] SizeProperties() =>
    [
        new PropertyDefinition("width", PropertyKind.Float, 0.2f, null, 0.0, 2.0),
        new PropertyDefinition("height", PropertyKind.Float, 0.1f, null, 0.0, 2.0),
    ];

    public static void Convert(NodeConverterContext context, bool ellipse)
    {
        string typeName = context.GetEnum("mask_type");
        var type = MaskTypes.Parse(typeName) ?? throw context.Error($"mask_type '{typeName}' is not supported", "mask_type");
        float x = context.GetFloat("x"), y = context.GetFloat("y"), w = context.GetFloat("width"), h = context.GetFloat("height"), r = context.GetFloat("rotation");
        ShapeMaskOperation op = ellipse
            ? context.AddOperation(new EllipseMaskOperation(type, x, y, w, h, r))
            : context.AddOperation(new BoxMaskOperation(type, x, y, w, h, r));
        if (context.IsInputLinked("Mask"))
        {
            context.MapInput("Mask", op.Inputs[0]);
        }
        else
        {
            var scene = context.Settings.Scene;
            var zero = context.AddOperation(new ConstantOperation(DataType.Value, [0f]), "transparent");
            var scale = context.AddOperation(new ScaleFixedSizeOperation(scene.ResolutionX, scene.ResolutionY, keepAspect: false, crop: false), "render size");
            scale.Inputs[0].ResizeMode = ResizeMode.Align;
            context.Link(zero, scale.Inputs[0]);
            context.Link(scale, op.Inputs[0]);
        }

        context.MapInput("Value", op.Inputs[1]);
        context.MapOutput("Mask", op);
    }
}
