using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Curves;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Input;

/// <summary>
/// Time Curve: a constant from the current frame. The frame's position in
/// <c>frame_start</c>..<c>frame_end</c> (0 before, 1 after) goes through the curve (clipped to the
/// curve's range) and the result is clamped to 0..1, as Blender's TimeNode.
/// </summary>
public sealed class TimeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public TimeNode() : base("CompositorNodeTime", "Input")
    {
    }

    /// <summary>The node's value at <paramref name="frame"/>.</summary>
    public static float Evaluate(CurveMapping curve, int frame, int start, int end)
    {
        float fac = 0f;
        if (frame < start) fac = 0f;
        else if (frame > end) fac = 1f;
        else if (start < end) fac = (frame - start) / (float)(end - start);
        fac = curve.EvaluateClipped(0, fac);
        return Math.Clamp(fac, 0f, 1f);
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var curve = CurveMappingReader.Read(context, "curve", CurveMappingDefaults.Time);
        float value = Evaluate(curve, SceneTimeNode.SceneFrame(context), context.GetInt("frame_start"), context.GetInt("frame_end"));
        var op = context.AddOperation(new ConstantOperation(DataType.Value, [value]));
        context.MapOutput("Fac", op);
    }
}
