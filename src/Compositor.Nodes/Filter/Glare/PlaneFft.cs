using System.Buffers;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// 2D FFT passes over row-major complex planes (real and imaginary parts in separate arrays) with
/// <see cref="BatchFft"/>: blocks of <see cref="BatchFft.Lanes"/> rows or columns are copied into a
/// scratch batch (rows transposed on the way), transformed as vectors and copied back. Blocks run
/// on up to <c>threads</c> threads.
/// </summary>
internal static class PlaneFft
{
    private const int Lanes = BatchFft.Lanes;

    /// <summary>
    /// Transforms rows [0, <paramref name="rows"/>) of the planes (width fft.Length, stride the
    /// same) in place; <paramref name="inverse"/> runs the unnormalized inverse.
    /// </summary>
    public static void Rows(float[][] planes, int rows, BatchFft fft, bool inverse, int threads)
    {
        int width = fft.Length, blocks = (rows + Lanes - 1) / Lanes;
        ForEachBlock(blocks, width, threads, (block, s) =>
        {
            int y0 = block * Lanes, count = Math.Min(Lanes, rows - y0);
            for (int p = 0; p + 1 < planes.Length; p += 2)
            {
                float[] re = planes[p], im = planes[p + 1];
                if (count < Lanes) { s.Re.AsSpan(0, width * Lanes).Clear(); s.Im.AsSpan(0, width * Lanes).Clear(); }
                for (int b = 0; b < count; b++)
                {
                    int row = (y0 + b) * width;
                    for (int x = 0; x < width; x++)
                    {
                        s.Re[x * Lanes + b] = re[row + x];
                        s.Im[x * Lanes + b] = im[row + x];
                    }
                }

                Transform(fft, s, inverse);
                for (int b = 0; b < count; b++)
                {
                    int row = (y0 + b) * width;
                    for (int x = 0; x < width; x++)
                    {
                        re[row + x] = s.Re[x * Lanes + b];
                        im[row + x] = s.Im[x * Lanes + b];
                    }
                }
            }
        });
    }

    /// <summary>
    /// Transforms every column of the planes (<paramref name="width"/> wide, fft.Length rows) in
    /// place. With a <paramref name="filter"/> (a real plane of the same shape) each column is
    /// transformed forward, multiplied by the filter, and transformed back (unnormalized): one
    /// pass for a whole frequency-domain product.
    /// </summary>
    public static void Columns(float[][] planes, int width, BatchFft fft, float[]? filter, int threads)
    {
        int height = fft.Length, blocks = (width + Lanes - 1) / Lanes;
        ForEachBlock(blocks, height, threads, (block, s) =>
        {
            int x0 = block * Lanes, count = Math.Min(Lanes, width - x0);
            for (int p = 0; p + 1 < planes.Length; p += 2)
            {
                float[] re = planes[p], im = planes[p + 1];
                if (count < Lanes) { s.Re.AsSpan(0, height * Lanes).Clear(); s.Im.AsSpan(0, height * Lanes).Clear(); }
                for (int y = 0; y < height; y++)
                {
                    re.AsSpan(y * width + x0, count).CopyTo(s.Re.AsSpan(y * Lanes));
                    im.AsSpan(y * width + x0, count).CopyTo(s.Im.AsSpan(y * Lanes));
                }

                Transform(fft, s, inverse: false);
                if (filter is not null)
                {
                    for (int y = 0; y < height; y++)
                    {
                        var f = filter.AsSpan(y * width + x0, count);
                        var r = s.Re.AsSpan(y * Lanes, count);
                        var i = s.Im.AsSpan(y * Lanes, count);
                        for (int b = 0; b < count; b++) { r[b] *= f[b]; i[b] *= f[b]; }
                    }

                    Transform(fft, s, inverse: true);
                }

                for (int y = 0; y < height; y++)
                {
                    s.Re.AsSpan(y * Lanes, count).CopyTo(re.AsSpan(y * width + x0));
                    s.Im.AsSpan(y * Lanes, count).CopyTo(im.AsSpan(y * width + x0));
                }
            }
        });
    }

    private static void Transform(BatchFft fft, Scratch s, bool inverse)
    {
        // The inverse DFT is the forward DFT with real and imaginary parts swapped on both sides.
        if (inverse) fft.Forward(s.Im, s.Re, s.WorkIm, s.WorkRe, Lanes);
        else fft.Forward(s.Re, s.Im, s.WorkRe, s.WorkIm, Lanes);
    }

    private static void ForEachBlock(int blocks, int length, int threads, Action<int, Scratch> body)
    {
        int size = length * Lanes;
        if (threads <= 1 || blocks <= 1)
        {
            var s = Scratch.Rent(size);
            try { for (int b = 0; b < blocks; b++) body(b, s); }
            finally { s.Return(); }
            return;
        }

        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => Scratch.Rent(size),
            (b, _, s) => { body(b, s); return s; }, s => s.Return());
    }

    private sealed record Scratch(float[] Re, float[] Im, float[] WorkRe, float[] WorkIm)
    {
        public static Scratch Rent(int size)
        {
            var pool = ArrayPool<float>.Shared;
            return new Scratch(pool.Rent(size), pool.Rent(size), pool.Rent(size), pool.Rent(size));
        }

        public void Return()
        {
            var pool = ArrayPool<float>.Shared;
            pool.Return(Re);
            pool.Return(Im);
            pool.Return(WorkRe);
            pool.Return(WorkIm);
        }
    }
}
