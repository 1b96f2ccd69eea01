using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// A mixed-radix (2, 3, 4, 5) complex FFT that transforms a batch of sequences at once: element j
/// of sequence b lies at j · batch + b, so every butterfly runs across the batch as contiguous
/// vectors. Stockham autosort stages (no bit reversal), real and imaginary parts in separate
/// arrays, forward sign −1, unnormalized. The inverse transform is the forward transform with the
/// real and imaginary arrays swapped.
/// </summary>
internal sealed class BatchFft
{
    /// <summary>The batch granularity: one 512-bit vector of floats.</summary>
    public const int Lanes = 16;

    private readonly Stage[] _stages;

    /// <summary>Prepares transforms of <paramref name="length"/> samples, a product of 2, 3 and 5.</summary>
    public BatchFft(int length)
    {
        if (length < 1 || !IsSmooth(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "a product of 2, 3 and 5 is required");
        Length = length;
        var stages = new List<Stage>();
        int n = length, s = 1;
        while (n > 1)
        {
            int p = n % 4 == 0 ? 4 : n % 2 == 0 ? 2 : n % 3 == 0 ? 3 : 5;
            int m = n / p;
            var cos = new float[(p - 1) * m];
            var sin = new float[(p - 1) * m];
            for (int q = 0; q < m; q++)
            {
                for (int k = 1; k < p; k++)
                {
                    double a = -2.0 * Math.PI * k * q / n;
                    cos[q * (p - 1) + k - 1] = (float)Math.Cos(a);
                    sin[q * (p - 1) + k - 1] = (float)Math.Sin(a);
                }
            }

            stages.Add(new Stage(p, m, s, cos, sin));
            n = m;
            s *= p;
        }

        _stages = [.. stages];
    }

    /// <summary>The transform length.</summary>
    public int Length { get; }

    /// <summary>Whether <paramref name="n"/> has no prime factor other than 2, 3 and 5.</summary>
    public static bool IsSmooth(int n)
    {
        if (n < 1) return false;
        foreach (int p in (ReadOnlySpan<int>)[2, 3, 5]) while (n % p == 0) n /= p;
        return n == 1;
    }

    /// <summary>
    /// The cheapest length of at least <paramref name="minimum"/> this transform supports: a product
    /// of 2, 3 and 5 whose estimated cost (samples times the work of its stages) is lowest among
    /// those below twice the minimum.
    /// </summary>
    public static int GoodLength(int minimum)
    {
        minimum = Math.Max(1, minimum);
        int best = 0;
        double bestCost = double.MaxValue;
        for (long n = minimum; n < 2L * minimum + 2 && n <= int.MaxValue; n++)
        {
            if (!IsSmooth((int)n)) continue;
            double work = 0;
            long rest = n;
            // Per-sample cost of a stage, with the pass over memory every stage makes.
            while (rest % 4 == 0) { work += 8.5 + 4; rest /= 4; }
            while (rest % 2 == 0) { work += 5 + 4; rest /= 2; }
            while (rest % 3 == 0) { work += 8 + 4; rest /= 3; }
            while (rest % 5 == 0) { work += 13 + 4; rest /= 5; }
            double cost = n * Math.Max(work, 1);
            if (cost < bestCost) { bestCost = cost; best = (int)n; }
        }

        return best;
    }

    /// <summary>
    /// Transforms the <paramref name="batch"/> sequences held in <paramref name="re"/> and
    /// <paramref name="im"/> (Length · batch floats each, batch a multiple of <see cref="Lanes"/>)
    /// in place; <paramref name="workRe"/> and <paramref name="workIm"/> are scratch of the same size.
    /// </summary>
    public void Forward(Span<float> re, Span<float> im, Span<float> workRe, Span<float> workIm, int batch)
    {
        if (batch % Lanes != 0) throw new ArgumentException("the batch must be a multiple of the vector width", nameof(batch));
        int count = Length * batch;
        if (re.Length < count || im.Length < count || workRe.Length < count || workIm.Length < count)
            throw new ArgumentException("the arrays are too short for the batch");
        ref float xr = ref MemoryMarshal.GetReference(re), xi = ref MemoryMarshal.GetReference(im);
        ref float yr = ref MemoryMarshal.GetReference(workRe), yi = ref MemoryMarshal.GetReference(workIm);
        bool inWork = false;
        foreach (var stage in _stages)
        {
            if (inWork) stage.Run(ref yr, ref yi, ref xr, ref xi, batch);
            else stage.Run(ref xr, ref xi, ref yr, ref yi, batch);
            inWork = !inWork;
        }

        if (inWork)
        {
            workRe[..count].CopyTo(re);
            workIm[..count].CopyTo(im);
        }
    }

    /// <summary>
    /// One Stockham stage of radix p over sub-sequences of length n = p · m at stride s: for each
    /// q &lt; m the p inputs x[s · (q + j · m)] go through a p-point DFT, are multiplied by the
    /// twiddles ωₙ^(q·k) and land at y[s · (p · q + k)]; the s · batch floats at each index are
    /// contiguous and processed as vectors.
    /// </summary>
    private sealed record Stage(int P, int M, int S, float[] Cos, float[] Sin)
    {
        private const float Sin60 = 0.866025403784438646763723170752936183f;
        private static readonly float C1 = (float)Math.Cos(2 * Math.PI / 5), C2 = (float)Math.Cos(4 * Math.PI / 5);
        private static readonly float S1 = (float)Math.Sin(2 * Math.PI / 5), S2 = (float)Math.Sin(4 * Math.PI / 5);

        public void Run(ref float xr, ref float xi, ref float yr, ref float yi, int batch)
        {
            int span = S * batch;
            for (int q = 0; q < M; q++)
            {
                int tw = q * (P - 1);
                switch (P)
                {
                    case 2: Radix2(ref xr, ref xi, ref yr, ref yi, q, span, tw); break;
                    case 3: Radix3(ref xr, ref xi, ref yr, ref yi, q, span, tw); break;
                    case 4: Radix4(ref xr, ref xi, ref yr, ref yi, q, span, tw); break;
                    default: Radix5(ref xr, ref xi, ref yr, ref yi, q, span, tw); break;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> L(ref float a, int index) => Vector512.LoadUnsafe(ref a, (nuint)index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void St(ref float a, int index, Vector512<float> v) => v.StoreUnsafe(ref a, (nuint)index);

        /// <summary>Stores (r + i·m) · (c + i·s).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreTwiddled(ref float yr, ref float yi, int index, Vector512<float> r, Vector512<float> m, Vector512<float> c, Vector512<float> s)
        {
            St(ref yr, index, r * c - m * s);
            St(ref yi, index, r * s + m * c);
        }

        private void Radix2(ref float xr, ref float xi, ref float yr, ref float yi, int q, int span, int tw)
        {
            int i0 = q * span, i1 = (q + M) * span, o0 = 2 * q * span, o1 = o0 + span;
            var c = Vector512.Create(Cos[tw]);
            var s = Vector512.Create(Sin[tw]);
            for (int v = 0; v < span; v += Lanes)
            {
                var ar = L(ref xr, i0 + v); var ai = L(ref xi, i0 + v);
                var br = L(ref xr, i1 + v); var bi = L(ref xi, i1 + v);
                St(ref yr, o0 + v, ar + br);
                St(ref yi, o0 + v, ai + bi);
                StoreTwiddled(ref yr, ref yi, o1 + v, ar - br, ai - bi, c, s);
            }
        }

        private void Radix3(ref float xr, ref float xi, ref float yr, ref float yi, int q, int span, int tw)
        {
            int i0 = q * span, i1 = (q + M) * span, i2 = (q + 2 * M) * span, o0 = 3 * q * span;
            var c1 = Vector512.Create(Cos[tw]); var s1 = Vector512.Create(Sin[tw]);
            var c2 = Vector512.Create(Cos[tw + 1]); var s2 = Vector512.Create(Sin[tw + 1]);
            var half = Vector512.Create(0.5f);
            var sin60 = Vector512.Create(Sin60);
            for (int v = 0; v < span; v += Lanes)
            {
                var a0r = L(ref xr, i0 + v); var a0i = L(ref xi, i0 + v);
                var a1r = L(ref xr, i1 + v); var a1i = L(ref xi, i1 + v);
                var a2r = L(ref xr, i2 + v); var a2i = L(ref xi, i2 + v);
                var tr = a1r + a2r; var ti = a1i + a2i;
                var ur = a0r - half * tr; var ui = a0i - half * ti;
                var vr = sin60 * (a1r - a2r); var vi = sin60 * (a1i - a2i);
                St(ref yr, o0 + v, a0r + tr);
                St(ref yi, o0 + v, a0i + ti);
                // b1 = u − i·v, b2 = u + i·v.
                StoreTwiddled(ref yr, ref yi, o0 + span + v, ur + vi, ui - vr, c1, s1);
                StoreTwiddled(ref yr, ref yi, o0 + 2 * span + v, ur - vi, ui + vr, c2, s2);
            }
        }

        private void Radix4(ref float xr, ref float xi, ref float yr, ref float yi, int q, int span, int tw)
        {
            int i0 = q * span, i1 = (q + M) * span, i2 = (q + 2 * M) * span, i3 = (q + 3 * M) * span, o0 = 4 * q * span;
            var c1 = Vector512.Create(Cos[tw]); var s1 = Vector512.Create(Sin[tw]);
            var c2 = Vector512.Create(Cos[tw + 1]); var s2 = Vector512.Create(Sin[tw + 1]);
            var c3 = Vector512.Create(Cos[tw + 2]); var s3 = Vector512.Create(Sin[tw + 2]);
            for (int v = 0; v < span; v += Lanes)
            {
                var a0r = L(ref xr, i0 + v); var a0i = L(ref xi, i0 + v);
                var a1r = L(ref xr, i1 + v); var a1i = L(ref xi, i1 + v);
                var a2r = L(ref xr, i2 + v); var a2i = L(ref xi, i2 + v);
                var a3r = L(ref xr, i3 + v); var a3i = L(ref xi, i3 + v);
                var t0r = a0r + a2r; var t0i = a0i + a2i;
                var t1r = a0r - a2r; var t1i = a0i - a2i;
                var t2r = a1r + a3r; var t2i = a1i + a3i;
                var t3r = a1r - a3r; var t3i = a1i - a3i;
                St(ref yr, o0 + v, t0r + t2r);
                St(ref yi, o0 + v, t0i + t2i);
                // b1 = t1 − i·t3, b2 = t0 − t2, b3 = t1 + i·t3.
                StoreTwiddled(ref yr, ref yi, o0 + span + v, t1r + t3i, t1i - t3r, c1, s1);
                StoreTwiddled(ref yr, ref yi, o0 + 2 * span + v, t0r - t2r, t0i - t2i, c2, s2);
                StoreTwiddled(ref yr, ref yi, o0 + 3 * span + v, t1r - t3i, t1i + t3r, c3, s3);
            }
        }

        private void Radix5(ref float xr, ref float xi, ref float yr, ref float yi, int q, int span, int tw)
        {
            int i0 = q * span, i1 = (q + M) * span, i2 = (q + 2 * M) * span, i3 = (q + 3 * M) * span, i4 = (q + 4 * M) * span, o0 = 5 * q * span;
            var w1c = Vector512.Create(Cos[tw]); var w1s = Vector512.Create(Sin[tw]);
            var w2c = Vector512.Create(Cos[tw + 1]); var w2s = Vector512.Create(Sin[tw + 1]);
            var w3c = Vector512.Create(Cos[tw + 2]); var w3s = Vector512.Create(Sin[tw + 2]);
            var w4c = Vector512.Create(Cos[tw + 3]); var w4s = Vector512.Create(Sin[tw + 3]);
            var c1 = Vector512.Create(C1); var c2 = Vector512.Create(C2);
            var s1 = Vector512.Create(S1); var s2 = Vector512.Create(S2);
            for (int v = 0; v < span; v += Lanes)
            {
                var a0r = L(ref xr, i0 + v); var a0i = L(ref xi, i0 + v);
                var a1r = L(ref xr, i1 + v); var a1i = L(ref xi, i1 + v);
                var a2r = L(ref xr, i2 + v); var a2i = L(ref xi, i2 + v);
                var a3r = L(ref xr, i3 + v); var a3i = L(ref xi, i3 + v);
                var a4r = L(ref xr, i4 + v); var a4i = L(ref xi, i4 + v);
                var t1r = a1r + a4r; var t1i = a1i + a4i;
                var t2r = a2r + a3r; var t2i = a2i + a3i;
                var t3r = a1r - a4r; var t3i = a1i - a4i;
                var t4r = a2r - a3r; var t4i = a2i - a3i;
                var u1r = a0r + c1 * t1r + c2 * t2r; var u1i = a0i + c1 * t1i + c2 * t2i;
                var u2r = a0r + c2 * t1r + c1 * t2r; var u2i = a0i + c2 * t1i + c1 * t2i;
                var v1r = s1 * t3r + s2 * t4r; var v1i = s1 * t3i + s2 * t4i;
                var v2r = s2 * t3r - s1 * t4r; var v2i = s2 * t3i - s1 * t4i;
                St(ref yr, o0 + v, a0r + t1r + t2r);
                St(ref yi, o0 + v, a0i + t1i + t2i);
                // b1 = u1 − i·v1, b4 = u1 + i·v1, b2 = u2 − i·v2, b3 = u2 + i·v2.
                StoreTwiddled(ref yr, ref yi, o0 + span + v, u1r + v1i, u1i - v1r, w1c, w1s);
                StoreTwiddled(ref yr, ref yi, o0 + 2 * span + v, u2r + v2i, u2i - v2r, w2c, w2s);
                StoreTwiddled(ref yr, ref yi, o0 + 3 * span + v, u2r - v2i, u2i + v2r, w3c, w3s);
                StoreTwiddled(ref yr, ref yi, o0 + 4 * span + v, u1r - v1i, u1i + v1r, w4c, w4s);
            }
        }
    }
}
