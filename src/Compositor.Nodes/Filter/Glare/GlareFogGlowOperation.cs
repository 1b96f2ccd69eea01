using System.Buffers;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// The FOG_GLOW glare (Blender 3.4's GlareFogGlowOperation): the highlights convolved, with black
/// beyond the image, with a 2^size × 2^size kernel exp(−9·(r·2^size/4)^(1/8)), r = u² + v² for
/// u, v in [−1, 1) across the kernel, windowed by a Hann window on each axis and normalized to sum
/// one. The kernel's centre tap is at index 2^(size−1). Blender computes the convolution with a Fast
/// Hartley Transform in overlapping blocks; here it is one zero-padded FFT convolution (the same
/// linear convolution up to rounding), red and green packed into one complex transform.
/// </summary>
public sealed class GlareFogGlowOperation : GlareOperationBase
{
    /// <summary>Creates the operation.</summary>
    public GlareFogGlowOperation(GlareSettings settings) : base(settings)
    {
    }

    /// <summary>The normalized kernel, <c>2^size</c> square, rows bottom-up.</summary>
    public static float[] Kernel(int size)
    {
        int sz = 1 << size;
        var k = new float[sz * sz];
        float scale = 0.25f * MathF.Sqrt(sz * (float)sz);
        double sum = 0;
        for (int y = 0; y < sz; y++)
        {
            float v = 2f * (y / (float)sz) - 1f;
            for (int x = 0; x < sz; x++)
            {
                float u = 2f * (x / (float)sz) - 1f;
                float r = (u * u + v * v) * scale;
                float d = -MathF.Sqrt(MathF.Sqrt(MathF.Sqrt(r))) * 9f;
                float window = (0.5f + 0.5f * MathF.Cos(u * MathF.PI)) * (0.5f + 0.5f * MathF.Cos(v * MathF.PI));
                float value = MathF.Exp(d) * window;
                k[y * sz + x] = value;
                sum += value;
            }
        }

        float inv = sum != 0 ? (float)(1.0 / sum) : 0f;
        for (int i = 0; i < k.Length; i++) k[i] *= inv;
        return k;
    }

    /// <inheritdoc />
    protected override void Generate(float[] source, float[] destination, int width, int height)
    {
        int sz = 1 << Settings.Size, half = sz / 2;
        // Circular convolution without wrap-around onto the image: the period must hold the image
        // plus the kernel's reach on one side, and the whole kernel.
        int pw = Fft.NextPowerOfTwo(Math.Max(sz, width + half));
        int ph = Fft.NextPowerOfTwo(Math.Max(sz, height + half));
        int plane = pw * ph;
        var rowFft = new Fft(pw);
        var columnFft = new Fft(ph);
        float[] kernel = Kernel(Settings.Size);

        var pool = ArrayPool<float>.Shared;
        float[] kr = pool.Rent(plane), ki = pool.Rent(plane), ar = pool.Rent(plane), ai = pool.Rent(plane), br = pool.Rent(plane), bi = pool.Rent(plane);
        try
        {
            Array.Clear(kr, 0, plane);
            Array.Clear(ki, 0, plane);
            Array.Clear(ar, 0, plane);
            Array.Clear(ai, 0, plane);
            Array.Clear(br, 0, plane);
            Array.Clear(bi, 0, plane);

            // Kernel tap (x, y) is the offset (x − half, y − half), stored at that offset modulo the period.
            for (int y = 0; y < sz; y++)
            {
                int py = ((y - half) % ph + ph) % ph;
                for (int x = 0; x < sz; x++)
                {
                    int px = ((x - half) % pw + pw) % pw;
                    kr[py * pw + px] = kernel[y * sz + x];
                }
            }

            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int s = (y * width + x) * 4, d = y * pw + x;
                    ar[d] = source[s];
                    ai[d] = source[s + 1];
                    br[d] = source[s + 2];
                }
            }

            Fft.Transform2D(kr, ki, rowFft, columnFft, inverse: false);
            Fft.Transform2D(ar, ai, rowFft, columnFft, inverse: false);
            Fft.Transform2D(br, bi, rowFft, columnFft, inverse: false);

            float norm = 1f / plane;
            for (int i = 0; i < plane; i++)
            {
                float xr = kr[i] * norm, xi = ki[i] * norm;
                float r = ar[i], im = ai[i];
                ar[i] = r * xr - im * xi;
                ai[i] = r * xi + im * xr;
                r = br[i];
                im = bi[i];
                br[i] = r * xr - im * xi;
                bi[i] = r * xi + im * xr;
            }

            Fft.Transform2D(ar, ai, rowFft, columnFft, inverse: true);
            Fft.Transform2D(br, bi, rowFft, columnFft, inverse: true);

            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int d = (y * width + x) * 4, s = y * pw + x;
                    destination[d] = ar[s];
                    destination[d + 1] = ai[s];
                    destination[d + 2] = br[s];
                    destination[d + 3] = source[d + 3];
                }
            }
        }
        finally
        {
            pool.Return(kr);
            pool.Return(ki);
            pool.Return(ar);
            pool.Return(ai);
            pool.Return(br);
            pool.Return(bi);
        }
    }
}
