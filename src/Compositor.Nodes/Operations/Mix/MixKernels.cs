using System.Runtime.CompilerServices;
using Compositor.Nodes.Operations.Color;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// One row of each Mix blend mode, following Blender 3.4's full-frame formulas in single precision
/// and in Blender's order of evaluation. <c>f</c> is the effective factor, <c>a</c> the first image,
/// <c>b</c> the second (both premultiplied RGBA, 4 floats a pixel). The output alpha is always the
/// first image's alpha. Clamping (<c>use_clamp</c>) is applied afterwards by the caller.
/// </summary>
internal static class MixKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Min(float x, float y) => x < y ? x : y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max(float x, float y) => x < y ? y : x;

    public static void Mix<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = m * a[i] + f * b[i];
            o[i + 1] = m * a[i + 1] + f * b[i + 1];
            o[i + 2] = m * a[i + 2] + f * b[i + 2];
            o[i + 3] = a[i + 3];
        }
    }

    public static void Darken<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = Min(a[i], b[i]) * f + a[i] * m;
            o[i + 1] = Min(a[i + 1], b[i + 1]) * f + a[i + 1] * m;
            o[i + 2] = Min(a[i + 2], b[i + 2]) * f + a[i + 2] * m;
            o[i + 3] = a[i + 3];
        }
    }

    public static void Multiply<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = a[i] * (m + f * b[i]);
            o[i + 1] = a[i + 1] * (m + f * b[i + 1]);
            o[i + 2] = a[i + 2] * (m + f * b[i + 2]);
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Burn(float a, float b, float f, float m)
    {
        float t = m + f * b;
        if (t <= 0f) return 0f;
        t = 1f - (1f - a) / t;
        return t < 0f ? 0f : t > 1f ? 1f : t;
    }

    public static void Burn<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = Burn(a[i], b[i], f, m);
            o[i + 1] = Burn(a[i + 1], b[i + 1], f, m);
            o[i + 2] = Burn(a[i + 2], b[i + 2], f, m);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Lighten<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            o[i] = Max(f * b[i], a[i]);
            o[i + 1] = Max(f * b[i + 1], a[i + 1]);
            o[i + 2] = Max(f * b[i + 2], a[i + 2]);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Screen<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = 1f - (m + f * (1f - b[i])) * (1f - a[i]);
            o[i + 1] = 1f - (m + f * (1f - b[i + 1])) * (1f - a[i + 1]);
            o[i + 2] = 1f - (m + f * (1f - b[i + 2])) * (1f - a[i + 2]);
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dodge(float a, float b, float f)
    {
        if (a == 0f) return 0f;
        float t = 1f - f * b;
        if (t <= 0f) return 1f;
        float r = a / t;
        return r > 1f ? 1f : r;
    }

    public static void Dodge<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            o[i] = Dodge(a[i], b[i], f);
            o[i + 1] = Dodge(a[i + 1], b[i + 1], f);
            o[i + 2] = Dodge(a[i + 2], b[i + 2], f);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Add<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            o[i] = a[i] + f * b[i];
            o[i + 1] = a[i + 1] + f * b[i + 1];
            o[i + 2] = a[i + 2] + f * b[i + 2];
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Overlay(float a, float b, float f, float m) =>
        a < 0.5f ? a * (m + 2f * f * b) : 1f - (m + 2f * f * (1f - b)) * (1f - a);

    public static void Overlay<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = Overlay(a[i], b[i], f, m);
            o[i + 1] = Overlay(a[i + 1], b[i + 1], f, m);
            o[i + 2] = Overlay(a[i + 2], b[i + 2], f, m);
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SoftLight(float a, float b, float f, float m)
    {
        float screen = 1f - (1f - b) * (1f - a);
        return m * a + f * ((1f - a) * b * a + a * screen);
    }

    public static void SoftLight<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = SoftLight(a[i], b[i], f, m);
            o[i + 1] = SoftLight(a[i + 1], b[i + 1], f, m);
            o[i + 2] = SoftLight(a[i + 2], b[i + 2], f, m);
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float LinearLight(float a, float b, float f) =>
        b > 0.5f ? a + f * (2f * (b - 0.5f)) : a + f * (2f * b - 1f);

    public static void LinearLight<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            o[i] = LinearLight(a[i], b[i], f);
            o[i + 1] = LinearLight(a[i + 1], b[i + 1], f);
            o[i + 2] = LinearLight(a[i + 2], b[i + 2], f);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Difference<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = m * a[i] + f * MathF.Abs(a[i] - b[i]);
            o[i + 1] = m * a[i + 1] + f * MathF.Abs(a[i + 1] - b[i + 1]);
            o[i + 2] = m * a[i + 2] + f * MathF.Abs(a[i + 2] - b[i + 2]);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Subtract<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            o[i] = a[i] - f * b[i];
            o[i + 1] = a[i + 1] - f * b[i + 1];
            o[i + 2] = a[i + 2] - f * b[i + 2];
            o[i + 3] = a[i + 3];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Divide(float a, float b, float f, float m) => b != 0f ? m * a + f * a / b : 0f;

    public static void Divide<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = Divide(a[i], b[i], f, m);
            o[i + 1] = Divide(a[i + 1], b[i + 1], f, m);
            o[i + 2] = Divide(a[i + 2], b[i + 2], f, m);
            o[i + 3] = a[i + 3];
        }
    }

    public static void Hue<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            Hsv.FromRgb(b[i], b[i + 1], b[i + 2], out float bh, out float bs, out _);
            if (bs != 0f)
            {
                Hsv.FromRgb(a[i], a[i + 1], a[i + 2], out _, out float s, out float v);
                Hsv.ToRgb(bh, s, v, out float r, out float g, out float bl);
                o[i] = m * a[i] + f * r;
                o[i + 1] = m * a[i + 1] + f * g;
                o[i + 2] = m * a[i + 2] + f * bl;
            }
            else
            {
                o[i] = a[i];
                o[i + 1] = a[i + 1];
                o[i + 2] = a[i + 2];
            }

            o[i + 3] = a[i + 3];
        }
    }

    public static void Saturation<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            Hsv.FromRgb(a[i], a[i + 1], a[i + 2], out float h, out float s, out float v);
            if (s != 0f)
            {
                Hsv.FromRgb(b[i], b[i + 1], b[i + 2], out _, out float bs, out _);
                Hsv.ToRgb(h, m * s + f * bs, v, out o[i], out o[i + 1], out o[i + 2]);
            }
            else
            {
                o[i] = a[i];
                o[i + 1] = a[i + 1];
                o[i + 2] = a[i + 2];
            }

            o[i + 3] = a[i + 3];
        }
    }

    public static void Color<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            Hsv.FromRgb(b[i], b[i + 1], b[i + 2], out float bh, out float bs, out _);
            if (bs != 0f)
            {
                Hsv.FromRgb(a[i], a[i + 1], a[i + 2], out _, out _, out float v);
                Hsv.ToRgb(bh, bs, v, out float r, out float g, out float bl);
                o[i] = m * a[i] + f * r;
                o[i + 1] = m * a[i + 1] + f * g;
                o[i + 2] = m * a[i + 2] + f * bl;
            }
            else
            {
                o[i] = a[i];
                o[i + 1] = a[i + 1];
                o[i + 2] = a[i + 2];
            }

            o[i + 3] = a[i + 3];
        }
    }

    public static void Value<TF>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
    {
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            Hsv.FromRgb(a[i], a[i + 1], a[i + 2], out float h, out float s, out float v);
            Hsv.FromRgb(b[i], b[i + 1], b[i + 2], out _, out _, out float bv);
            Hsv.ToRgb(h, s, m * v + f * bv, out o[i], out o[i + 1], out o[i + 2]);
            o[i + 3] = a[i + 3];
        }
    }
}
