using Compositor.Operations;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// Blender's Mix operations (one per blend mode): blends the second image into the first by the
/// factor; with <see cref="UseAlpha"/> the factor is multiplied by the second image's alpha, with
/// <see cref="UseClamp"/> all four channels of the result are clamped to 0..1. The result's alpha
/// is the first image's.
/// </summary>
public sealed class MixOperation : MixBaseOperation
{
    /// <summary>Creates the operation for <paramref name="blendType"/>.</summary>
    public MixOperation(MixBlendType blendType, bool useAlpha, bool useClamp)
    {
        BlendType = blendType;
        UseAlpha = useAlpha;
        UseClamp = useClamp;
    }

    /// <summary>The blend mode.</summary>
    public MixBlendType BlendType { get; }

    /// <summary>Multiply the factor by the second image's alpha.</summary>
    public bool UseAlpha { get; }

    /// <summary>Clamp the result to 0..1.</summary>
    public bool UseClamp { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        if (UseAlpha) Blend<AlphaFactor>(output, inputs.In0, inputs.In1, inputs.In2, width);
        else Blend<PlainFactor>(output, inputs.In0, inputs.In1, inputs.In2, width);
        if (UseClamp) RowMath.Clamp01(output[..(width * 4)]);
    }

    /// <inheritdoc />
    /// <remarks>Every channel-wise blend mode; not Hue, Saturation, Color and Value, which mix channels.</remarks>
    public override bool HasPlanarForm => BlendType is not (MixBlendType.Hue or MixBlendType.Saturation or MixBlendType.Color or MixBlendType.Value);

    /// <inheritdoc />
    protected override void ProcessPlanes(Span<float> output, in InputRows inputs, int width)
    {
        if (!HasPlanarForm) base.ProcessPlanes(output, inputs, width);
        if (UseAlpha) BlendPlanes<AlphaFactor>(output, inputs.In0, inputs.In1, inputs.In2, width);
        else BlendPlanes<PlainFactor>(output, inputs.In0, inputs.In1, inputs.In2, width);
        // The same floats as the row's clamp: every channel, alpha too.
        if (UseClamp) RowMath.Clamp01(output[..(width * 4)]);
    }

    private void BlendPlanes<TF>(Span<float> o, ReadOnlySpan<float> f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        switch (BlendType)
        {
            case MixBlendType.Mix: MixKernels.ChannelwisePlanes<TF, MixKernels.MixBlend>(o, f, a, b, width); break;
            case MixBlendType.Darken: MixKernels.ChannelwisePlanes<TF, MixKernels.DarkenBlend>(o, f, a, b, width); break;
            case MixBlendType.Multiply: MixKernels.ChannelwisePlanes<TF, MixKernels.MultiplyBlend>(o, f, a, b, width); break;
            case MixBlendType.Burn: MixKernels.ChannelwisePlanes<TF, MixKernels.BurnBlend>(o, f, a, b, width); break;
            case MixBlendType.Lighten: MixKernels.ChannelwisePlanes<TF, MixKernels.LightenBlend>(o, f, a, b, width); break;
            case MixBlendType.Screen: MixKernels.ChannelwisePlanes<TF, MixKernels.ScreenBlend>(o, f, a, b, width); break;
            case MixBlendType.Dodge: MixKernels.ChannelwisePlanes<TF, MixKernels.DodgeBlend>(o, f, a, b, width); break;
            case MixBlendType.Add: MixKernels.ChannelwisePlanes<TF, MixKernels.AddBlend>(o, f, a, b, width); break;
            case MixBlendType.Overlay: MixKernels.ChannelwisePlanes<TF, MixKernels.OverlayBlend>(o, f, a, b, width); break;
            case MixBlendType.SoftLight: MixKernels.ChannelwisePlanes<TF, MixKernels.SoftLightBlend>(o, f, a, b, width); break;
            case MixBlendType.LinearLight: MixKernels.ChannelwisePlanes<TF, MixKernels.LinearLightBlend>(o, f, a, b, width); break;
            case MixBlendType.Difference: MixKernels.ChannelwisePlanes<TF, MixKernels.DifferenceBlend>(o, f, a, b, width); break;
            case MixBlendType.Subtract: MixKernels.ChannelwisePlanes<TF, MixKernels.SubtractBlend>(o, f, a, b, width); break;
            case MixBlendType.Divide: MixKernels.ChannelwisePlanes<TF, MixKernels.DivideBlend>(o, f, a, b, width); break;
            default: throw new NotSupportedException($"the {BlendType} blend has no planar form");
        }
    }

    private void Blend<TF>(Span<float> o, ReadOnlySpan<float> f, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        switch (BlendType)
        {
            case MixBlendType.Mix: MixKernels.Channelwise<TF, MixKernels.MixBlend>(o, f, a, b, width); break;
            case MixBlendType.Darken: MixKernels.Channelwise<TF, MixKernels.DarkenBlend>(o, f, a, b, width); break;
            case MixBlendType.Multiply: MixKernels.Channelwise<TF, MixKernels.MultiplyBlend>(o, f, a, b, width); break;
            case MixBlendType.Burn: MixKernels.Channelwise<TF, MixKernels.BurnBlend>(o, f, a, b, width); break;
            case MixBlendType.Lighten: MixKernels.Channelwise<TF, MixKernels.LightenBlend>(o, f, a, b, width); break;
            case MixBlendType.Screen: MixKernels.Channelwise<TF, MixKernels.ScreenBlend>(o, f, a, b, width); break;
            case MixBlendType.Dodge: MixKernels.Channelwise<TF, MixKernels.DodgeBlend>(o, f, a, b, width); break;
            case MixBlendType.Add: MixKernels.Channelwise<TF, MixKernels.AddBlend>(o, f, a, b, width); break;
            case MixBlendType.Overlay: MixKernels.Channelwise<TF, MixKernels.OverlayBlend>(o, f, a, b, width); break;
            case MixBlendType.SoftLight: MixKernels.Channelwise<TF, MixKernels.SoftLightBlend>(o, f, a, b, width); break;
            case MixBlendType.LinearLight: MixKernels.Channelwise<TF, MixKernels.LinearLightBlend>(o, f, a, b, width); break;
            case MixBlendType.Difference: MixKernels.Channelwise<TF, MixKernels.DifferenceBlend>(o, f, a, b, width); break;
            case MixBlendType.Subtract: MixKernels.Channelwise<TF, MixKernels.SubtractBlend>(o, f, a, b, width); break;
            case MixBlendType.Divide: MixKernels.Channelwise<TF, MixKernels.DivideBlend>(o, f, a, b, width); break;
            case MixBlendType.Hue: MixKernels.Hue<TF>(o, f, a, b, width); break;
            case MixBlendType.Saturation: MixKernels.Saturation<TF>(o, f, a, b, width); break;
            case MixBlendType.Color: MixKernels.Color<TF>(o, f, a, b, width); break;
            case MixBlendType.Value: MixKernels.Value<TF>(o, f, a, b, width); break;
            default: throw new InvalidOperationException($"unknown blend type {BlendType}");
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(BlendType);
        hash.Add(UseAlpha);
        hash.Add(UseClamp);
        return true;
    }
}
