using Compositor.Nodes.Operations.Color;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>How a color band blends between its stops (Blender's <c>interpolation</c>).</summary>
public enum ColorBandInterpolation
{
    /// <summary>Straight line between neighbouring stops.</summary>
    Linear,

    /// <summary>Smoothstep (3t² − 2t³) between neighbouring stops.</summary>
    Ease,

    /// <summary>Uniform cubic B-spline through four stops (result clamped to 0..1).</summary>
    BSpline,

    /// <summary>Cardinal spline (tension 0.71) through four stops (result clamped to 0..1).</summary>
    Cardinal,

    /// <summary>The stop at or left of the position.</summary>
    Constant,
}

/// <summary>The space a color band blends in (Blender's <c>color_mode</c>).</summary>
public enum ColorBandMode
{
    /// <summary>Blend R, G, B.</summary>
    Rgb,

    /// <summary>Blend hue, saturation and value (always linearly).</summary>
    Hsv,

    /// <summary>Blend hue, saturation and lightness (always linearly).</summary>
    Hsl,
}

/// <summary>Which way round the hue circle HSV/HSL bands blend (Blender's <c>hue_interpolation</c>).</summary>
public enum ColorBandHueInterpolation
{
    /// <summary>The shorter way.</summary>
    Near,

    /// <summary>The longer way (a full turn between equal hues).</summary>
    Far,

    /// <summary>Clockwise (increasing hue).</summary>
    Clockwise,

    /// <summary>Counter-clockwise (decreasing hue).</summary>
    CounterClockwise,
}

/// <summary>One stop of a color band: a position and an RGBA color (straight alpha).</summary>
public readonly record struct ColorBandStop(float Position, float R, float G, float B, float A);

/// <summary>
/// A color ramp (Blender's ColorBand and <c>BKE_colorband_evaluate</c>): stops sorted by position,
/// evaluated at a factor with the chosen interpolation, color mode and hue direction. Immutable.
/// </summary>
public sealed class ColorBand
{
    /// <summary>Blender's limit on the number of stops.</summary>
    public const int MaxStops = 32;

    private readonly ColorBandStop[] _stops;

    /// <summary>Creates a band; the stops are sorted by position (stably).</summary>
    public ColorBand(IEnumerable<ColorBandStop> stops, ColorBandInterpolation interpolation = ColorBandInterpolation.Linear,
        ColorBandMode mode = ColorBandMode.Rgb, ColorBandHueInterpolation hue = ColorBandHueInterpolation.Near)
    {
        _stops = stops.OrderBy(s => s.Position).ToArray();
        if (_stops.Length == 0) throw new ArgumentException("a color band needs at least one stop", nameof(stops));
        if (_stops.Length > MaxStops) throw new ArgumentException($"a color band has at most {MaxStops} stops", nameof(stops));
        Interpolation = interpolation;
        Mode = mode;
        Hue = hue;
    }

    /// <summary>The stops, by position.</summary>
    public IReadOnlyList<ColorBandStop> Stops => _stops;

    /// <summary>The interpolation.</summary>
    public ColorBandInterpolation Interpolation { get; }

    /// <summary>The color mode.</summary>
    public ColorBandMode Mode { get; }

    /// <summary>The hue direction (HSV and HSL modes).</summary>
    public ColorBandHueInterpolation Hue { get; }

    /// <summary>Parses Blender's interpolation identifier; null when unknown.</summary>
    public static ColorBandInterpolation? ParseInterpolation(string s) => s switch
    {
        "LINEAR" => ColorBandInterpolation.Linear,
        "EASE" => ColorBandInterpolation.Ease,
        "B_SPLINE" => ColorBandInterpolation.BSpline,
        "CARDINAL" => ColorBandInterpolation.Cardinal,
        "CONSTANT" => ColorBandInterpolation.Constant,
        _ => null,
    };

    /// <summary>Parses Blender's color mode identifier; null when unknown.</summary>
    public static ColorBandMode? ParseMode(string s) => s switch
    {
        "RGB" => ColorBandMode.Rgb,
        "HSV" => ColorBandMode.Hsv,
        "HSL" => ColorBandMode.Hsl,
        _ => null,
    };

    /// <summary>Parses Blender's hue interpolation identifier; null when unknown.</summary>
    public static ColorBandHueInterpolation? ParseHue(string s) => s switch
    {
        "NEAR" => ColorBandHueInterpolation.Near,
        "FAR" => ColorBandHueInterpolation.Far,
        "CW" => ColorBandHueInterpolation.Clockwise,
        "CCW" => ColorBandHueInterpolation.CounterClockwise,
        _ => null,
    };

    /// <summary>The band's RGBA at <paramref name="t"/>, written to <paramref name="rgba"/> (4 floats).</summary>
    public void Evaluate(float t, Span<float> rgba)
    {
        var s = _stops;
        int count = s.Length;
        // Only RGB bands use their interpolation; HSV and HSL always blend linearly.
        var ipo = Mode == ColorBandMode.Rgb ? Interpolation : ColorBandInterpolation.Linear;
        bool clampsAtEnds = ipo is ColorBandInterpolation.Linear or ColorBandInterpolation.Ease or ColorBandInterpolation.Constant;

        if (count == 1 || (t <= s[0].Position && clampsAtEnds))
        {
            Write(s[0], rgba);
            return;
        }

        // a: index of the first stop right of t (count when none).
        int a = 0;
        while (a < count && !(s[a].Position > t)) a++;

        // right ("1") and left ("2") stops of the span holding t; past the ends a copy at 1 or 0.
        ColorBandStop right, left;
        if (a == count)
        {
            left = s[a - 1];
            right = left with { Position = 1f };
        }
        else if (a == 0)
        {
            right = s[0];
            left = right with { Position = 0f };
        }
        else
        {
            right = s[a];
            left = s[a - 1];
        }

        if ((a == count && clampsAtEnds) || ipo == ColorBandInterpolation.Constant)
        {
            Write(left, rgba);
            return;
        }

        float fac;
        if (left.Position != right.Position) fac = (t - right.Position) / (left.Position - right.Position);
        else fac = a != count ? 0f : 1f;

        if (ipo is ColorBandInterpolation.BSpline or ColorBandInterpolation.Cardinal)
        {
            // Four stops, right to left: the one after "right", right, left, the one before "left".
            var next = a >= count - 1 ? right : s[a + 1];
            var previous = a < 2 ? left : s[a - 2];
            fac = fac < 0f ? 0f : fac > 1f ? 1f : fac;
            Span<float> w = stackalloc float[4];
            SplineWeights(fac, w, ipo == ColorBandInterpolation.Cardinal);
            rgba[0] = Clamp01(w[3] * previous.R + w[2] * left.R + w[1] * right.R + w[0] * next.R);
            rgba[1] = Clamp01(w[3] * previous.G + w[2] * left.G + w[1] * right.G + w[0] * next.G);
            rgba[2] = Clamp01(w[3] * previous.B + w[2] * left.B + w[1] * right.B + w[0] * next.B);
            rgba[3] = Clamp01(w[3] * previous.A + w[2] * left.A + w[1] * right.A + w[0] * next.A);
            return;
        }

        if (ipo == ColorBandInterpolation.Ease)
        {
            float f2 = fac * fac;
            fac = 3f * f2 - 2f * f2 * fac;
        }

        float mfac = 1f - fac;
        switch (Mode)
        {
            case ColorBandMode.Hsv:
            {
                Hsv.FromRgb(right.R, right.G, right.B, out float h1, out float s1, out float v1);
                Hsv.FromRgb(left.R, left.G, left.B, out float h2, out float s2, out float v2);
                float h = HueBlend(mfac, fac, h1, h2);
                Hsv.ToRgb(h, mfac * s1 + fac * s2, mfac * v1 + fac * v2, out rgba[0], out rgba[1], out rgba[2]);
                rgba[3] = mfac * right.A + fac * left.A;
                break;
            }

            case ColorBandMode.Hsl:
            {
                ColorModels.RgbToHsl(right.R, right.G, right.B, out float h1, out float s1, out float l1);
                ColorModels.RgbToHsl(left.R, left.G, left.B, out float h2, out float s2, out float l2);
                float h = HueBlend(mfac, fac, h1, h2);
                ColorModels.HslToRgb(h, mfac * s1 + fac * s2, mfac * l1 + fac * l2, out rgba[0], out rgba[1], out rgba[2]);
                rgba[3] = mfac * right.A + fac * left.A;
                break;
            }

            default:
                rgba[0] = mfac * right.R + fac * left.R;
                rgba[1] = mfac * right.G + fac * left.G;
                rgba[2] = mfac * right.B + fac * left.B;
                rgba[3] = mfac * right.A + fac * left.A;
                break;
        }
    }

    /// <summary>
    /// The interpolated hue from <paramref name="h1"/> (weight <paramref name="mfac"/>) to
    /// <paramref name="h2"/> (weight <paramref name="fac"/>), going round the circle as
    /// <see cref="Hue"/> says; hues of 1 or more are wrapped first.
    /// </summary>
    private float HueBlend(float mfac, float fac, float h1, float h2)
    {
        h1 = Wrap(h1);
        h2 = Wrap(h2);
        // 0: straight, 1: h1 one turn up, 2: h2 one turn up.
        int mode = Hue switch
        {
            ColorBandHueInterpolation.Near => h1 < h2 && h2 - h1 > 0.5f ? 1 : h1 > h2 && h2 - h1 < -0.5f ? 2 : 0,
            ColorBandHueInterpolation.Far => h1 == h2 ? 1 : h1 < h2 && h2 - h1 < 0.5f ? 1 : h1 > h2 && h2 - h1 > -0.5f ? 2 : 0,
            ColorBandHueInterpolation.CounterClockwise => h1 > h2 ? 2 : 0,
            _ => h1 < h2 ? 1 : 0,
        };
        return mode switch
        {
            1 => Wrap(mfac * (h1 + 1f) + fac * h2),
            2 => Wrap(mfac * h1 + fac * (h2 + 1f)),
            _ => mfac * h1 + fac * h2,
        };

        static float Wrap(float h) => h < 1f ? h : h - 1f;
    }

    /// <summary>Blender's key_curve_position_weights for the cardinal (tension 0.71) and B-spline bases.</summary>
    internal static void SplineWeights(float t, Span<float> w, bool cardinal)
    {
        float t2 = t * t;
        float t3 = t2 * t;
        if (cardinal)
        {
            const float fc = 0.71f;
            w[0] = -fc * t3 + 2f * fc * t2 - fc * t;
            w[1] = (2f - fc) * t3 + (fc - 3f) * t2 + 1f;
            w[2] = (fc - 2f) * t3 + (3f - 2f * fc) * t2 + fc * t;
            w[3] = fc * t3 - fc * t2;
        }
        else
        {
            w[0] = -0.16666666f * t3 + 0.5f * t2 - 0.5f * t + 0.16666666f;
            w[1] = 0.5f * t3 - t2 + 0.66666666f;
            w[2] = -0.5f * t3 + 0.5f * t2 + 0.5f * t + 0.16666666f;
            w[3] = 0.16666666f * t3;
        }
    }

    private static void Write(in ColorBandStop s, Span<float> rgba)
    {
        rgba[0] = s.R;
        rgba[1] = s.G;
        rgba[2] = s.B;
        rgba[3] = s.A;
    }

    private static float Clamp01(float x) => x < 0f ? 0f : x > 1f ? 1f : x;
}
