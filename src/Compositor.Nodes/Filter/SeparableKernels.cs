using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Register-blocked convolution loops of the separable blur passes: a few 512-bit vectors of
/// output are accumulated in registers over every tap and stored once, instead of one pass over
/// the output per tap. Each output value is still the taps in order, each multiplied then added
/// (no fused multiply-add), then scaled, so the results equal the per-tap loops bit for bit.
/// </summary>
internal static class SeparableKernels
{
    /// <summary>Floats per vector.</summary>
    private const int Lanes = 16;

    /// <summary>Whether the blocked loops run on this machine (512-bit vectors in hardware).</summary>
    public static bool CanBlock => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// dst[i] = scale · Σₜ kernel[t] · src[i + 4t] for RGBA rows: the taps of consecutive pixels
    /// are 4 floats apart; <paramref name="src"/> holds dst.Length + 4·(kernel.Length − 1) floats.
    /// </summary>
    public static void ConvolveRow(Span<float> dst, ReadOnlySpan<float> src, float[] kernel, float scale)
    {
        int n = dst.Length, taps = kernel.Length, i = 0;
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float k = ref MemoryMarshal.GetArrayDataReference(kernel);
        var f = Vector512.Create(scale);
        for (; i <= n - 4 * Lanes; i += 4 * Lanes)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            ref float p = ref Unsafe.Add(ref s, i);
            for (int t = 0; t < taps; t++, p = ref Unsafe.Add(ref p, 4))
            {
                var w = Vector512.Create(Unsafe.Add(ref k, t));
                a0 += Vector512.LoadUnsafe(ref p) * w;
                a1 += Vector512.LoadUnsafe(ref p, Lanes) * w;
                a2 += Vector512.LoadUnsafe(ref p, 2 * Lanes) * w;
                a3 += Vector512.LoadUnsafe(ref p, 3 * Lanes) * w;
            }

            (a0 * f).StoreUnsafe(ref d, (nuint)i);
            (a1 * f).StoreUnsafe(ref d, (nuint)(i + Lanes));
            (a2 * f).StoreUnsafe(ref d, (nuint)(i + 2 * Lanes));
            (a3 * f).StoreUnsafe(ref d, (nuint)(i + 3 * Lanes));
        }

