using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// The FOG_GLOW glare (Blender 3.4's GlareFogGlowOperation): the highlights convolved, with black
/// beyond the image, with a 2^size × 2^size kernel exp(−9·(r·2^size/4)^(1/8)), r = u² + v² for
/// u, v in [−1, 1) across the kernel, windowed by a Hann window on each axis and normalized to sum
/// one. The kernel's centre tap is at index 2^(size−1). Blender computes the convolution with a Fast
/// Hartley Transform in overlapping blocks; here it is one zero-padded mixed-radix FFT convolution
/// (the same linear convolution up to rounding), red and green packed into one complex transform,
/// the kernel's real spectrum cached between renders.
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

    /// <summary>
    /// The kernel's spectrum over a <paramref name="width"/> × <paramref name="height"/> period,
    /// scaled by 1 / (width · height) so that the unnormalized inverse transform of a product with
    /// it is the convolution. Tap (x, y) is the offset (x − half, y − half): an even function of the
    /// offset, so the spectrum is real (its imaginary part is rounding noise and is dropped).
    /// </summary>
    internal static float[] KernelSpectrum(int size, int width, int height, int threads)
    {
        lock (SpectrumLock)
        {
            if (_spectrum is { } cached && cached.Size == size && cached.Width == width && cached.Height == height) return cached.Values;
        }

        int sz = 1 << size, half = sz / 2, plane = width * height;
        float[] kernel = Kernel(size);
        var re = new float[plane];
        var im = new float[plane];
        for (int y = 0; y < sz; y++)
        {
            int py = ((y - half) % height + height) % height;
            for (int x = 0; x < sz; x++)
            {
                int px = ((x - half) % width + width) % width;
                re[py * width + px] = kernel[y * sz + x];
            }
        }

        PlaneFft.Rows([re, im], height, new BatchFft(width), inverse: false, threads);
        PlaneFft.Columns([re, im], width, new BatchFft(height), filter: null, threads);
        float norm = 1f / plane;
        for (int i = 0; i < plane; i++) re[i] *= norm;
        lock (SpectrumLock) _spectrum = (size, width, height, re);
        return re;
    }

    // The last spectrum made: a render of a sequence, or repeated renders, reuse it.
    private static readonly object SpectrumLock = new();
    private static (int Size, int Width, int Height, float[] Values)? _spectrum;

    /// <inheritdoc />
    /// <remarks>
    /// Reads the input rows straight into the transform planes and writes the result straight into
    /// the output, without the whole-image copies of the other glares.
    /// </remarks>
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var input = inputs[0];
        if (input.IsSingleElement)
        {
            base.Execute(output, area, inputs, context);
            return;
        }

        var o = output!;
        var canvas = Canvas;
        int width = canvas.Width;
        var row = new float[width * 4];
        var (planes, stride) = Convolve(width, canvas.Height, Math.Max(1, context.Concurrency),
            (y, dst) => input.ReadRow(canvas.YMin + y, canvas.XMin, width, dst).CopyTo(dst));
        try
        {
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var alpha = input.ReadRow(y, area.XMin, area.Width, row);
                var dst = o.GetRow(y, area.XMin, area.Width);
                StoreRow(planes, (y - canvas.YMin) * stride + area.XMin - canvas.XMin, dst, alpha);
            }
        }
        finally
        {
            foreach (var p in planes) ArrayPool<float>.Shared.Return(p);
        }
    }

    /// <inheritdoc />
    protected override void Generate(float[] source, float[] destination, int width, int height)
    {
        var (planes, stride) = Convolve(width, height, Concurrency, (y, dst) => source.AsSpan(y * width * 4, width * 4).CopyTo(dst));
        try
        {
            for (int y = 0; y < height; y++)
                StoreRow(planes, y * stride, destination.AsSpan(y * width * 4, width * 4), source.AsSpan(y * width * 4, width * 4));
        }
        finally
        {
            foreach (var p in planes) ArrayPool<float>.Shared.Return(p);
        }
    }

    /// <summary>Writes red, green and blue from the planes at <paramref name="start"/>, alpha from <paramref name="source"/>, into an RGBA row.</summary>
    private static void StoreRow(float[][] planes, int start, Span<float> dst, ReadOnlySpan<float> source)
    {
        for (int x = start, d = 0; d < dst.Length; x++, d += 4)
        {
            dst[d] = planes[0][x];
            dst[d + 1] = planes[1][x];
            dst[d + 2] = planes[2][x];
            dst[d + 3] = source[d + 3];
        }
    }

    /// <summary>
    /// The convolution of a <paramref name="width"/> × <paramref name="height"/> RGBA image, whose
    /// row y <paramref name="readRow"/> writes into the span it is given: red, green and blue
    /// planes (pooled arrays the caller returns; row y of the image at y · Stride) and a fourth
    /// scratch plane.
    /// </summary>
    private (float[][] Planes, int Stride) Convolve(int width, int height, int threads, Action<int, Span<float>> readRow)
    {
        int sz = 1 << Settings.Size, half = sz / 2;
        // Circular convolution without wrap-around onto the image: the period must hold the image
        // plus the kernel's reach on one side, and the whole kernel.
        int pw = BatchFft.GoodLength(Math.Max(sz, width + half));
        int ph = BatchFft.GoodLength(Math.Max(sz, height + half));
        int plane = pw * ph;
        float[] spectrum = KernelSpectrum(Settings.Size, pw, ph, threads);

        // Red and green as one complex plane, blue as another: the kernel is real, so the real and
        // imaginary parts convolve independently.
        var pool = ArrayPool<float>.Shared;
        float[][] planes = [pool.Rent(plane), pool.Rent(plane), pool.Rent(plane), pool.Rent(plane)];
        try
        {
            var row = new float[width * 4];
            for (int y = 0; y < height; y++)
            {
                readRow(y, row);
                int d = y * pw;
                for (int x = 0, s = 0; x < width; x++, s += 4)
                {
                    planes[0][d + x] = row[s];
                    planes[1][d + x] = row[s + 1];
                    planes[2][d + x] = row[s + 2];
                }

                foreach (var p in planes) p.AsSpan(d + width, pw - width).Clear();
                planes[3].AsSpan(d, width).Clear();
            }

            foreach (var p in planes) p.AsSpan(height * pw, plane - height * pw).Clear();

            // Rows of black beyond the image transform to zero: only the image rows are transformed.
            var rowFft = new BatchFft(pw);
            PlaneFft.Rows(planes, height, rowFft, inverse: false, threads);
            PlaneFft.Columns(planes, pw, new BatchFft(ph), spectrum, threads);
            PlaneFft.Rows(planes, height, rowFft, inverse: true, threads);
            return (planes, pw);
        }
        catch
        {
            foreach (var p in planes) pool.Return(p);
            throw;
        }
    }
}
