using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>Saturation, contrast, gamma, gain and lift of one tonal range of Color Correction.</summary>
/// <param name="Saturation">Saturation factor.</param>
/// <param name="Contrast">Contrast factor.</param>
/// <param name="Gamma">Gamma.</param>
/// <param name="Gain">Gain factor.</param>
/// <param name="Lift">Lift (added).</param>
public readonly record struct ColorCorrectionSettings(float Saturation, float Contrast, float Gamma, float Gain, float Lift)
{
    /// <summary>No change.</summary>
    public static ColorCorrectionSettings Neutral => new(1f, 1f, 1f, 1f, 0f);
}

/// <summary>
/// Color Correction (Blender's ColorCorrectionOperation): the pixel's level (mean of R, G, B)
/// weighs shadows, midtones and highlights (0.1-wide blends around <c>midtones_start</c> and
/// <c>midtones_end</c>); the weighted range settings scale the master settings (lift is added);
/// the color is saturated around its luminance, contrasted around 0.5, then (c × gain + lift)
/// raised to 1 / gamma where that is not negative (else left as is); the result is mixed with the
/// input by the mask (at most 1), per enabled channel. Alpha is the input's. Inputs: image, mask.
/// </summary>
public sealed class ColorCorrectionOperation : PixelOperation
{
    private const float Margin = 0.10f;
    private const float MarginDivision = 0.5f / Margin;

    /// <summary>Creates the operation.</summary>
    public ColorCorrectionOperation(ColorCorrectionSettings master, ColorCorrectionSettings shadows, ColorCorrectionSettings midtones,
        ColorCorrectionSettings highlights, float midtonesStart, float midtonesEnd, bool red, bool green, bool blue) : base(DataType.Color)
    {
        Master = master;
        Shadows = shadows;
        Midtones = midtones;
        Highlights = highlights;
        MidtonesStart = midtonesStart;
        MidtonesEnd = midtonesEnd;
        Red = red;
        Green = green;
        Blue = blue;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
    }

    /// <summary>Settings for the whole image.</summary>
    public ColorCorrectionSettings Master { get; }

    /// <summary>Settings for the shadows.</summary>
    public ColorCorrectionSettings Shadows { get; }

    /// <summary>Settings for the midtones.</summary>
    public ColorCorrectionSettings Midtones { get; }

    /// <summary>Settings for the highlights.</summary>
    public ColorCorrectionSettings Highlights { get; }

    /// <summary>Level where midtones start.</summary>
    public float MidtonesStart { get; }

    /// <summary>Level where midtones end.</summary>
    public float MidtonesEnd { get; }

    /// <summary>Correct red.</summary>
    public bool Red { get; }

    /// <summary>Correct green.</summary>
    public bool Green { get; }

    /// <summary>Correct blue.</summary>
    public bool Blue { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var mask = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float inR = c[i], inG = c[i + 1], inB = c[i + 2];
            float level = (inR + inG + inB) / 3f;
            float shadows = 0f, midtones = 0f, highlights = 0f;
            if (level < MidtonesStart - Margin)
            {
                shadows = 1f;
            }
            else if (level < MidtonesStart + Margin)
            {
                midtones = ((level - MidtonesStart) * MarginDivision) + 0.5f;
                shadows = 1f - midtones;
            }
            else if (level < MidtonesEnd - Margin)
            {
                midtones = 1f;
            }
            else if (level < MidtonesEnd + Margin)
            {
                highlights = ((level - MidtonesEnd) * MarginDivision) + 0.5f;
                midtones = 1f - highlights;
            }
            else
            {
                highlights = 1f;
            }

            float contrast = Master.Contrast;
            float saturation = Master.Saturation;
            float gamma = Master.Gamma;
            float gain = Master.Gain;
            float lift = Master.Lift;
            contrast *= shadows * Shadows.Contrast + midtones * Midtones.Contrast + highlights * Highlights.Contrast;
            saturation *= shadows * Shadows.Saturation + midtones * Midtones.Saturation + highlights * Highlights.Saturation;
            gamma *= shadows * Shadows.Gamma + midtones * Midtones.Gamma + highlights * Highlights.Gamma;
            gain *= shadows * Shadows.Gain + midtones * Midtones.Gain + highlights * Highlights.Gain;
            lift += shadows * Shadows.Lift + midtones * Midtones.Lift + highlights * Highlights.Lift;

            float inverseGamma = 1f / gamma;
            float luma = ColorToBwOperation.Luminance(inR, inG, inB);

            float r = luma + saturation * (inR - luma);
            float g = luma + saturation * (inG - luma);
            float b = luma + saturation * (inB - luma);

            r = 0.5f + (r - 0.5f) * contrast;
            g = 0.5f + (g - 0.5f) * contrast;
            b = 0.5f + (b - 0.5f) * contrast;

            r = PowSafe(r * gain + lift, inverseGamma, r);
            g = PowSafe(g * gain + lift, inverseGamma, g);
            b = PowSafe(b * gain + lift, inverseGamma, b);

            float value = MathF.Min(1f, mask[x]);
            float keep = 1f - value;
            r = keep * inR + value * r;
            g = keep * inG + value * g;
            b = keep * inB + value * b;

            o[i] = Red ? r : inR;
            o[i + 1] = Green ? g : inG;
            o[i + 2] = Blue ? b : inB;
            o[i + 3] = c[i + 3];
        }
    }

    private static float PowSafe(float x, float y, float fallback) => x < 0f ? fallback : MathF.Pow(x, y);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Master);
        hash.Add(Shadows);
        hash.Add(Midtones);
        hash.Add(Highlights);
        hash.Add(MidtonesStart);
        hash.Add(MidtonesEnd);
        hash.Add(Red);
        hash.Add(Green);
        hash.Add(Blue);
        return true;
    }
}
