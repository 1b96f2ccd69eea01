using System.Buffers;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// The STREAKS glare (Blender's GlareStreaksOperation). For each of <c>streaks</c> directions
/// (360° / streaks apart, turned by <c>angle_offset</c>) the highlights are smeared
/// <c>iterations</c> times: pass n (step 4^n pixels, weight fade^(4^n)) averages each pixel's
/// running value with itself (first pass only) plus three taps 1, 2 and 3 steps along the direction,
/// weighted wt, wt², wt³ and tinted by the color modulation (1 − colmod^(n+1)); the passes chain.
/// Each direction's result, times 1 / (6 − iterations), is added to the output.
/// </summary>
public sealed class GlareStreaksOperation : GlareOperationBase
{
    /// <summary>Creates the operation.</summary>
    public GlareStreaksOperation(GlareSettings settings) : base(settings)
    {
    }

    /// <inheritdoc />
    protected override void Generate(float[] source, float[] destination, int width, int height)
    {
        int n = width * height * 4;
        float[] src = ArrayPool<float>.Shared.Rent(n);
        float[] dst = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Array.Copy(source, src, n);
            Array.Clear(dst, 0, n);
            // Blender's DEG2RADF(360): the float product, so the loop runs exactly as many times.
            float full = 360f * (float)(Math.PI / 180.0);
            float step = full / Settings.Streaks;
            float factor = 1f / (6 - Settings.Iterations);
            for (float a = 0f; a < full; a += step)
            {
                float an = a + Settings.AngleOffset;
                float vx = (float)Math.Cos(an), vy = (float)Math.Sin(an);
                for (int pass = 0; pass < Settings.Iterations; pass++)
                {
                    float p4 = (float)Math.Pow(4.0, pass);
                    float vxp = vx * p4, vyp = vy * p4;
                    float wt = (float)Math.Pow(Settings.Fade, p4);
                    float cmo = 1f - (float)Math.Pow(Settings.ColorModulation, pass + 1.0);
                    for (int y = 0; y < height; y++)
                    {
                        for (int x = 0; x < width; x++)
                        {
                            int i = (y * width + x) * 4;
                            float r1 = 0f, g1 = 0f, b1 = 0f;
                            if (pass == 0) { r1 = src[i]; g1 = src[i + 1]; b1 = src[i + 2]; }
                            Bilinear(src, width, height, x + vxp, y + vyp, out float r2, out float g2, out float b2);
                            Bilinear(src, width, height, x + vxp * 2f, y + vyp * 2f, out float r3, out float g3, out float b3);
                            Bilinear(src, width, height, x + vxp * 3f, y + vyp * 3f, out float r4, out float g4, out float b4);
                            g2 *= cmo; b2 *= cmo;
                            r3 *= cmo; g3 *= cmo;
                            r4 *= cmo; b4 *= cmo;
                            dst[i] = 0.5f * (dst[i] + r1 + wt * (r2 + wt * (r3 + wt * r4)));
                            dst[i + 1] = 0.5f * (dst[i + 1] + g1 + wt * (g2 + wt * (g3 + wt * g4)));
                            dst[i + 2] = 0.5f * (dst[i + 2] + b1 + wt * (b2 + wt * (b3 + wt * b4)));
                            dst[i + 3] = 1f;
                        }
                    }

                    Array.Copy(dst, src, n);
                }

                for (int i = 0; i < n; i += 4)
                {
                    destination[i] += src[i] * factor;
                    destination[i + 1] += src[i + 1] * factor;
                    destination[i + 2] += src[i + 2] * factor;
                    destination[i + 3] = 1f;
                }

                Array.Clear(dst, 0, n);
                Array.Copy(source, src, n);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(src);
            ArrayPool<float>.Shared.Return(dst);
        }
    }
}
