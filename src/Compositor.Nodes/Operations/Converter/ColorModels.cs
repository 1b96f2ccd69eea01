using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>The Y'CbCr coefficient sets of Blender's YCC conversions (the nodes' <c>ycc_mode</c> / <c>mode</c>).</summary>
public enum YccStandard
{
    /// <summary>ITU-R BT.601 (studio range 16..235).</summary>
    ItuBt601,

    /// <summary>ITU-R BT.709 (studio range 16..235), Blender's default.</summary>
    ItuBt709,

    /// <summary>JPEG File Interchange Format (full range 0..255).</summary>
    Jfif,
}

/// <summary>
/// Blender's HSL, Y'CbCr and YUV conversions (BLI math_color), in single precision and in Blender's
/// order of operations. HSV lives in <see cref="Color.Hsv"/>.
/// </summary>
public static class ColorModels
{
    /// <summary>Parses Blender's YCC mode identifier (ITUBT601, ITUBT709, JFIF); null when unknown.</summary>
    public static YccStandard? ParseYcc(string identifier) => identifier switch
    {
        "ITUBT601" => YccStandard.ItuBt601,
        "ITUBT709" => YccStandard.ItuBt709,
        "JFIF" => YccStandard.Jfif,
        _ => null,
    };

    /// <summary>RGB to HSL: hue and saturation in 0..1, lightness capped at 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToHsl(float r, float g, float b, out float h, out float s, out float l)
    {
        float max = Max(Max(r, g), b);
        float min = Min(Min(r, g), b);
        l = Min(1f, (max + min) / 2f);
        if (max == min)
        {
            h = 0f;
            s = 0f;
            return;
        }

        float d = max - min;
        s = l > 0.5f ? d / (2f - max - min) : d / (max + min);
        float hue;
        if (max == r) hue = (g - b) / d + (g < b ? 6f : 0f);
        else if (max == g) hue = (b - r) / d + 2f;
        else hue = (r - g) / d + 4f;
        h = hue / 6f;
    }

    /// <summary>HSL to RGB (no clamping of the result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HslToRgb(float h, float s, float l, out float r, out float g, out float b)
    {
        float nr = Clamp01(MathF.Abs(h * 6f - 3f) - 1f);
        float ng = Clamp01(2f - MathF.Abs(h * 6f - 2f));
        float nb = Clamp01(2f - MathF.Abs(h * 6f - 4f));
        float chroma = (1f - MathF.Abs(2f * l - 1f)) * s;
        r = (nr - 0.5f) * chroma + l;
        g = (ng - 0.5f) * chroma + l;
        b = (nb - 0.5f) * chroma + l;
    }

    /// <summary>RGB (0..1) to Y'CbCr in Blender's 0..255 scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToYcc(float r, float g, float b, YccStandard standard, out float y, out float cb, out float cr)
    {
        float sr = 255f * r, sg = 255f * g, sb = 255f * b;
        switch (standard)
        {
            case YccStandard.ItuBt601:
                y = (0.257f * sr) + (0.504f * sg) + (0.098f * sb) + 16f;
                cb = (-0.148f * sr) - (0.291f * sg) + (0.439f * sb) + 128f;
                cr = (0.439f * sr) - (0.368f * sg) - (0.071f * sb) + 128f;
                break;
            case YccStandard.Jfif:
                y = (0.299f * sr) + (0.587f * sg) + (0.114f * sb);
                cb = (-0.16874f * sr) - (0.33126f * sg) + (0.5f * sb) + 128f;
                cr = (0.5f * sr) - (0.41869f * sg) - (0.08131f * sb) + 128f;
                break;
            default:
                y = (0.183f * sr) + (0.614f * sg) + (0.062f * sb) + 16f;
                cb = (-0.101f * sr) - (0.338f * sg) + (0.439f * sb) + 128f;
                cr = (0.439f * sr) - (0.399f * sg) - (0.040f * sb) + 128f;
                break;
        }
    }

    /// <summary>Y'CbCr in Blender's 0..255 scale to RGB (0..1 for in-gamut input; not clamped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void YccToRgb(float y, float cb, float cr, YccStandard standard, out float r, out float g, out float b)
    {
        switch (standard)
        {
            case YccStandard.ItuBt601:
                r = 1.164f * (y - 16f) + 1.596f * (cr - 128f);
                g = 1.164f * (y - 16f) - 0.813f * (cr - 128f) - 0.392f * (cb - 128f);
                b = 1.164f * (y - 16f) + 2.017f * (cb - 128f);
                break;
            case YccStandard.Jfif:
                r = y + 1.402f * cr - 179.456f;
                g = y - 0.34414f * cb - 0.71414f * cr + 135.45984f;
                b = y + 1.772f * cb - 226.816f;
                break;
            default:
                r = 1.164f * (y - 16f) + 1.793f * (cr - 128f);
                g = 1.164f * (y - 16f) - 0.534f * (cr - 128f) - 0.213f * (cb - 128f);
                b = 1.164f * (y - 16f) + 2.115f * (cb - 128f);
                break;
        }

        r /= 255f;
        g /= 255f;
        b /= 255f;
    }

    /// <summary>RGB to YUV with the BT.709 coefficients (what every compositor node uses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToYuv(float r, float g, float b, out float y, out float u, out float v)
    {
        y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
        u = -0.09991f * r - 0.33609f * g + 0.436f * b;
        v = 0.615f * r - 0.55861f * g - 0.05639f * b;
    }

    /// <summary>YUV (BT.709) to RGB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void YuvToRgb(float y, float u, float v, out float r, out float g, out float b)
    {
        r = y + 1.28033f * v;
        g = y - 0.21482f * u - 0.38059f * v;
        b = y + 2.12798f * u;
    }

    // Blender's min_ff / max_ff: the first operand unless the comparison holds (NaN-order matters).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max(float a, float b) => a > b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Min(float a, float b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp01(float x) => x < 0f ? 0f : x > 1f ? 1f : x;
}
