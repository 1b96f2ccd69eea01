using System.Runtime.CompilerServices;

namespace Compositor.Imaging;

/// <summary>sRGB transfer functions (IEC 61966-2-1), as Blender's color management applies them.</summary>
public static class ColorTransfer
{
    /// <summary>sRGB-encoded value to linear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SrgbToLinear(float c)
    {
        if (c < 0.04045f) return c < 0f ? 0f : c * (1f / 12.92f);
        return MathF.Pow((c + 0.055f) * (1f / 1.055f), 2.4f);
    }

    /// <summary>Linear value to sRGB-encoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LinearToSrgb(float c)
    {
        if (c < 0.0031308f) return c < 0f ? 0f : c * 12.92f;
        return 1.055f * MathF.Pow(c, 1f / 2.4f) - 0.055f;
    }

    private static readonly float[] Srgb8ToLinearTable = BuildSrgb8Table();

    private static float[] BuildSrgb8Table()
    {
        var t = new float[256];
        for (int i = 0; i < 256; i++) t[i] = SrgbToLinear(i / 255f);
        return t;
    }

    /// <summary>Linear value of an 8-bit sRGB code (table lookup).</summary>
    public static float Srgb8ToLinear(byte code) => Srgb8ToLinearTable[code];
}
