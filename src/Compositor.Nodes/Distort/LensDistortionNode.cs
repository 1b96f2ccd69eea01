using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Lens Distortion (Blender's LensDistortionNode): <c>use_projector</c> shifts red and blue
/// horizontally by the Dispersion; otherwise radial Distort with Dispersion between the colours,
/// <c>use_fit</c> scaling the result inside the frame and <c>use_jitter</c> jittering the samples.
/// </summary>
public sealed class LensDistortionNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public LensDistortionNode() : base("CompositorNodeLensdist", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        if (context.GetBool("use_projector"))
        {
            var projector = context.AddOperation(new ProjectorLensDistortionOperation());
            context.MapInput("Image", projector.Inputs[0]);
            context.MapInput("Dispersion", projector.Inputs[1]);
            context.MapOutput("Image", projector);
            return;
        }

        float? distortion = context.IsInputLinked("Distort") ? null : context.InputValue("Distort")[0];
        float? dispersion = context.IsInputLinked("Dispersion") ? null : context.InputValue("Dispersion")[0];
        var op = context.AddOperation(new ScreenLensDistortionOperation(context.GetBool("use_fit"), context.GetBool("use_jitter"), distortion, dispersion));
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Distort", op.Inputs[1]);
        context.MapInput("Dispersion", op.Inputs[2]);
        context.MapOutput("Image", op);
    }
}