        for (; i <= n - Lanes; i += Lanes)
        {
            Vector512<float> a = default;
            ref float p = ref Unsafe.Add(ref s, i);
            for (int t = 0; t < taps; t++, p = ref Unsafe.Add(ref p, 4)) a += Vector512.LoadUnsafe(ref p) * Vector512.Create(Unsafe.Add(ref k, t));
            (a * f).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            float a = 0f;
            for (int t = 0; t < taps; t++) a += Unsafe.Add(ref s, i + 4 * t) * Unsafe.Add(ref k, t);
            Unsafe.Add(ref d, i) = a * scale;
        }
    }

    /// <summary>
    /// The vertical pass over <paramref name="width"/> floats of each output row r (at
    /// dstStart + r · dstStride): Σ over count[r] taps of kernel[tap[r] + t] · the source row at
    /// first[r] + t · srcStride, times scale[r]. Column segments run outermost, so the source rows
    /// under a segment stay in cache from one output row to the next.
    /// </summary>
    public static void ConvolveColumns(float[] dst, int dstStart, int dstStride, float[] src, int srcStride,
        int[] first, int[] tap, int[] count, float[] scale, float[] kernel, int width)
    {
        int rows = first.Length, x = 0;
        ref float d0 = ref MemoryMarshal.GetArrayDataReference(dst);
        ref float s0 = ref MemoryMarshal.GetArrayDataReference(src);
        ref float k0 = ref MemoryMarshal.GetArrayDataReference(kernel);
        for (; x <= width - 4 * Lanes; x += 4 * Lanes)
        {
            for (int r = 0; r < rows; r++)
            {
                // Four consecutive rows with whole kernels share their loads: each source row is
                // read once and added to the four outputs it reaches, each in tap order.
                if (r + 4 <= rows && count[r] == kernel.Length && count[r + 3] == kernel.Length
                    && first[r + 3] == first[r] + 3 * srcStride && count[r + 1] == kernel.Length && count[r + 2] == kernel.Length)
                {
                    for (int half = 0; half < 2; half++)
                    {
                        int xs = x + half * 2 * Lanes;
                        FourRows(ref Unsafe.Add(ref d0, dstStart + r * dstStride + xs), dstStride, ref Unsafe.Add(ref s0, first[r] + xs), srcStride, kernel, scale[r]);
                    }

                    r += 3;
                    continue;
                }

                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                ref float p = ref Unsafe.Add(ref s0, first[r] + x);
                ref float k = ref Unsafe.Add(ref k0, tap[r]);
                for (int t = 0, c = count[r]; t < c; t++, p = ref Unsafe.Add(ref p, srcStride))
                {
                    var w = Vector512.Create(Unsafe.Add(ref k, t));
                    a0 += Vector512.LoadUnsafe(ref p) * w;
                    a1 += Vector512.LoadUnsafe(ref p, Lanes) * w;
                    a2 += Vector512.LoadUnsafe(ref p, 2 * Lanes) * w;
                    a3 += Vector512.LoadUnsafe(ref p, 3 * Lanes) * w;
                }

                var f = Vector512.Create(scale[r]);
                ref float o = ref Unsafe.Add(ref d0, dstStart + r * dstStride + x);
                (a0 * f).StoreUnsafe(ref o);
                (a1 * f).StoreUnsafe(ref o, Lanes);
                (a2 * f).StoreUnsafe(ref o, 2 * Lanes);
                (a3 * f).StoreUnsafe(ref o, 3 * Lanes);
            }
        }

        for (; x <= width - Lanes; x += Lanes)
        {
            for (int r = 0; r < rows; r++)
            {
                Vector512<float> a = default;
                ref float p = ref Unsafe.Add(ref s0, first[r] + x);
                ref float k = ref Unsafe.Add(ref k0, tap[r]);
                for (int t = 0, c = count[r]; t < c; t++, p = ref Unsafe.Add(ref p, srcStride)) a += Vector512.LoadUnsafe(ref p) * Vector512.Create(Unsafe.Add(ref k, t));
                (a * Vector512.Create(scale[r])).StoreUnsafe(ref Unsafe.Add(ref d0, dstStart + r * dstStride + x));
            }
        }

        for (; x < width; x++)
        {
            for (int r = 0; r < rows; r++)
            {
                float a = 0f;
                for (int t = 0; t < count[r]; t++) a += src[first[r] + x + t * srcStride] * kernel[tap[r] + t];
                dst[dstStart + r * dstStride + x] = count[r] == 0 ? 0f : a * scale[r];
            }
        }
    }

    /// <summary>
    /// Two vectors of four consecutive output rows whose taps are all of <paramref name="kernel"/>
    /// over source rows starting one apart: source row k goes to output j with tap k − j.
    /// </summary>
    private static void FourRows(ref float dst, int dstStride, ref float src, int srcStride, float[] kernel, float scale)
    {
        int taps = kernel.Length;
        Vector512<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        ref float k = ref MemoryMarshal.GetArrayDataReference(kernel);
        for (int row = 0; row < taps + 3; row++)
        {
            ref float p = ref Unsafe.Add(ref src, row * srcStride);
            var u = Vector512.LoadUnsafe(ref p);
            var v = Vector512.LoadUnsafe(ref p, Lanes);
            if ((uint)row < (uint)taps) { var w = Vector512.Create(Unsafe.Add(ref k, row)); a0 += u * w; b0 += v * w; }
            if ((uint)(row - 1) < (uint)taps) { var w = Vector512.Create(Unsafe.Add(ref k, row - 1)); a1 += u * w; b1 += v * w; }
            if ((uint)(row - 2) < (uint)taps) { var w = Vector512.Create(Unsafe.Add(ref k, row - 2)); a2 += u * w; b2 += v * w; }
            if ((uint)(row - 3) < (uint)taps) { var w = Vector512.Create(Unsafe.Add(ref k, row - 3)); a3 += u * w; b3 += v * w; }
        }

        var f = Vector512.Create(scale);
        (a0 * f).StoreUnsafe(ref dst);
        (b0 * f).StoreUnsafe(ref dst, Lanes);
        (a1 * f).StoreUnsafe(ref Unsafe.Add(ref dst, dstStride));
        (b1 * f).StoreUnsafe(ref Unsafe.Add(ref dst, dstStride), Lanes);
        (a2 * f).StoreUnsafe(ref Unsafe.Add(ref dst, 2 * dstStride));
        (b2 * f).StoreUnsafe(ref Unsafe.Add(ref dst, 2 * dstStride), Lanes);
        (a3 * f).StoreUnsafe(ref Unsafe.Add(ref dst, 3 * dstStride));
        (b3 * f).StoreUnsafe(ref Unsafe.Add(ref dst, 3 * dstStride), Lanes);
    }
}
