using Compositor.Compile;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Filter;
using Compositor.Nodes.Operations.Math;
using Compositor.Nodes.Operations.Matte;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Matte;

/// <summary>
/// Keying (Blender's KeyingNode), stage by stage: an optional chroma pre-blur (box blur of Cb and Cr
/// in Y'CbCr), the screen-balance key, black/white clipping, the edge matte, the garbage matte
/// (min with 1 − garbage) and core matte (max), the post-blur, dilate/erode (DISTANCE), feather,
/// then the image times the matte, despilled.
/// </summary>
public sealed class KeyingNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public KeyingNode() : base("CompositorNodeKeying", "Matte")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        float clipBlack = context.GetFloat("clip_black"), clipWhite = context.GetFloat("clip_white");
        int kernelRadius = context.GetInt("edge_kernel_radius");
        float kernelTolerance = context.GetFloat("edge_kernel_tolerance");
        int blurPre = context.GetInt("blur_pre"), blurPost = context.GetInt("blur_post");
        int dilate = context.GetInt("dilate_distance"), feather = context.GetInt("feather_distance");
        float despill = context.GetFloat("despill_factor");

        var keying = context.AddOperation(new KeyingOperation(context.GetFloat("screen_balance")));
        context.MapInput("Key Color", keying.Inputs[1]);
        if (blurPre != 0) AddPreBlur(context, blurPre, keying.Inputs[0]);
        else context.MapInput("Image", keying.Inputs[0]);

        NodeOperation matte = keying;
        if (clipBlack > 0f || clipWhite < 1f)
        {
            var clip = context.AddOperation(new KeyingClipOperation(kernelRadius, kernelTolerance, clipBlack, clipWhite, edgeMatte: false), "clip");
            context.Link(matte, clip.Inputs[0]);
            matte = clip;
        }

        var edges = context.AddOperation(new KeyingClipOperation(kernelRadius, kernelTolerance, clipBlack, clipWhite, edgeMatte: true), "edges");
        context.Link(matte, edges.Inputs[0]);

        if (context.IsInputLinked("Garbage Matte"))
        {
            var subtract = context.AddOperation(new MathOperation(MathOperationType.Subtract, false), "1 - garbage");
            context.LinkConstant(subtract.Inputs[0], 1f);
            context.MapInput("Garbage Matte", subtract.Inputs[1]);
            context.LinkConstant(subtract.Inputs[2], 0f);
            var min = context.AddOperation(new MathOperation(MathOperationType.Minimum, false), "garbage");
            context.Link(subtract, min.Inputs[0]);
            context.Link(matte, min.Inputs[1]);
            context.LinkConstant(min.Inputs[2], 0f);
            matte = min;
        }

        if (context.IsInputLinked("Core Matte"))
        {
            var max = context.AddOperation(new MathOperation(MathOperationType.Maximum, false), "core");
            context.MapInput("Core Matte", max.Inputs[0]);
            context.Link(matte, max.Inputs[1]);
            context.LinkConstant(max.Inputs[2], 0f);
            matte = max;
        }

        if (blurPost != 0)
        {
            var x = context.AddOperation(new KeyingBlurOperation(blurPost, BlurAxis.X), "post-blur x");
            var y = context.AddOperation(new KeyingBlurOperation(blurPost, BlurAxis.Y), "post-blur y");
            context.Link(matte, x.Inputs[0]);
            context.Link(x, y.Inputs[0]);
            matte = y;
        }

        if (dilate != 0)
        {
            var op = context.AddOperation(new DilateDistanceOperation(Math.Abs(dilate), erode: dilate < 0), "dilate/erode");
            context.Link(matte, op.Inputs[0]);
            matte = op;
        }

        if (feather != 0)
        {
            string name = context.GetEnum("feather_falloff");
            var falloff = FeatherFalloffs.Parse(name) ?? throw context.Error($"feather_falloff '{name}' is not supported", "feather_falloff");
            var source = matte;
            matte = DilateErodeNode.AddFeather(context, feather, falloff, input => context.Link(source, input));
        }

        var alpha = context.AddOperation(new SetAlphaMultiplyOperation(), "apply matte");
        context.MapInput("Image", alpha.Inputs[0]);
        context.Link(matte, alpha.Inputs[1]);
        NodeOperation image = alpha;
        if (despill > 0f)
        {
            var op = context.AddOperation(new KeyingDespillOperation(despill, context.GetFloat("despill_balance")), "despill");
            context.Link(image, op.Inputs[0]);
            context.MapInput("Key Color", op.Inputs[1]);
            image = op;
        }

        context.MapOutput("Image", image);
        context.MapOutput("Matte", matte);
        context.MapOutput("Edges", edges);
    }

    /// <summary>The chroma pre-blur: Y'CbCr, Cb and Cr box-blurred by <paramref name="size"/>, back to RGB.</summary>
    private static void AddPreBlur(NodeConverterContext context, int size, OperationInput target)
    {
        var toYcc = context.AddOperation(new ColorConversionOperation(ColorConversion.RgbToYcc), "pre-blur to YCC");
        context.MapInput("Image", toYcc.Inputs[0]);
        var combine = context.AddOperation(new CombineChannelsOperation(), "pre-blur combine");
        for (int channel = 0; channel < 4; channel++)
        {
            var separate = context.AddOperation(new SeparateChannelOperation(channel), $"pre-blur channel {channel}");
            context.Link(toYcc, separate.Inputs[0]);
            if (channel is 0 or 3)
            {
                context.Link(separate, combine.Inputs[channel]);
                continue;
            }

            var x = context.AddOperation(new KeyingBlurOperation(size, BlurAxis.X), $"pre-blur x {channel}");
            var y = context.AddOperation(new KeyingBlurOperation(size, BlurAxis.Y), $"pre-blur y {channel}");
            context.Link(separate, x.Inputs[0]);
            context.Link(x, y.Inputs[0]);
            context.Link(y, combine.Inputs[channel]);
        }

        var back = context.AddOperation(new ColorConversionOperation(ColorConversion.YccToRgb), "pre-blur from YCC");
        context.Link(combine, back.Inputs[0]);
        context.Link(back, target);
    }
}
