using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compositor.Imaging.Sampling;

/// <summary>
/// Elliptical weighted average (EWA) filtering, as Blender's compositor reads a color buffer with
/// derivatives (MemoryBuffer::read_elem_filtered over BLI_ewa_filter): the footprint of one output
/// pixel, given by the partial derivatives of the sampled position, is an ellipse in the source
/// image; the pixels inside it are averaged with Gaussian-like weights.
/// </summary>
/// <remarks>
/// <para>
/// Blender's conventions are kept: the position is normalised by the domain's size (relative to
/// the domain's corner), the ellipse is never smaller than about 0.9 pixel across (no
/// interpolation: Blender passes <c>intpol = false</c>), the weights come from a 256-entry table
/// indexed by the ellipse's quadratic form, pixel <c>i</c>'s centre sits at <c>i + 0.5</c> in
/// the filter's space, and alpha is filtered like the colour. The pixels read are those with
/// indices (u, v) counted from the domain's corner but read at absolute coordinates (u, v), as
/// Blender does: the same thing whenever the domain starts at (0, 0); pixels outside the domain
/// read as transparent black.
/// </para>
/// <para>
/// The derivatives follow the compositor's call: <c>du = (∂u/∂x, ∂u/∂y)</c> and
/// <c>dv = (∂v/∂x, ∂v/∂y)</c> in pixels, where (u, v) is the sampled position and (x, y) the
/// output pixel.
/// </para>
/// </remarks>
public readonly partial struct Sampler
{
    private const int EwaMaxIndex = 255;

    /// <summary>Blender's EWA weight table: <c>(e^(-2i/255) − e^(-2)) / (1 − e^(-2))</c>.</summary>
    private static readonly float[] EwaWeights = CreateEwaWeights();

    private static float[] CreateEwaWeights()
    {
        var w = new float[EwaMaxIndex + 1];
        double floor = Math.Exp(-2.0);
        for (int i = 0; i <= EwaMaxIndex; i++) w[i] = (float)((Math.Exp(-2.0 * i / EwaMaxIndex) - floor) / (1.0 - floor));
        return w;
    }

    /// <summary>Blender's EWA weight for table index <paramref name="index"/> (0..255).</summary>
    public static float EwaWeight(int index) => EwaWeights[index];

    /// <summary>
    /// EWA-filtered sample of a 4-channel buffer at (<paramref name="x"/>, <paramref name="y"/>)
    /// with the position's derivatives (<paramref name="dudx"/>, <paramref name="dudy"/>) and
    /// (<paramref name="dvdx"/>, <paramref name="dvdy"/>) in pixels per output pixel.
    /// </summary>
    public Vector128<float> Ewa4(float x, float y, float dudx, float dudy, float dvdx, float dvdy)
    {
        if (_channels != 4) throw new InvalidOperationException("EWA filtering reads 4-channel (color) buffers");
        int width = _domain.Width, height = _domain.Height;
        if (width <= 0 || height <= 0) return Vector128<float>.Zero;

        float invW = 1f / width, invH = 1f / height;
        float uvX = (x - _domain.XMin) * invW, uvY = (y - _domain.YMin) * invH;
        float du0 = dudx * invW, du1 = dudy * invH;
        float dv0 = dvdx * invW, dv1 = dvdy * invH;

        // Blender 3.4 builds the ellipse from (∂u/∂x, ∂u/∂y) as its first axis pair and
        // (∂v/∂x, ∂v/∂y) as its second, scaled by √w and h/√w (checked against Blender with Map UV).
        float ff2 = width, ff = MathF.Sqrt(ff2), q = height / ff;
        float ux = du0 * ff, vx = du1 * q, uy = dv0 * ff, vy = dv1 * q;
        float a = vx * vx + vy * vy;
        float b = -2f * (ux * vx + uy * vy);
        float c = ux * ux + uy * uy;
        float f = a * c - b * b * 0.25f;

        // Radii below the minimum are widened so the ellipse always covers some pixels.
        float rmin = 0.765625f / ff2;
        EllipseRadii(a, b, c, f, out float major, out float minor, out float theta);
        float minor2 = minor * minor;
        if (minor2 < rmin)
        {
            float major2 = major * major;
            if (major2 < rmin)
            {
                b = 0f;
                a = c = rmin;
                f = a * c;
            }
            else
            {
                EllipseCoefficients(major2, rmin, theta, out a, out b, out c, out f);
            }
        }

        float ue = ff * MathF.Sqrt(c);
        float ve = ff * MathF.Sqrt(a);
        float d = (EwaMaxIndex + 1) / (f * ff2);
        a *= d;
        b *= d;
        c *= d;

        float u0 = uvX * width, v0 = uvY * height;
        int u1 = (int)MathF.Floor(u0 - ue), u2 = (int)MathF.Ceiling(u0 + ue);
        int v1 = (int)MathF.Floor(v0 - ve), v2 = (int)MathF.Ceiling(v0 + ve);
        if (u0 - u1 > EwaMaxIndex) u1 = (int)u0 - EwaMaxIndex;
        if (u2 - u0 > EwaMaxIndex) u2 = (int)u0 + EwaMaxIndex;
        if (v0 - v1 > EwaMaxIndex) v1 = (int)v0 - EwaMaxIndex;
        if (v2 - v0 > EwaMaxIndex) v2 = (int)v0 + EwaMaxIndex;
        if (u2 < 0 || u1 >= width || v2 < 0 || v1 >= height) return Vector128<float>.Zero;

        u0 -= 0.5f;
        v0 -= 0.5f;
        float ddq = 2f * a;
        float uStart = u1 - u0;
        float ac1 = a * (2f * uStart + 1f);
        float ac2 = a * uStart * uStart;
        float bu = b * uStart;

        var sum = Vector128<float>.Zero;
        float total = 0f;
        var weights = EwaWeights;
        for (int v = v1; v <= v2; v++)
        {
            float vv = v - v0;
            float dq = ac1 + b * vv;
            float qf = (c * vv + bu) * vv + ac2;
            for (int u = u1; u <= u2; u++)
            {
                if (qf < EwaMaxIndex + 1)
                {
                    float wt = weights[qf < 0f ? 0 : (int)qf];
                    sum += Load4(Offset(u, v)) * wt;
                    total += wt;
                }

                qf += dq;
                dq += ddq;
            }
        }

        if (total == 0f) return Vector128<float>.Zero;
        return sum * (1f / total);
    }

    /// <summary>Blender's BLI_ewa_imp2radangle: the radii and angle of the ellipse A·u² + B·u·v + C·v² = F.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EllipseRadii(float a, float b, float c, float f, out float major, out float minor, out float theta)
    {
        if (f <= 1e-5f)
        {
            major = MathF.Sqrt(a > c ? a : c);
            minor = 0f;
            theta = 0.5f * (MathF.Atan2(b, a - c) + MathF.PI);
            return;
        }

        float amc = a - c, apc = a + c, f2 = f * 2f;
        float r = MathF.Sqrt(amc * amc + b * b);
        float d = apc - r;
        major = d <= 0f ? MathF.Sqrt(a > c ? a : c) : MathF.Sqrt(f2 / d);
        d = apc + r;
        minor = d <= 0f ? 0f : MathF.Sqrt(f2 / d);
        theta = 0.5f * (MathF.Atan2(b, amc) + MathF.PI);
    }

    /// <summary>The implicit coefficients of an ellipse with squared radii <paramref name="major2"/>, <paramref name="minor2"/> at angle <paramref name="theta"/>.</summary>
    private static void EllipseCoefficients(float major2, float minor2, float theta, out float a, out float b, out float c, out float f)
    {
        float ct2 = MathF.Cos(theta);
        float st2 = 1f - ct2 * ct2;
        ct2 *= ct2;
        a = major2 * st2 + minor2 * ct2;
        b = (minor2 - major2) * MathF.Sin(2f * theta);
        c = major2 * ct2 + minor2 * st2;
        f = major2 * minor2;
    }
}
