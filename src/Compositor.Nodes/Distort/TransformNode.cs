using Compositor.Compile;
using Compositor.Imaging.Sampling;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Transform (Blender 3.4's TransformNode, full-frame): a relative Scale by Scale (both axes; its
/// canvas at most the scene size), then a Rotate by Angle (radians), then a canvas-moving
/// Translate by X, Y pixels, each sampling with <c>filter_type</c> (BICUBIC as BILINEAR, as in
/// Blender 3.4's full-frame model).
/// </summary>
public sealed class TransformNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public TransformNode() : base("CompositorNodeTransform", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var filter = DistortFilters.Parse(context.GetEnum("filter_type"));
        var scene = context.Settings.Scene;
        var scale = context.AddOperation(new ScaleRelativeOperation
        {
            Interpolation = filter.AsBlenderFullFrame(),
            MaxCanvasWidth = scene.ResolutionX,
            MaxCanvasHeight = scene.ResolutionY,
        }, "scale");
        var rotate = context.AddOperation(new RotateOperation(filter), "rotate");
        var translate = context.AddOperation(new TranslateCanvasOperation(), "translate");

        context.MapInput("Image", scale.Inputs[ScaleOperation.ImageInput]);
        context.MapInput("Scale", scale.Inputs[ScaleOperation.XInput]);
        context.MapInput("Scale", scale.Inputs[ScaleOperation.YInput]);
        context.Link(scale, rotate.Inputs[RotateOperation.ImageInput]);
        context.MapInput("Angle", rotate.Inputs[RotateOperation.AngleInput]);
        context.Link(rotate, translate.Inputs[TranslateCanvasOperation.ImageInput]);
        context.MapInput("X", translate.Inputs[TranslateCanvasOperation.XInput]);
        context.MapInput("Y", translate.Inputs[TranslateCanvasOperation.YInput]);
        context.MapOutput("Image", translate);
    }
}
