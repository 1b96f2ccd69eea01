using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Blender's Y'CbCr (ITU BT.709, on the 0..255 scale) and Y'UV (BT.709) conversions
/// (BLI math_color), in single precision and in Blender's order of operations, so results match.
/// </summary>
public static class ColorSpaces
{
    /// <summary>
    /// RGB to Y'CbCr as the compositor's RGB-to-YCC conversion gives it: BT.709 on the 0..255 scale
    /// (Y 16..235, Cb and Cr around 128), then scaled by 1/255.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToYcc(float r, float g, float b, out float y, out float cb, out float cr)
    {
        float sr = 255f * r, sg = 255f * g, sb = 255f * b;
        const float norm = 1f / 255f;
        y = ((0.183f * sr) + (0.614f * sg) + (0.062f * sb) + 16f) * norm;
        cb = ((-0.101f * sr) - (0.338f * sg) + (0.439f * sb) + 128f) * norm;
        cr = ((0.439f * sr) - (0.399f * sg) - (0.040f * sb) + 128f) * norm;
    }

    /// <summary>The inverse of <see cref="RgbToYcc"/>: the normalized Y'CbCr back on the 0..255 scale, converted, divided by 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void YccToRgb(float y, float cb, float cr, out float r, out float g, out float b)
    {
        float sy = y * 255f - 16f, scb = cb * 255f - 128f, scr = cr * 255f - 128f;
        r = (1.164f * sy + 1.793f * scr) / 255f;
        g = (1.164f * sy - 0.534f * scr - 0.213f * scb) / 255f;
        b = (1.164f * sy + 2.115f * scb) / 255f;
    }

    /// <summary>RGB to Y'UV (BT.709).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToYuv(float r, float g, float b, out float y, out float u, out float v)
    {
        y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
        u = -0.09991f * r - 0.33609f * g + 0.436f * b;
        v = 0.615f * r - 0.55861f * g - 0.05639f * b;
    }

    /// <summary>Y'UV (BT.709) to RGB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void YuvToRgb(float y, float u, float v, out float r, out float g, out float b)
    {
        r = y + 1.28033f * v;
        g = y - 0.21482f * u - 0.38059f * v;
        b = y + 2.12798f * u;
    }

    /// <summary>Blender's max_axis_v3: the index of the largest of three values (ties go to the later one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxAxis(float x, float y, float z) => x > y ? (x > z ? 0 : 2) : (y > z ? 1 : 2);
}
