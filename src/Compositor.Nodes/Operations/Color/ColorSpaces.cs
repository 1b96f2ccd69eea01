namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// The color spaces of Blender 3.4's default OpenColorIO configuration that Convert Colorspace
/// supports, computed rather than read from the configuration's files: Linear (the reference,
/// Rec. 709 primaries), sRGB (the sRGB curve over the domains of the configuration's 1D LUTs:
/// −0.125..4.875 encoded, −0.0096749..40.46 linear, inputs clamped to them), XYZ (the
/// configuration's sRGB-to-XYZ matrix), Linear ACES and Linear ACEScg (AP0 and AP1 primaries with
/// D60 white, Bradford-adapted to D65 as OpenColorIO's built-in transforms do) and, as a source
/// only, Filmic Log (its base-2 allocation, −12.473931188..4.026068812 stops). Non-Color and Raw
/// are data: a conversion from or to them does nothing. Filmic sRGB and conversions to Filmic Log
/// need the configuration's Filmic LUTs and are not supported.
/// </summary>
public static class ColorSpaces
{
    /// <summary>Every space name Blender 3.4's default configuration lists for Convert Colorspace.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["Filmic Log", "Filmic sRGB", "Linear", "Linear ACES", "Linear ACEScg", "Non-Color", "Raw", "sRGB", "XYZ"];

    private static readonly double[] SrgbToXyz =
    [
        0.4124564, 0.3575761, 0.1804375,
        0.2126729, 0.7151522, 0.0721750,
        0.0193339, 0.1191920, 0.9503041,
    ];

    /// <summary>True for the data spaces (Non-Color, Raw), which Blender never converts.</summary>
    public static bool IsData(string space) => space is "Non-Color" or "Raw";

    /// <summary>Why a conversion from <paramref name="from"/> to <paramref name="to"/> is not supported, or null when it is.</summary>
    public static string? Unsupported(string from, string to)
    {
        if (!All.Contains(from)) return $"unknown color space '{from}'";
        if (!All.Contains(to)) return $"unknown color space '{to}'";
        if (IsData(from) || IsData(to) || from == to) return null;
        if (from == "Filmic sRGB") return "converting from color space 'Filmic sRGB' is not supported (it needs Blender's Filmic LUTs)";
        if (to == "Filmic sRGB") return "converting to color space 'Filmic sRGB' is not supported (it needs Blender's Filmic LUTs)";
        if (to == "Filmic Log") return "converting to color space 'Filmic Log' is not supported (it needs Blender's Filmic 3D LUT)";
        return null;
    }

    /// <summary>The conversion, or null when it does nothing (data spaces, the same space).</summary>
    /// <exception cref="NotSupportedException">The conversion is not supported; the message names the space.</exception>
    public static ColorSpaceConversion? Create(string from, string to)
    {
        if (Unsupported(from, to) is { } reason) throw new NotSupportedException(reason);
        if (IsData(from) || IsData(to) || from == to) return null;
        var decode = from switch
        {
            "sRGB" => ColorSpaceCurve.SrgbDecode,
            "Filmic Log" => ColorSpaceCurve.FilmicLogDecode,
            _ => ColorSpaceCurve.None,
        };
        var encode = to == "sRGB" ? ColorSpaceCurve.SrgbEncode : ColorSpaceCurve.None;
        double[] matrix = Multiply(FromLinear(to), ToLinear(from));
        return new ColorSpaceConversion(from, to, decode, Array.ConvertAll(matrix, v => (float)v), encode);
    }

    /// <summary>The matrix from <paramref name="space"/>'s linear values to Linear (identity for curve-only spaces).</summary>
    private static double[] ToLinear(string space) => space switch
    {
        "XYZ" => Invert(SrgbToXyz),
        "Linear ACES" => Invert(Multiply(Invert(AcesToXyz(Ap0)), SrgbToXyz)),
        "Linear ACEScg" => Invert(Multiply(Invert(AcesToXyz(Ap1)), SrgbToXyz)),
        _ => Identity(),
    };

    /// <summary>The matrix from Linear to <paramref name="space"/>'s linear values.</summary>
    private static double[] FromLinear(string space) => space switch
    {
        "XYZ" => (double[])SrgbToXyz.Clone(),
        "Linear ACES" => Multiply(Invert(AcesToXyz(Ap0)), SrgbToXyz),
        "Linear ACEScg" => Multiply(Invert(AcesToXyz(Ap1)), SrgbToXyz),
        _ => Identity(),
    };

    private static readonly (double X, double Y)[] Ap0 = [(0.7347, 0.2653), (0.0, 1.0), (0.0001, -0.0770)];
    private static readonly (double X, double Y)[] Ap1 = [(0.713, 0.293), (0.165, 0.830), (0.128, 0.044)];
    private static readonly (double X, double Y) WhiteD60 = (0.32168, 0.33767);
    private static readonly (double X, double Y) WhiteD65 = (0.3127, 0.3290);

