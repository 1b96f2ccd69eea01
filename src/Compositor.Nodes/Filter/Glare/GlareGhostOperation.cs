using System.Buffers;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// The GHOSTS glare (Blender's GlareGhostOperation). The highlights are blurred twice with the
/// recursive Gaussian (sigma 4 / q, then a further 8 / q, q the quality scale). A first ghost image
/// adds the less blurred copy scaled by 2.13 about the centre and the more blurred copy mirrored
/// and scaled by −0.97, each faded towards a disc's rim. Each further iteration replaces the ghosts
/// by four scaled (alternately mirrored), tinted and disc-masked copies of them, a quarter each,
/// added to a running sum that is never cleared between iterations.
/// </summary>
public sealed class GlareGhostOperation : GlareOperationBase
{
    /// <summary>Creates the operation.</summary>
    public GlareGhostOperation(GlareSettings settings) : base(settings)
    {
    }

    private static float SmoothMask(float x, float y)
    {
        x = 2f * x - 1f;
        y = 2f * y - 1f;
        float t = 1f - MathF.Sqrt(x * x + y * y);
        return t > 0f ? t : 0f;
    }

    /// <inheritdoc />
    protected override void Generate(float[] source, float[] destination, int width, int height)
    {
        int n = width * height * 4;
        int iterations = Settings.Iterations;
        float s1 = 4f / Settings.QualityScale, s2 = 2f * s1;
        float cmo = 1f - Settings.ColorModulation;

        int count = iterations * 4;
        var tint = new float[count * 3];
        var scale = new float[count];
        float ofs = (iterations & 1) != 0 ? 0.5f : 0f;
        for (int x = 0; x < count; x++)
        {
            int k = x & 3;
            float r = 1f, g = 1f, b = 1f;
            if (k == 1) { g = cmo; b = cmo; }
            if (k == 2) { r = cmo; g = cmo; }
            if (k == 3) { r = cmo; b = cmo; }
            tint[x * 3] = r;
            tint[x * 3 + 1] = g;
            tint[x * 3 + 2] = b;
            scale[x] = 2.1f * (1f - (x + ofs) / count);
            if ((x & 1) != 0) scale[x] = -0.99f / scale[x];
        }

        float[] blur1 = ArrayPool<float>.Shared.Rent(n);
        float[] blur2 = ArrayPool<float>.Shared.Rent(n);
        float[] ghosts = destination;
        try
        {
            Array.Copy(source, blur1, n);
            FastGaussianBlurOperation.BlurInPlace(blur1, width, height, s1);
            Array.Copy(blur1, blur2, n);
            FastGaussianBlurOperation.BlurInPlace(blur2, width, height, s2);

            const float sc = 2.13f, isc = -0.97f;
            for (int y = 0; y < height; y++)
            {
                float v = (y + 0.5f) / height;
                for (int x = 0; x < width; x++)
                {
                    float u = (x + 0.5f) / width;
                    float s = (u - 0.5f) * sc + 0.5f;
                    float t = (v - 0.5f) * sc + 0.5f;
                    Bilinear(blur1, width, height, s * width, t * height, out float r, out float g, out float b);
                    float sm = SmoothMask(s, t);
                    r *= sm; g *= sm; b *= sm;
                    s = (u - 0.5f) * isc + 0.5f;
                    t = (v - 0.5f) * isc + 0.5f;
                    Bilinear(blur2, width, height, s * width - 0.5f, t * height - 0.5f, out float r2, out float g2, out float b2);
                    sm = SmoothMask(s, t);
                    int i = (y * width + x) * 4;
                    ghosts[i] = r + r2 * sm;
                    ghosts[i + 1] = g + g2 * sm;
                    ghosts[i + 2] = b + b2 * sm;
                }
            }

            // The sum is cleared once: each iteration adds to the previous iterations' sums (as Blender does).
            float[] sum = blur1;
            Array.Clear(sum, 0, n);
            for (int it = 1; it < iterations; it++)
            {
                for (int y = 0; y < height; y++)
                {
                    float v = (y + 0.5f) / height;
                    for (int x = 0; x < width; x++)
                    {
                        float u = (x + 0.5f) / width;
                        float tr = 0f, tg = 0f, tb = 0f;
                        for (int p = 0; p < 4; p++)
                        {
                            int np = (it << 2) + p;
                            float s = (u - 0.5f) * scale[np] + 0.5f;
                            float t = (v - 0.5f) * scale[np] + 0.5f;
                            Bilinear(ghosts, width, height, s * width - 0.5f, t * height - 0.5f, out float r, out float g, out float b);
                            float sm = SmoothMask(s, t) * 0.25f;
                            tr += r * tint[np * 3] * sm;
                            tg += g * tint[np * 3 + 1] * sm;
                            tb += b * tint[np * 3 + 2] * sm;
                        }

                        int i = (y * width + x) * 4;
                        sum[i] += tr;
                        sum[i + 1] += tg;
                        sum[i + 2] += tb;
                    }
                }

                Array.Copy(sum, ghosts, n);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(blur1);
            ArrayPool<float>.Shared.Return(blur2);
        }
    }
}
