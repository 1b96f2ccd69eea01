using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// A blend mode that treats R, G and B alike: one channel of the first image (<c>a</c>) and the
    /// second (<c>b</c>) with the factor <c>f</c> and <c>m = 1 - f</c>.
    /// </summary>
    public interface IChannelBlend
    {
        /// <summary>The blended channel.</summary>
        static abstract float Apply(float a, float b, float f, float m);

        /// <summary>Whether the mode has a 16-lane form.</summary>
        static virtual bool Vectorised => false;

        /// <summary>The blend on sixteen channels: the same operations as the scalar form, lane for lane.</summary>
        static virtual Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m) =>
            throw new NotSupportedException("this blend mode has no vector form");
    }

    /// <summary>One row of a channel-wise blend mode (the JIT specialises it per mode and factor rule).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Channelwise<TF, TB>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
        where TB : struct, IChannelBlend
    {
        int done = 0;
        if (TB.Vectorised && Vector512.IsHardwareAccelerated)
        {
            var alphaLanes = VectorMath.AlphaLanes512;
            var alphaOfPixel = Vector512.Create(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
            for (; done + 4 <= width; done += 4)
            {
                int i = done * 4;
                var va = Vector512.Create(a.Slice(i, 16));
                var vb = Vector512.Create(b.Slice(i, 16));
                var f = TF.Get(VectorMath.PerPixel4(fac, done), Vector512.Shuffle(vb, alphaOfPixel));
                var r = TB.Apply(va, vb, f, Vector512<float>.One - f);
                Vector512.ConditionalSelect(alphaLanes, va, r).CopyTo(o.Slice(i, 16));
            }
        }

        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float f = TF.Get(fac[x], b[i + 3]);
            float m = 1f - f;
            o[i] = TB.Apply(a[i], b[i], f, m);
            o[i + 1] = TB.Apply(a[i + 1], b[i + 1], f, m);
            o[i + 2] = TB.Apply(a[i + 2], b[i + 2], f, m);
            o[i + 3] = a[i + 3];
        }
    }

    /// <summary>
    /// One row of a channel-wise blend mode on channel planes (see <see cref="Compositor.Operations.PlanarPixels"/>):
    /// each lane the same operations as <see cref="Channelwise{TF, TB}"/>, sixteen pixels a step, no alpha lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ChannelwisePlanes<TF, TB>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width)
        where TF : struct, IMixFactor
        where TB : struct, IChannelBlend
    {
        var bAlpha = b.Slice(3 * width, width);
        int done = 0;
        if (TB.Vectorised && Vector512.IsHardwareAccelerated)
        {
            for (; done + 16 <= width; done += 16)
            {
                var f = TF.Get(Vector512.Create(fac.Slice(done, 16)), Vector512.Create(bAlpha.Slice(done, 16)));
                var m = Vector512<float>.One - f;
                for (int c = 0; c < 3; c++)
                {
                    int at = c * width + done;
                    TB.Apply(Vector512.Create(a.Slice(at, 16)), Vector512.Create(b.Slice(at, 16)), f, m).CopyTo(o.Slice(at, 16));
                }
            }
        }

        for (int x = done; x < width; x++)
        {
            float f = TF.Get(fac[x], bAlpha[x]);
            float m = 1f - f;
            for (int c = 0; c < 3; c++) o[c * width + x] = TB.Apply(a[c * width + x], b[c * width + x], f, m);
        }

        a.Slice(3 * width, width).CopyTo(o.Slice(3 * width, width));
    }

    public struct MixBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => m * a + f * b;

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => m * a + f * b;
    }

    public struct DarkenBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => Min(a, b) * f + a * m;

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => Vector512.ConditionalSelect(Vector512.LessThan(a, b), a, b) * f + a * m;
    }

    public struct MultiplyBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => a * (m + f * b);

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => a * (m + f * b);
    }

    public struct BurnBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
        {
            float t = m + f * b;
            if (t <= 0f) return 0f;
            t = 1f - (1f - a) / t;
            return t < 0f ? 0f : t > 1f ? 1f : t;
        }
    }

    public struct LightenBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => Max(f * b, a);

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => Vector512.ConditionalSelect(Vector512.LessThan(f * b, a), a, f * b);
    }

    public struct ScreenBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => 1f - (m + f * (1f - b)) * (1f - a);

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => Vector512<float>.One - (m + f * (Vector512<float>.One - b)) * (Vector512<float>.One - a);
    }

    public struct DodgeBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
        {
            if (a == 0f) return 0f;
            float t = 1f - f * b;
            if (t <= 0f) return 1f;
            float r = a / t;
            return r > 1f ? 1f : r;
        }
    }

    public struct AddBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => a + f * b;

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => a + f * b;
    }

    public struct OverlayBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => a < 0.5f ? a * (m + 2f * f * b) : 1f - (m + 2f * f * (1f - b)) * (1f - a);

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(0.5f)), a * (m + Vector512.Create(2f) * f * b), Vector512<float>.One - (m + Vector512.Create(2f) * f * (Vector512<float>.One - b)) * (Vector512<float>.One - a));
    }

    public struct SoftLightBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
        {
            float screen = 1f - (1f - b) * (1f - a);
            return m * a + f * ((1f - a) * b * a + a * screen);
        }
    }

    public struct LinearLightBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => b > 0.5f ? a + f * (2f * (b - 0.5f)) : a + f * (2f * b - 1f);
    }

    public struct DifferenceBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => m * a + f * MathF.Abs(a - b);

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => m * a + f * Vector512.Abs(a - b);
    }

    public struct SubtractBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => a - f * b;

        public static bool Vectorised => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> m)
            => a - f * b;
    }

    public struct DivideBlend : IChannelBlend
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Apply(float a, float b, float f, float m)
            => b != 0f ? m * a + f * a / b : 0f;
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
