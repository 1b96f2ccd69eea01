using Compositor.Compile;
using Compositor.Nodes.Operations.Input;
using Compositor.Nodes.Operations.Math;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Defocus (Blender's DefocusNode). The blur radius per pixel is min(Z · <c>z_scale</c>,
/// <c>blur_max</c>) without <c>use_zbuffer</c>; with it, the camera model of
/// <see cref="ConvertDepthToRadiusOperation"/> smoothed by <see cref="FastGaussianBlurValueOperation"/>. A <see cref="VariableSizeBokehBlurOperation"/>
/// (threshold <c>threshold</c>, at most <c>blur_max</c> pixels, every third neighbour with
/// <c>use_preview</c>) blurs with a 512 × 512 aperture of <c>bokeh</c> blades (a disc for
/// CIRCLE) turned by <c>angle</c>; <c>use_gamma_correction</c> squares the colours before and takes
/// the square root after.
/// </summary>
public sealed class DefocusNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public DefocusNode() : base("CompositorNodeDefocus", "Filter")
    {
    }

    /// <summary>Blades and rounding of the aperture for a <c>bokeh</c> enum identifier.</summary>
    public static (int Flaps, float Rounding) Aperture(string bokeh) => bokeh switch
    {
        "OCTAGON" => (8, 0f),
        "HEPTAGON" => (7, 0f),
        "HEXAGON" => (6, 0f),
        "PENTAGON" => (5, 0f),
        "SQUARE" => (4, 0f),
        "TRIANGLE" => (3, 0f),
        _ => (5, 1f),
    };

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        float maxBlur = context.GetFloat("blur_max");
        NodeOperation radius;
        if (!context.GetBool("use_zbuffer"))
        {
            var multiply = context.AddOperation(new MathOperation(MathOperationType.Multiply, useClamp: false), "radius scale");
            context.MapInput("Z", multiply.Inputs[0]);
            context.LinkConstant(multiply.Inputs[1], context.GetFloat("z_scale"));
            context.LinkConstant(multiply.Inputs[2], 0f);
            var minimum = context.AddOperation(new MathOperation(MathOperationType.Minimum, useClamp: false), "radius limit");
            context.Link(multiply, minimum.Inputs[0]);
            context.LinkConstant(minimum.Inputs[1], maxBlur);
            context.LinkConstant(minimum.Inputs[2], 0f);
            radius = minimum;
        }
        else
        {
            var depth = context.AddOperation(new ConvertDepthToRadiusOperation(context.GetFloat("f_stop"), maxBlur), "depth to radius");
            context.MapInput("Z", depth.Inputs[0]);
            var smooth = context.AddOperation(new FastGaussianBlurValueOperation(context.GetFloat("f_stop"), maxBlur), "radius blur");
            context.Link(depth, smooth.Inputs[0]);
            radius = smooth;
        }

        var (flaps, rounding) = Aperture(context.GetEnum("bokeh"));
        var bokeh = context.AddOperation(new BokehImageOperation(new BokehSettings(flaps, context.GetFloat("angle"), rounding, 0f, 0f)), "aperture");
        var blur = context.AddOperation(new VariableSizeBokehBlurOperation(maxBlur, context.GetFloat("threshold"), scaleSize: false)
        {
            ForceLowQuality = context.GetBool("use_preview"),
        }, "defocus");
        context.Link(bokeh, blur.Inputs[VariableSizeBokehBlurOperation.BokehInput]);
        context.Link(radius, blur.Inputs[VariableSizeBokehBlurOperation.SizeInput]);

        if (context.GetBool("use_gamma_correction"))
        {
            var correct = context.AddOperation(new GammaCorrectOperation(), "gamma correct");
            var uncorrect = context.AddOperation(new GammaUncorrectOperation(), "gamma uncorrect");
            context.MapInput("Image", correct.Inputs[0]);
            context.Link(correct, blur.Inputs[VariableSizeBokehBlurOperation.ImageInput]);
            context.Link(blur, uncorrect.Inputs[0]);
            context.MapOutput("Image", uncorrect);
        }
        else
        {
            context.MapInput("Image", blur.Inputs[VariableSizeBokehBlurOperation.ImageInput]);
            context.MapOutput("Image", blur);
        }
    }
}
