namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// A radix-2 complex fast Fourier transform over power-of-two sizes, and its 2D form over a
/// row-major plane (real and imaginary parts in separate arrays). Unnormalized: the inverse
/// transform of the forward transform scales by the number of samples.
/// </summary>
internal sealed class Fft
{
    private readonly int _n;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _reverse;

    /// <summary>Prepares transforms of <paramref name="n"/> samples (a power of two).</summary>
    public Fft(int n)
    {
        if (n < 1 || (n & (n - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(n), "a power of two is required");
        _n = n;
        _cos = new float[Math.Max(1, n / 2)];
        _sin = new float[Math.Max(1, n / 2)];
        for (int k = 0; k < n / 2; k++)
        {
            double a = -2.0 * Math.PI * k / n;
            _cos[k] = (float)Math.Cos(a);
            _sin[k] = (float)Math.Sin(a);
        }

        _reverse = new int[n];
        int bits = 0;
        while ((1 << bits) < n) bits++;
        for (int i = 0; i < n; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) if ((i & (1 << b)) != 0) r |= 1 << (bits - 1 - b);
            _reverse[i] = r;
        }
    }

    /// <summary>The transform length.</summary>
    public int Length => _n;

    /// <summary>The smallest power of two not below <paramref name="value"/>.</summary>
    public static int NextPowerOfTwo(int value)
    {
        int p = 1;
        while (p < value) p <<= 1;
        return p;
    }

    /// <summary>Transforms <paramref name="re"/>, <paramref name="im"/> in place (inverse: conjugate twiddles, unscaled).</summary>
    public void Transform(Span<float> re, Span<float> im, bool inverse)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            int j = _reverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        float sign = inverse ? -1f : 1f;
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1, stride = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    float wr = _cos[k * stride], wi = sign * _sin[k * stride];
                    int a = start + k, b = a + half;
                    float xr = re[b] * wr - im[b] * wi;
                    float xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /// <summary>
    /// 2D transform of a plane of columnFft.Length rows of rowFft.Length samples, in place:
    /// rows with <paramref name="rowFft"/>, then columns with <paramref name="columnFft"/>.
    /// </summary>
    public static void Transform2D(float[] re, float[] im, Fft rowFft, Fft columnFft, bool inverse)
    {
        int w = rowFft.Length, h = columnFft.Length;
        for (int y = 0; y < h; y++) rowFft.Transform(re.AsSpan(y * w, w), im.AsSpan(y * w, w), inverse);
        var cr = new float[h];
        var ci = new float[h];
        for (int x = 0; x < w; x++)
        {
            for (int y = 0; y < h; y++) { cr[y] = re[y * w + x]; ci[y] = im[y * w + x]; }
            columnFft.Transform(cr, ci, inverse);
            for (int y = 0; y < h; y++) { re[y * w + x] = cr[y]; im[y * w + x] = ci[y]; }
        }
    }
}
