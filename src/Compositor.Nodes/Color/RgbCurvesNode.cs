using Compositor.Compile;
using Compositor.Nodes.Operations.Curves;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>
/// RGB Curves: each channel through its curve, then the combined curve (Blender premultiplies the
/// tables), after black and white levels; mixed with the input by the factor. As in Blender, linked
/// level sockets are read per pixel; otherwise their values are constants (the mapping's own
/// black_level and white_level are not used by the compositor).
/// </summary>
public sealed class RgbCurvesNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public RgbCurvesNode() : base("CompositorNodeCurveRGB", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var mapping = CurveMappingReader.Read(context, "mapping", CurveMappingDefaults.RgbCurves);
        if (context.IsInputLinked("Black Level") || context.IsInputLinked("White Level"))
        {
            var op = context.AddOperation(new ColorCurveOperation(mapping));
            context.MapInput("Fac", op.Inputs[0]);
            context.MapInput("Image", op.Inputs[1]);
            context.MapInput("Black Level", op.Inputs[2]);
            context.MapInput("White Level", op.Inputs[3]);
            context.MapOutput("Image", op);
        }
        else
        {
            var op = context.AddOperation(new ConstantLevelColorCurveOperation(mapping, context.InputValue("Black Level"), context.InputValue("White Level")));
            context.MapInput("Fac", op.Inputs[0]);
            context.MapInput("Image", op.Inputs[1]);
            context.MapOutput("Image", op);
        }
    }
}
