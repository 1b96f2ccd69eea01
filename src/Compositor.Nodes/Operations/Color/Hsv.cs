using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Blender's HSV conversions (BLI math_color): hue, saturation and value in 0..1, computed in single
/// precision in the same order as Blender so results match bit for bit.
/// </summary>
public static class Hsv
{
    /// <summary>RGB to HSV. Colors with a negative or HDR component give Blender's (unclamped) result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FromRgb(float r, float g, float b, out float h, out float s, out float v)
    {
        float k = 0f;
        if (g < b)
        {
            (g, b) = (b, g);
            k = -1f;
        }

        float minGb = b;
        if (r < g)
        {
            (r, g) = (g, r);
            k = -2f / 6f - k;
            minGb = g < b ? g : b;
        }

        float chroma = r - minGb;
        h = MathF.Abs(k + (g - b) / (6f * chroma + 1e-20f));
        s = chroma / (r + 1e-20f);
        v = r;
    }

    /// <summary>HSV to RGB (no clamping of the result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        float nr = MathF.Abs(h * 6f - 3f) - 1f;
        float ng = 2f - MathF.Abs(h * 6f - 2f);
        float nb = 2f - MathF.Abs(h * 6f - 4f);
        nr = Clamp01(nr);
        ng = Clamp01(ng);
        nb = Clamp01(nb);
        r = ((nr - 1f) * s + 1f) * v;
        g = ((ng - 1f) * s + 1f) * v;
        b = ((nb - 1f) * s + 1f) * v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp01(float x) => x < 0f ? 0f : x > 1f ? 1f : x;
}
