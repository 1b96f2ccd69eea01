using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Bokeh Blur (Blender's BokehBlurNode). With <c>use_variable_size</c> and a linked Size, a
/// <see cref="VariableSizeBokehBlurOperation"/> (threshold 0, Size scaled by the larger canvas side
/// / 100, at most <c>blur_max</c> pixels; the bounding box is not used); otherwise a
/// <see cref="BokehBlurOperation"/> honouring the bounding box and <c>use_extended_bounds</c>.
/// </summary>
public sealed class BokehBlurNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BokehBlurNode() : base("CompositorNodeBokehBlur", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        bool sizeLinked = context.IsInputLinked("Size");
        if (context.GetBool("use_variable_size") && sizeLinked)
        {
            var variable = context.AddOperation(new VariableSizeBokehBlurOperation(context.GetFloat("blur_max"), 0f, scaleSize: true));
            context.MapInput("Image", variable.Inputs[VariableSizeBokehBlurOperation.ImageInput]);
            context.MapInput("Bokeh", variable.Inputs[VariableSizeBokehBlurOperation.BokehInput]);
            context.MapInput("Size", variable.Inputs[VariableSizeBokehBlurOperation.SizeInput]);
            context.MapOutput("Image", variable);
            return;
        }

        var op = context.AddOperation(new BokehBlurOperation(context.GetBool("use_extended_bounds"))
        {
            PresetSize = sizeLinked ? null : context.InputValue("Size")[0],
        });
        context.MapInput("Image", op.Inputs[BokehBlurOperation.ImageInput]);
        context.MapInput("Bokeh", op.Inputs[BokehBlurOperation.BokehInput]);
        context.MapInput("Size", op.Inputs[BokehBlurOperation.SizeInput]);
        context.MapInput("Bounding box", op.Inputs[BokehBlurOperation.BoundingBoxInput]);
        context.MapOutput("Image", op);
    }
}
