using Compositor.Compile;
using Compositor.Nodes.Operations.Distort;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Distort;

/// <summary>
/// Translate (Blender's TranslateNode, full-frame): moves the image by X, Y whole pixels (constant
/// inputs only; truncated). <c>use_relative</c> takes X and Y as fractions of the scene size (as
/// Blender 3.4 does, not of the image's); <c>wrap_axis</c> (XAXIS, YAXIS, BOTH) wraps the image
/// around its canvas on those axes instead of moving the canvas.
/// </summary>
public sealed class TranslateNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public TranslateNode() : base("CompositorNodeTranslate", "Distort")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string wrap = context.GetEnum("wrap_axis");
        bool relative = context.GetBool("use_relative");
        var scene = context.Settings.Scene;
        var op = context.AddOperation(new TranslateCanvasOperation(
            wrapX: wrap is "XAXIS" or "BOTH",
            wrapY: wrap is "YAXIS" or "BOTH",
            factorX: relative ? scene.ResolutionX : 1f,
            factorY: relative ? scene.ResolutionY : 1f));
        context.MapInput("Image", op.Inputs[TranslateCanvasOperation.ImageInput]);
        context.MapInput("X", op.Inputs[TranslateCanvasOperation.XInput]);
        context.MapInput("Y", op.Inputs[TranslateCanvasOperation.YInput]);
        context.MapOutput("Image", op);
    }
}