    /// <summary>RGB with <paramref name="primaries"/> and D60 white to XYZ with D65 white (Bradford).</summary>
    private static double[] AcesToXyz((double X, double Y)[] primaries)
    {
        double[] p = new double[9];
        for (int c = 0; c < 3; c++)
        {
            var (x, y) = primaries[c];
            p[c] = x / y;
            p[3 + c] = 1.0;
            p[6 + c] = (1.0 - x - y) / y;
        }

        double[] white = WhiteXyz(WhiteD60);
        double[] inverse = Invert(p);
        double[] scale = [Dot(inverse, 0, white), Dot(inverse, 1, white), Dot(inverse, 2, white)];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) p[r * 3 + c] *= scale[c];

        double[] bradford = [0.8951, 0.2664, -0.1614, -0.7502, 1.7135, 0.0367, 0.0389, -0.0685, 1.0296];
        double[] source = WhiteXyz(WhiteD60), target = WhiteXyz(WhiteD65);
        double[] coneSource = [Dot(bradford, 0, source), Dot(bradford, 1, source), Dot(bradford, 2, source)];
        double[] coneTarget = [Dot(bradford, 0, target), Dot(bradford, 1, target), Dot(bradford, 2, target)];
        double[] diagonal = new double[9];
        for (int i = 0; i < 3; i++) diagonal[i * 4] = coneTarget[i] / coneSource[i];
        double[] adapt = Multiply(Invert(bradford), Multiply(diagonal, bradford));
        return Multiply(adapt, p);
    }

    private static double[] WhiteXyz((double X, double Y) w) => [w.X / w.Y, 1.0, (1.0 - w.X - w.Y) / w.Y];

    private static double Dot(double[] m, int row, double[] v) => m[row * 3] * v[0] + m[row * 3 + 1] * v[1] + m[row * 3 + 2] * v[2];

    private static double[] Identity() => [1, 0, 0, 0, 1, 0, 0, 0, 1];

    private static double[] Multiply(double[] a, double[] b)
    {
        var m = new double[9];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                m[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
        return m;
    }

    private static double[] Invert(double[] m)
    {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return
        [
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
        ];
    }
}

/// <summary>A per-channel curve applied before or after a conversion's matrix.</summary>
public enum ColorSpaceCurve
{
    /// <summary>No curve.</summary>
    None,

    /// <summary>sRGB-encoded to linear (the configuration's srgb.spi1d).</summary>
    SrgbDecode,

    /// <summary>Linear to sRGB-encoded (the configuration's srgb_inv.spi1d).</summary>
    SrgbEncode,

    /// <summary>Filmic Log to linear: 2^(v × 16.5 − 12.473931188).</summary>
    FilmicLogDecode,
}

/// <summary>One conversion between two color spaces: a curve per channel, a 3×3 matrix, a curve per channel. Alpha is untouched and colors are not un-premultiplied, as Blender's processor.</summary>
/// <param name="From">Source space.</param>
/// <param name="To">Target space.</param>
/// <param name="Decode">Curve applied first.</param>
/// <param name="Matrix">Row-major 3×3 matrix.</param>
/// <param name="Encode">Curve applied last.</param>
public sealed record ColorSpaceConversion(string From, string To, ColorSpaceCurve Decode, float[] Matrix, ColorSpaceCurve Encode)
{
    private const float SrgbEncodedMin = -0.125f, SrgbEncodedMax = 4.875f;
    private const float SrgbLinearMin = -0.00967492260062f, SrgbLinearMax = 40.4600768322f;
    // Spaces on the same primaries need no matrix (OpenColorIO has none to apply, so infinities stay infinite).
    private readonly bool _identity = Matrix.SequenceEqual([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f]);

    private const float FilmicMinStops = -12.473931188f, FilmicRange = 4.026068812f - -12.473931188f;

    /// <summary>Converts one color in place.</summary>
    public void Apply(ref float r, ref float g, ref float b)
    {
        r = Curve(Decode, r);
        g = Curve(Decode, g);
        b = Curve(Decode, b);
        if (_identity)
        {
            r = Curve(Encode, r);
            g = Curve(Encode, g);
            b = Curve(Encode, b);
            return;
        }

        var m = Matrix;
        float x = m[0] * r + m[1] * g + m[2] * b;
        float y = m[3] * r + m[4] * g + m[5] * b;
        float z = m[6] * r + m[7] * g + m[8] * b;
        r = Curve(Encode, x);
        g = Curve(Encode, y);
        b = Curve(Encode, z);
    }

    private static float Curve(ColorSpaceCurve curve, float v)
    {
        switch (curve)
        {
            case ColorSpaceCurve.SrgbDecode:
                v = System.Math.Clamp(v, SrgbEncodedMin, SrgbEncodedMax);
                return v < 0.04045f ? v * (1f / 12.92f) : MathF.Pow((v + 0.055f) * (1f / 1.055f), 2.4f);
            case ColorSpaceCurve.SrgbEncode:
                v = System.Math.Clamp(v, SrgbLinearMin, SrgbLinearMax);
                return v < 0.0031308f ? v * 12.92f : 1.055f * MathF.Pow(v, 1f / 2.4f) - 0.055f;
            case ColorSpaceCurve.FilmicLogDecode:
                return MathF.Pow(2f, v * FilmicRange + FilmicMinStops);
            default:
                return v;
        }
    }
}
