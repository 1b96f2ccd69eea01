using Compositor.Compile;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Blur (Blender's BlurNode): FAST_GAUSS runs the recursive Gaussian; a variable size runs the
/// reference blur driven by the blurred Size map; otherwise a separable x then y pass, or with
/// <c>use_bokeh</c> one 2D pass. <c>use_gamma_correction</c> squares the colors before and takes
/// the square root after.
/// </summary>
public sealed class BlurNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BlurNode() : base("CompositorNodeBlur", "Filter")
    {
    }

    /// <summary>Reads the node's settings.</summary>
    public static BlurSettings ReadSettings(NodeConverterContext context) => new()
    {
        Filter = BlurFilter.Parse(context.GetEnum("filter_type")),
        SizeX = context.GetInt("size_x"),
        SizeY = context.GetInt("size_y"),
        Relative = context.GetBool("use_relative"),
        FactorX = context.GetFloat("factor_x"),
        FactorY = context.GetFloat("factor_y"),
        Aspect = context.GetEnum("aspect_correction") switch
        {
            "Y" => BlurAspect.Y,
            "X" => BlurAspect.X,
            _ => BlurAspect.None,
        },
        ExtendBounds = context.GetBool("use_extended_bounds"),
    };

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = ReadSettings(context);
        bool sizeLinked = context.IsInputLinked("Size");
        float? presetSize = sizeLinked ? null : context.InputValue("Size")[0];
        NodeOperation first, last;

        if (settings.Filter == BlurFilterType.FastGauss)
        {
            var fast = context.AddOperation(new FastGaussianBlurOperation(settings), "fast gauss");
            context.MapInput("Size", fast.Inputs[BlurOperationBase.SizeInput]);
            first = last = fast;
        }
        else if (context.GetBool("use_variable_size"))
        {
            var reference = VariableSizeBlur.Build(context, settings);
            first = last = reference;
        }
        else if (!context.GetBool("use_bokeh"))
        {
            var x = context.AddOperation(new GaussianBlurOperation(settings, BlurAxis.X) { PresetSize = presetSize }, "blur x");
            var y = context.AddOperation(new GaussianBlurOperation(settings, BlurAxis.Y) { PresetSize = presetSize }, "blur y");
            context.MapInput("Size", x.Inputs[BlurOperationBase.SizeInput]);
            context.MapInput("Size", y.Inputs[BlurOperationBase.SizeInput]);
            context.Link(x, y.Inputs[BlurOperationBase.ImageInput]);
            first = x;
            last = y;
        }
        else
        {
            var bokeh = context.AddOperation(new GaussianBokehBlurOperation(settings) { PresetSize = presetSize }, "bokeh blur");
            context.MapInput("Size", bokeh.Inputs[BlurOperationBase.SizeInput]);
            first = last = bokeh;
        }

        if (context.GetBool("use_gamma_correction"))
        {
            var correct = context.AddOperation(new GammaCorrectOperation(), "gamma correct");
            var uncorrect = context.AddOperation(new GammaUncorrectOperation(), "gamma uncorrect");
            context.MapInput("Image", correct.Inputs[0]);
            context.Link(correct, first.Inputs[BlurOperationBase.ImageInput]);
            context.Link(last, uncorrect.Inputs[0]);
            context.MapOutput("Image", uncorrect);
        }
        else
        {
            context.MapInput("Image", first.Inputs[BlurOperationBase.ImageInput]);
            context.MapOutput("Image", last);
        }
    }
}
