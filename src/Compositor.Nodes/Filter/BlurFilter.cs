namespace Compositor.Nodes.Filter;

/// <summary>The Blur node's <c>filter_type</c> (Blender's R_FILTER_* values).</summary>
public enum BlurFilterType
{
    /// <summary>Box filter (FLAT).</summary>
    Flat = 0,

    /// <summary>Triangle (TENT).</summary>
    Tent = 1,

    /// <summary>Quadratic B-spline (QUAD).</summary>
    Quad = 2,

    /// <summary>Cubic B-spline (CUBIC).</summary>
    Cubic = 3,

    /// <summary>Catmull-Rom (CATROM).</summary>
    CatRom = 4,

    /// <summary>Gaussian (GAUSS).</summary>
    Gauss = 5,

    /// <summary>Mitchell-Netravali (MITCH).</summary>
    Mitch = 6,

    /// <summary>Recursive (IIR) Gaussian (FAST_GAUSS).</summary>
    FastGauss = 7,
}

/// <summary>
/// Blender's reconstruction filters (RE_filter_value) and the normalized blur kernels built from
/// them (BlurBaseOperation's make_gausstab).
/// </summary>
public static class BlurFilter
{
    private const float GaussFactor = 1.6f;

    /// <summary>Parses a <c>filter_type</c> identifier.</summary>
    public static BlurFilterType Parse(string identifier) => identifier switch
    {
        "FLAT" => BlurFilterType.Flat,
        "TENT" => BlurFilterType.Tent,
        "QUAD" => BlurFilterType.Quad,
        "CUBIC" => BlurFilterType.Cubic,
        "CATROM" => BlurFilterType.CatRom,
        "GAUSS" => BlurFilterType.Gauss,
        "MITCH" => BlurFilterType.Mitch,
        "FAST_GAUSS" => BlurFilterType.FastGauss,
        _ => throw new ArgumentException($"unknown blur filter '{identifier}'", nameof(identifier)),
    };

    /// <summary>
    /// The filter's weight at <paramref name="x"/>, where |x| = 1 is the blur radius (Blender's
    /// RE_filter_value; the Gaussian is not cut off at the radius, the others end by 2/1.6).
    /// </summary>
    public static float Value(BlurFilterType type, float x)
    {
        x = MathF.Abs(x);
        switch (type)
        {
            case BlurFilterType.Flat:
                return x > 1f ? 0f : 1f;
            case BlurFilterType.Tent:
                return x > 1f ? 0f : 1f - x;
            case BlurFilterType.Gauss:
            {
                const float twoGaussFac2 = 2f * GaussFactor * GaussFactor;
                x *= 3f * GaussFactor;
                return 1f / MathF.Sqrt(MathF.PI * twoGaussFac2) * MathF.Exp(-x * x / twoGaussFac2);
            }

            case BlurFilterType.Mitch:
                return Mitchell(x * GaussFactor);
            case BlurFilterType.Quad:
                return Quadratic(x * GaussFactor);
            case BlurFilterType.Cubic:
                return CubicBSpline(x * GaussFactor);
            case BlurFilterType.CatRom:
                return CatmullRom(x * GaussFactor);
            default:
                return 0f;
        }
    }

    /// <summary>
    /// The normalized 1D kernel of <paramref name="size"/> taps each side (2·size+1 weights, centre at
    /// index <paramref name="size"/>) for a blur of radius <paramref name="radius"/>.
    /// </summary>
    public static float[] Kernel(BlurFilterType type, float radius, int size)
    {
        var table = new float[2 * size + 1];
        float fac = radius > 0f ? 1f / radius : 0f;
        float sum = 0f;
        for (int i = -size; i <= size; i++)
        {
            float v = Value(type, i * fac);
            sum += v;
            table[i + size] = v;
        }

        float inv = 1f / sum;
        for (int i = 0; i < table.Length; i++) table[i] *= inv;
        return table;
    }

    /// <summary>
    /// The normalized 2D kernel ((2·radX+1) × (2·radY+1), row-major from the bottom row) of the bokeh
    /// blur: the filter at the elliptical distance sqrt((i/radiusX)² + (j/radiusY)²); a kernel
    /// summing to zero becomes a single centre tap.
    /// </summary>
    public static float[] Kernel2D(BlurFilterType type, float radiusX, float radiusY, int radX, int radY)
    {
        int w = 2 * radX + 1, h = 2 * radY + 1;
        var table = new float[w * h];
        float facx = radiusX > 0f ? 1f / radiusX : 0f;
        float facy = radiusY > 0f ? 1f / radiusY : 0f;
        float sum = 0f;
        int k = 0;
        for (int j = -radY; j <= radY; j++)
        {
            for (int i = -radX; i <= radX; i++, k++)
            {
                float fj = j * facy, fi = i * facx;
                float v = Value(type, MathF.Sqrt(fj * fj + fi * fi));
                table[k] = v;
                sum += v;
            }
        }

        if (sum > 0f)
        {
            float norm = 1f / sum;
            for (int i = table.Length - 1; i >= 0; i--) table[i] *= norm;
        }
        else
        {
            table[radY * w + radX] = 1f;
        }

        return table;
    }

    private static float Quadratic(float x)
    {
        if (x < 0f) x = -x;
        if (x < 0.5f) return 0.75f - x * x;
        if (x < 1.5f) return 0.5f * (x - 1.5f) * (x - 1.5f);
        return 0f;
    }

    private static float CubicBSpline(float x)
    {
        float x2 = x * x;
        if (x < 0f) x = -x;
        if (x < 1f) return 0.5f * x * x2 - x2 + 2f / 3f;
        if (x < 2f) return (2f - x) * (2f - x) * (2f - x) / 6f;
        return 0f;
    }

    private static float CatmullRom(float x)
    {
        float x2 = x * x;
        if (x < 0f) x = -x;
        if (x < 1f) return 1.5f * x2 * x - 2.5f * x2 + 1f;
        if (x < 2f) return -0.5f * x2 * x + 2.5f * x2 - 4f * x + 2f;
        return 0f;
    }

    private static float Mitchell(float x)
    {
        const float b = 1f / 3f, c = 1f / 3f;
        const float p0 = (6f - 2f * b) / 6f;
        const float p2 = (-18f + 12f * b + 6f * c) / 6f;
        const float p3 = (12f - 9f * b - 6f * c) / 6f;
        const float q0 = (8f * b + 24f * c) / 6f;
        const float q1 = (-12f * b - 48f * c) / 6f;
        const float q2 = (6f * b + 30f * c) / 6f;
        const float q3 = (-b - 6f * c) / 6f;
        if (x < -2f) return 0f;
        if (x < -1f) return q0 - x * (q1 - x * (q2 - x * q3));
        if (x < 0f) return p0 + x * x * (p2 - x * p3);
        if (x < 1f) return p0 + x * x * (p2 + x * p3);
        if (x < 2f) return q0 + x * (q1 + x * (q2 + x * q3));
        return 0f;
    }
}
