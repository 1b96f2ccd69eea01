using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The FAST_GAUSS filter (Blender's FastGaussianBlurOperation): a recursive (IIR) Gaussian of
/// Young and van Vliet with Triggs and Sdika's boundary correction, sigma = radius · size / 2 per
/// axis, run in double precision over the whole rendered area, rows first, then columns.
/// A sigma under 0.5, or a side shorter than 3 pixels, leaves that axis unblurred.
/// </summary>
/// <remarks>
/// Whole-image: the operation renders its area in one call. The recursion runs on all four
/// channels at once for rows, and on strips of columns at once for columns (every step a vector
/// operation over the strip), so both passes stream through memory.
/// </remarks>
public sealed class FastGaussianBlurOperation : BlurOperationBase
{
    private const int ColumnStrip = 64;

    /// <summary>Creates the operation.</summary>
    public FastGaussianBlurOperation(BlurSettings settings) : base(settings with { Filter = BlurFilterType.FastGauss }) =>
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;

    /// <summary>Sigma along x (after initialization).</summary>
    public float SigmaX { get; private set; }

    /// <summary>Sigma along y (after initialization).</summary>
    public float SigmaY { get; private set; }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        base.InitializeExecution(context);
        SigmaX = BlurSizeX * Size / 2f;
        SigmaY = BlurSizeY * Size / 2f;
    }

    /// <inheritdoc />
    protected override Rect ImageAreaOfInterest(Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[ImageInput];
        int w = area.Width, h = area.Height, rowFloats = w * 4;
        float[] image = ArrayPool<float>.Shared.Rent(Math.Max(1, rowFloats * h));
        try
        {
            for (int y = 0; y < h; y++)
            {
                var dst = image.AsSpan(y * rowFloats, rowFloats);
                input.ReadRow(area.YMin + y, area.XMin, w, dst).CopyTo(dst);
            }

            var cx = SigmaX > 0f ? IirCoefficients.For(SigmaX) : null;
            var cy = SigmaY > 0f ? IirCoefficients.For(SigmaY) : null;
            if (cx is not null && w >= 3) BlurRows(image, w, h, cx);
            if (cy is not null && h >= 3) BlurColumns(image, w, h, cy);

            for (int y = 0; y < h; y++)
                image.AsSpan(y * rowFloats, rowFloats).CopyTo(o.GetRow(area.YMin + y, area.XMin, w));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(image);
        }
    }

    /// <summary>
    /// Blurs an RGBA image of <paramref name="w"/> × <paramref name="h"/> pixels in place with
    /// <paramref name="sigma"/> on both axes (Blender's IIR_gauss on both axes; the glare uses it).
    /// </summary>
    internal static void BlurInPlace(float[] image, int w, int h, float sigma) => Blur(image, w, h, 4, sigma, sigma);

    /// <summary>
    /// Blurs an image of <paramref name="channels"/> interleaved channels in place, rows with
    /// <paramref name="sigmaX"/> then columns with <paramref name="sigmaY"/> (Blender's IIR_gauss:
    /// a sigma under 0.5 or a side under 3 pixels leaves that axis alone).
    /// </summary>
    internal static void Blur(float[] image, int w, int h, int channels, float sigmaX, float sigmaY)
    {
        var cx = sigmaX > 0f ? IirCoefficients.For(sigmaX) : null;
        var cy = sigmaY > 0f ? IirCoefficients.For(sigmaY) : null;
        if (cx is not null && w >= 3) BlurRows(image, w, h, cx, channels);
        if (cy is not null && h >= 3) BlurColumns(image, w, h, cy, channels);
    }

    private static void BlurRows(float[] image, int w, int h, IirCoefficients c, int channels = 4)
    {
        int n = w * channels;
        var x = new double[n];
        var wk = new double[n];
        var yv = new double[n];
        for (int row = 0; row < h; row++)
        {
            var pixels = image.AsSpan(row * n, n);
            for (int i = 0; i < pixels.Length; i++) x[i] = pixels[i];
            Recurse(x, wk, yv, w, channels, c);
            for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)yv[i];
        }
    }

    private static void BlurColumns(float[] image, int w, int h, IirCoefficients c, int channels = 4)
    {
        int lanesMax = Math.Min(w, ColumnStrip) * channels;
        var x = new double[h * lanesMax];
        var wk = new double[h * lanesMax];
        var yv = new double[h * lanesMax];
        for (int x0 = 0; x0 < w; x0 += ColumnStrip)
        {
            int lanes = Math.Min(ColumnStrip, w - x0) * channels;
            for (int row = 0; row < h; row++)
            {
                var src = image.AsSpan((row * w + x0) * channels, lanes);
                var dst = x.AsSpan(row * lanes, lanes);
                for (int i = 0; i < lanes; i++) dst[i] = src[i];
            }

            Recurse(x, wk, yv, h, lanes, c);
            for (int row = 0; row < h; row++)
            {
                var src = yv.AsSpan(row * lanes, lanes);
                var dst = image.AsSpan((row * w + x0) * channels, lanes);
                for (int i = 0; i < lanes; i++) dst[i] = (float)src[i];
            }
        }
    }

    /// <summary>
    /// The forward and backward recursions over <paramref name="length"/> samples of
    /// <paramref name="lanes"/> independent signals stored sample after sample
    /// (<paramref name="x"/> in, <paramref name="yOut"/> out, <paramref name="w"/> scratch).
    /// </summary>
    private static void Recurse(double[] x, double[] w, double[] yOut, int length, int lanes, IirCoefficients c)
    {
        double c0 = c.C0, c1 = c.C1, c2 = c.C2, c3 = c.C3;
        int n = lanes, l = length;
        for (int k = 0; k < n; k++)
        {
            double x0 = x[k], x1 = x[n + k], x2 = x[2 * n + k];
            double w0 = c0 * x0 + c1 * x0 + c2 * x0 + c3 * x0;
            double w1 = c0 * x1 + c1 * w0 + c2 * x0 + c3 * x0;
            double w2 = c0 * x2 + c1 * w1 + c2 * w0 + c3 * x0;
            w[k] = w0;
            w[n + k] = w1;
            w[2 * n + k] = w2;
        }

        for (int i = 3; i < l; i++)
            Combine(w.AsSpan(i * n, n), x.AsSpan(i * n, n), w.AsSpan((i - 1) * n, n), w.AsSpan((i - 2) * n, n), w.AsSpan((i - 3) * n, n), c0, c1, c2, c3);

        var m = c.M;
        for (int k = 0; k < n; k++)
        {
            double xl = x[(l - 1) * n + k];
            double u0 = w[(l - 1) * n + k] - xl, u1 = w[(l - 2) * n + k] - xl, u2 = w[(l - 3) * n + k] - xl;
            double v0 = m[0] * u0 + m[1] * u1 + m[2] * u2 + xl;
            double v1 = m[3] * u0 + m[4] * u1 + m[5] * u2 + xl;
            double v2 = m[6] * u0 + m[7] * u1 + m[8] * u2 + xl;
            double y1 = c0 * w[(l - 1) * n + k] + c1 * v0 + c2 * v1 + c3 * v2;
            double y2 = c0 * w[(l - 2) * n + k] + c1 * y1 + c2 * v0 + c3 * v1;
            double y3 = c0 * w[(l - 3) * n + k] + c1 * y2 + c2 * y1 + c3 * v0;
            yOut[(l - 1) * n + k] = y1;
            yOut[(l - 2) * n + k] = y2;
            yOut[(l - 3) * n + k] = y3;
        }

        for (int i = l - 4; i >= 0; i--)
            Combine(yOut.AsSpan(i * n, n), w.AsSpan(i * n, n), yOut.AsSpan((i + 1) * n, n), yOut.AsSpan((i + 2) * n, n), yOut.AsSpan((i + 3) * n, n), c0, c1, c2, c3);
    }

    /// <summary>dst = c0·a + c1·b1 + c2·b2 + c3·b3, lane by lane (vectorized).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Combine(Span<double> dst, ReadOnlySpan<double> a, ReadOnlySpan<double> b1, ReadOnlySpan<double> b2, ReadOnlySpan<double> b3,
        double c0, double c1, double c2, double c3)
    {
        int n = dst.Length, k = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double rd = ref MemoryMarshal.GetReference(dst);
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double r1 = ref MemoryMarshal.GetReference(b1);
            ref double r2 = ref MemoryMarshal.GetReference(b2);
            ref double r3 = ref MemoryMarshal.GetReference(b3);
            var v0 = new Vector<double>(c0);
            var v1 = new Vector<double>(c1);
            var v2 = new Vector<double>(c2);
            var v3 = new Vector<double>(c3);
            int last = n - Vector<double>.Count;
            for (; k <= last; k += Vector<double>.Count)
            {
                var r = v0 * Vector.LoadUnsafe(ref ra, (nuint)k) + v1 * Vector.LoadUnsafe(ref r1, (nuint)k)
                    + v2 * Vector.LoadUnsafe(ref r2, (nuint)k) + v3 * Vector.LoadUnsafe(ref r3, (nuint)k);
                r.StoreUnsafe(ref rd, (nuint)k);
            }
        }

        for (; k < n; k++) dst[k] = c0 * a[k] + c1 * b1[k] + c2 * b2[k] + c3 * b3[k];
    }

    /// <summary>The recursion's coefficients and boundary matrix for one sigma.</summary>
    internal sealed class IirCoefficients
    {
        private IirCoefficients(double c0, double c1, double c2, double c3, double[] m)
        {
            C0 = c0;
            C1 = c1;
            C2 = c2;
            C3 = c3;
            M = m;
        }

        public double C0 { get; }

        public double C1 { get; }

        public double C2 { get; }

        public double C3 { get; }

        public double[] M { get; }

        /// <summary>The coefficients for <paramref name="sigma"/>, or null under 0.5 (no blur).</summary>
        public static IirCoefficients? For(float sigma)
        {
            if (sigma < 0.5f) return null;
            // q is computed in single precision, as Blender does, then widened.
            double q = sigma >= 3.556f
                ? 0.9804f * (sigma - 3.556f) + 2.5091f
                : (0.0561f * sigma + 0.5784f) * sigma - 0.2568f;
            double q2 = q * q;
            double sc = (1.1668 + q) * (3.203729649 + (2.21566 + q) * q);
            double c1 = q * (5.788961737 + (6.76492 + 3.0 * q) * q) / sc;
            double c2 = -q2 * (3.38246 + 3.0 * q) / sc;
            double c3 = q2 * q / sc;
            double c0 = 1.0 - c1 - c2 - c3;

            double s = c0 / ((1.0 + c1 - c2 + c3) * (1.0 - c1 - c2 - c3) * (1.0 + c2 + (c1 - c3) * c3));
            var m = new double[9];
            m[0] = s * (-c3 * c1 + 1.0 - c3 * c3 - c2);
            m[1] = s * ((c3 + c1) * (c2 + c3 * c1));
            m[2] = s * (c3 * (c1 + c3 * c2));
            m[3] = s * (c1 + c3 * c2);
            m[4] = s * (-(c2 - 1.0) * (c2 + c3 * c1));
            m[5] = s * (-(c3 * c1 + c3 * c3 + c2 - 1.0) * c3);
            m[6] = s * (c3 * c1 + c2 + c1 * c1 - c2 * c2);
            m[7] = s * (c1 * c2 + c3 * c2 * c2 - c1 * c3 * c3 - c3 * c3 * c3 - c3 * c2 + c3);
            m[8] = s * (c3 * (c1 + c3 * c2));
            return new IirCoefficients(c0, c1, c2, c3, m);
        }
    }
}
