using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Corner Pin (Blender 3.4's CornerPinNode): Image is the input warped so its corners land on the
/// four corner inputs (fractions of the canvas; constants only), EWA-filtered; Plane is the
/// quadrilateral's coverage (8 jittered samples per pixel).
/// </summary>
public sealed class CornerPinNode : NodeType
{
    private static readonly string[] CornerSockets = ["Lower Left", "Lower Right", "Upper Right", "Upper Left"];

    /// <summary>Declares the node type.</summary>
    public CornerPinNode() : base("CompositorNodeCornerPin", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var warp = context.AddOperation(new PlaneCornerPinWarpImageOperation(), "warp");
        var mask = context.AddOperation(new PlaneCornerPinMaskOperation(), "plane");
        context.MapInput("Image", warp.Inputs[0]);
        for (int i = 0; i < 4; i++)
        {
            context.MapInput(CornerSockets[i], warp.Inputs[i + 1]);
            context.MapInput(CornerSockets[i], mask.Inputs[i]);
        }

        context.MapOutput("Image", warp);
        context.MapOutput("Plane", mask);
    }
}
