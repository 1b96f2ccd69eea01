using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Compositor.Imaging;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The gather of <see cref="VariableSizeBokehBlurOperation"/> at full quality, vectorized over
/// sixteen neighbouring centre pixels of a row: for each offset of the window, each lane reads the
/// neighbour at that offset from its own centre (contiguous loads from planar copies of the image
/// channels and of the scaled sizes), decides whether it counts, looks its bokeh weight up with a
/// gather and adds it to that lane's sums. Every lane adds the same terms in the same order as the
/// per-neighbour rule (rows, then columns, no fused multiply-add), so the pixels are bit-identical
/// to <see cref="VariableSizeBokehBlurOperation"/>'s scalar path.
/// </summary>
/// <remarks>
/// Lanes share the offset range of the largest radius among them; a lane whose own radius is
/// smaller fails the radius test for the extra offsets. Neighbours outside the canvas lie in the
/// zero padding of the planar copies: a size of zero never counts. A bokeh image whose four
/// channels are equal everywhere (every built-in aperture without lens shift) is gathered once per
/// neighbour instead of four times.
/// </remarks>
internal static partial class BokehGather
{
    private const int Lanes = 16;
    private const int StripRows = 32;
    private const float Half = VariableSizeBokehBlurOperation.BokehPixels / 2;
    private const float Span = VariableSizeBokehBlurOperation.BokehPixels / 2 - 1;

    /// <summary>Whether this machine runs the gather (AVX2 gathers; 16 lanes with AVX-512, else 8).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Whether the 16-lane form runs here.</summary>
    public static bool IsWide => Avx512F.IsSupported;

    /// <summary>Renders <paramref name="area"/> of <paramref name="output"/>; rows below <paramref name="split"/> use <paramref name="lowerWindow"/>, the others <paramref name="upperWindow"/>; <paramref name="narrow"/> runs the 8-lane form even where the 16-lane one could (tests compare the two).</summary>
    public static void Render(MemoryBuffer output, Rect area, MemoryBuffer image, BokehWeights weights, MemoryBuffer size,
        Rect canvas, float scalar, float threshold, int split, int lowerWindow, int upperWindow, CancellationToken cancellation, bool narrow = false)
    {
        bool wide = IsWide && !narrow;
        int lanes = wide ? Lanes : NarrowLanes;
        if (area.IsEmpty) return;
        int window = Math.Max(lowerWindow, upperWindow);
        {
            // Strips of rows keep the planar copies small (and pooled) whatever the area.
            for (int top = area.YMin; top < area.YMax; top += StripRows)
            {
                var strip = new Rect(area.XMin, top, area.XMax, Math.Min(top + StripRows, area.YMax));
                var planes = Planes.Create(image, size, strip, canvas, window, scalar);
                try
                {
                    for (int y = strip.YMin; y < strip.YMax; y++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        var dst = output.GetRow(y, area.XMin, area.Width);
                        int rowWindow = y < split ? lowerWindow : upperWindow;
                        for (int x = area.XMin; x < area.XMax; x += lanes)
                        {
                            if (wide) Group(dst.Slice(4 * (x - area.XMin)), x, y, Math.Min(lanes, area.XMax - x), rowWindow, planes, weights, canvas, threshold);
                            else NarrowGroup(dst.Slice(4 * (x - area.XMin)), x, y, Math.Min(lanes, area.XMax - x), rowWindow, planes, weights, canvas, threshold);
                        }
                    }
                }
                finally
                {
                    planes.Return();
                }
            }
        }
    }

    /// <summary>Computes <paramref name="count"/> pixels of row <paramref name="y"/> from column <paramref name="x0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Group(Span<float> dst, int x0, int y, int count, int window, in Planes planes, BokehWeights weights, Rect canvas, float threshold)
    {
        var iota = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var thresholdV = Vector512.Create(threshold);
        fixed (float* sizes = planes.Size, red = planes.Red, green = planes.Green, blue = planes.Blue, alpha = planes.Alpha)
        fixed (float* w0 = weights.Red, w1 = weights.Green, w2 = weights.Blue, w3 = weights.Alpha)
        {
            int centreIndex = planes.IndexOf(x0, y);
            var valid = Vector512.LessThan(iota, Vector512.Create((float)count));
            var centre = Vector512.Load(sizes + centreIndex);
            var active = valid & Vector512.GreaterThan(centre, thresholdV);
            var sharpR = Vector512.Load(red + centreIndex);
            var sharpG = Vector512.Load(green + centreIndex);
            var sharpB = Vector512.Load(blue + centreIndex);
            var sharpA = Vector512.Load(alpha + centreIndex);
            Vector512<float> cr = sharpR, cg = sharpG, cb = sharpB, ca = sharpA;
            Vector512<float> wr = Vector512<float>.One, wg = wr, wb = wr, wa = wr;
            if (!None(active))
            {
                // Inactive lanes get radius 0, which no offset passes.
                var limited = Vector512.ConditionalSelect(active, centre, Vector512<float>.Zero);
                float largest = 0f;
                for (int lane = 0; lane < Lanes; lane++) largest = MathF.Max(largest, limited.GetElement(lane));
                // A neighbour needs |d| < its radius ≤ its centre's; Blender's window is [−window, window).
                int reach = (int)MathF.Min(MathF.Ceiling(largest) - 1f, window);
                int dyMin = Math.Max(-reach, canvas.YMin - y), dyMax = Math.Min(Math.Min(reach, window - 1), canvas.YMax - 1 - y);
                int dxMin = -reach, dxMax = Math.Min(reach, window - 1);
                var bx = Vector512.Create((float)weights.Domain.XMin);
                var bxEnd = Vector512.Create((float)weights.Domain.XMax);
                var by = Vector512.Create((float)weights.Domain.YMin);
                var byEnd = Vector512.Create((float)weights.Domain.YMax);
                var domainWidth = Vector512.Create((float)weights.Domain.Width);
                var origin = Vector512.Create((float)weights.Domain.YMin * weights.Domain.Width + weights.Domain.XMin);
                var half = Vector512.Create(Half);
                var span = Vector512.Create(Span);
                bool grey = weights.Grey, checkDomain = weights.CheckDomain;
                var solidRadius = Vector512.Create(weights.SolidRadiusSquared);
                // Beyond the clear radius the aperture is +0: with ordinary pixels those neighbours change no sum.
                var clearRadius = Vector512.Create(planes.Ordinary ? weights.ClearRadiusSquared : float.PositiveInfinity);
                var solidR = Vector512.Create(weights.SolidValues[0]);
                var solidG = Vector512.Create(weights.SolidValues[1]);
                var solidB = Vector512.Create(weights.SolidValues[2]);
                var solidA = Vector512.Create(weights.SolidValues[3]);
                for (int dy = dyMin; dy <= dyMax; dy++)
                {
                    int row = planes.IndexOf(x0, y + dy);
                    var dyV = Vector512.Create((float)dy);
                    float ady = MathF.Abs(dy);
                    for (int dx = dxMin; dx <= dxMax; dx++)
                    {
                        if (dx == 0 && dy == 0) continue;
                        // Counts when min(size, centre) exceeds the threshold, |dx| and |dy|.
                        // vminps returns its second operand when either is NaN: a NaN size fails every test below.
                        var radius = Avx512F.Min(limited, Vector512.Load(sizes + row + dx));
                        var counts = Vector512.GreaterThan(radius, Vector512.Create(MathF.Max(threshold, MathF.Max(MathF.Abs(dx), ady))));
                        if (None(counts)) continue;
                        int n = row + dx;
                        // Where every counted lane's offset lies well inside the aperture's solid disc,
                        // its bokeh pixel is known without the division, the floor and the gather.
                        var distance = Vector512.Create((float)dx * dx + (float)dy * dy);
                        var radius2 = radius * radius;
                        if (None(counts & ~Vector512.GreaterThan(distance, radius2 * clearRadius))) continue;
                        if (None(counts & ~Vector512.LessThan(distance, radius2 * solidRadius)))
                        {
                            cr = Vector512.ConditionalSelect(counts, cr + solidR * Vector512.Load(red + n), cr);
                            cg = Vector512.ConditionalSelect(counts, cg + solidG * Vector512.Load(green + n), cg);
                            cb = Vector512.ConditionalSelect(counts, cb + solidB * Vector512.Load(blue + n), cb);
                            ca = Vector512.ConditionalSelect(counts, ca + solidA * Vector512.Load(alpha + n), ca);
                            wr = Vector512.ConditionalSelect(counts, wr + solidR, wr);
                            if (grey) continue;
                            wg = Vector512.ConditionalSelect(counts, wg + solidG, wg);
                            wb = Vector512.ConditionalSelect(counts, wb + solidB, wb);
                            wa = Vector512.ConditionalSelect(counts, wa + solidA, wa);
                            continue;
                        }

                        var dxV = Vector512.Create((float)dx);
                        var u = Vector512.Floor(half + dxV / radius * span);
                        var v = Vector512.Floor(half + dyV / radius * span);
                        if (checkDomain)
                        {
                            counts &= Vector512.GreaterThanOrEqual(u, bx) & Vector512.LessThan(u, bxEnd)
                                & Vector512.GreaterThanOrEqual(v, by) & Vector512.LessThan(v, byEnd);
                            if (None(counts)) continue;
                        }

                        var index = Vector512.ConvertToInt32(v * domainWidth + u - origin);
                        var br = Gather(w0, index, counts);
                        cr = Vector512.ConditionalSelect(counts, cr + br * Vector512.Load(red + n), cr);
                        wr = Vector512.ConditionalSelect(counts, wr + br, wr);
                        if (grey)
                        {
                            cg = Vector512.ConditionalSelect(counts, cg + br * Vector512.Load(green + n), cg);
                            cb = Vector512.ConditionalSelect(counts, cb + br * Vector512.Load(blue + n), cb);
                            ca = Vector512.ConditionalSelect(counts, ca + br * Vector512.Load(alpha + n), ca);
                        }
                        else
                        {
                            var bg = Gather(w1, index, counts);
                            var bb = Gather(w2, index, counts);
                            var ba = Gather(w3, index, counts);
                            cg = Vector512.ConditionalSelect(counts, cg + bg * Vector512.Load(green + n), cg);
                            cb = Vector512.ConditionalSelect(counts, cb + bb * Vector512.Load(blue + n), cb);
                            ca = Vector512.ConditionalSelect(counts, ca + ba * Vector512.Load(alpha + n), ca);
                            wg = Vector512.ConditionalSelect(counts, wg + bg, wg);
                            wb = Vector512.ConditionalSelect(counts, wb + bb, wb);
                            wa = Vector512.ConditionalSelect(counts, wa + ba, wa);
                        }
                    }
                }

                if (grey) wg = wb = wa = wr;
            }

            var rr = cr / wr;
            var rg = cg / wg;
            var rb = cb / wb;
            var ra = ca / wa;
            // Radii between the threshold and twice it fade in from the sharp pixel.
            var fade = active & Vector512.LessThan(centre, thresholdV * Vector512.Create(2f));
            if (!None(fade))
            {
                var f = (centre - thresholdV) / thresholdV;
                var g = Vector512<float>.One - f;
                rr = Vector512.ConditionalSelect(fade, g * sharpR + f * rr, rr);
                rg = Vector512.ConditionalSelect(fade, g * sharpG + f * rg, rg);
                rb = Vector512.ConditionalSelect(fade, g * sharpB + f * rb, rb);
                ra = Vector512.ConditionalSelect(fade, g * sharpA + f * ra, ra);
            }

            Interleave(dst, count, rr, rg, rb, ra);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool None(Vector512<float> mask) => mask.AsInt32() == Vector512<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<float> Gather(float* table, Vector512<int> index, Vector512<float> mask) =>
        Vector512.Create(
            Avx2.GatherMaskVector256(Vector256<float>.Zero, table, index.GetLower(), mask.GetLower(), 4),
            Avx2.GatherMaskVector256(Vector256<float>.Zero, table, index.GetUpper(), mask.GetUpper(), 4));

    private static void Interleave(Span<float> dst, int count, Vector512<float> r, Vector512<float> g, Vector512<float> b, Vector512<float> a)
    {
        for (int i = 0; i < count; i++)
        {
            dst[4 * i] = r.GetElement(i);
            dst[4 * i + 1] = g.GetElement(i);
            dst[4 * i + 2] = b.GetElement(i);
            dst[4 * i + 3] = a.GetElement(i);
        }
    }

    /// <summary>
    /// Planar copies of the scaled sizes and the four image channels around an area: the window on
    /// every side plus a lane group's overhang on the right, zero outside the canvas.
    /// </summary>
    private readonly struct Planes
    {
        public readonly float[] Size, Red, Green, Blue, Alpha;
        private readonly int _x0, _y0, _stride;

        /// <summary>
        /// No pixel is NaN, infinite or −0: adding a zero-weighted neighbour (+0 · colour) then leaves
        /// every sum's bits unchanged, so such neighbours may be skipped.
        /// </summary>
        public readonly bool Ordinary;

        private Planes(float[] size, float[] red, float[] green, float[] blue, float[] alpha, int x0, int y0, int stride, bool ordinary)
        {
            Size = size; Red = red; Green = green; Blue = blue; Alpha = alpha;
            _x0 = x0; _y0 = y0; _stride = stride;
            Ordinary = ordinary;
        }

        private static bool AllOrdinary(ReadOnlySpan<float> values)
        {
            foreach (float v in values)
                if (!float.IsFinite(v) || BitConverter.SingleToInt32Bits(v) == int.MinValue) return false;
            return true;
        }

        public int IndexOf(int x, int y) => (y - _y0) * _stride + (x - _x0);

        public static Planes Create(MemoryBuffer image, MemoryBuffer size, Rect area, Rect canvas, int window, float scalar)
        {
            int x0 = area.XMin - window, y0 = area.YMin - window;
            int stride = area.Width + Lanes + 2 * window;
            int rows = area.Height + 2 * window;
            int length = stride * rows;
            var pool = ArrayPool<float>.Shared;
            float[] s = Rent(pool, length), r = Rent(pool, length), g = Rent(pool, length), b = Rent(pool, length), a = Rent(pool, length);
            var copy = new Rect(x0, y0, x0 + stride, y0 + rows).Intersect(canvas).Intersect(image.Rect).Intersect(size.Rect);
            bool ordinary = true;
            float[] img = image.DangerousGetArray(), sz = size.DangerousGetArray();
            for (int y = copy.YMin; y < copy.YMax; y++)
            {
                int p = (y - y0) * stride + (copy.XMin - x0), ii = image.IndexOf(copy.XMin, y), si = size.IndexOf(copy.XMin, y);
                for (int i = 0; i < copy.Width; i++, p++, ii += 4, si++)
                {
                    s[p] = sz[si] * scalar;
                    r[p] = img[ii];
                    g[p] = img[ii + 1];
                    b[p] = img[ii + 2];
                    a[p] = img[ii + 3];
                }

                if (ordinary) ordinary = AllOrdinary(img.AsSpan(image.IndexOf(copy.XMin, y), 4 * copy.Width));
            }

            return new Planes(s, r, g, b, a, x0, y0, stride, ordinary);
        }

        private static float[] Rent(ArrayPool<float> pool, int length)
        {
            var array = pool.Rent(length);
            Array.Clear(array, 0, length);
            return array;
        }

        public void Return()
        {
            var pool = ArrayPool<float>.Shared;
            pool.Return(Size); pool.Return(Red); pool.Return(Green); pool.Return(Blue); pool.Return(Alpha);
        }
    }

    /// <summary>
    /// The bokeh image's channels as planes over its domain (one shared plane when they are all
    /// equal), and its solid disc: the largest centred disc, in offsets relative to the radius,
    /// whose every lookup lands on a pixel equal to the centre pixel (a one-pixel margin keeps
    /// the float rounding of the lookup inside it).
    /// </summary>
    internal sealed class BokehWeights
    {
        public readonly float[] Red, Green, Blue, Alpha;
        public readonly Rect Domain;
        public readonly bool Grey, CheckDomain;
        public readonly float SolidRadiusSquared;

        /// <summary>Squared offset (in units of the radius) beyond which every lookup lands on +0 or outside the domain; +∞ where none.</summary>
        public readonly float ClearRadiusSquared;
        public readonly float[] SolidValues = new float[4];

        /// <summary>The bokeh buffer these weights were made from.</summary>
        public MemoryBuffer Source { get; }

        public BokehWeights(MemoryBuffer bokeh, Rect domain)
        {
            Source = bokeh;
            Domain = domain;
            // Lookups land in [1, 511] (|d| < radius); only a smaller domain needs the bounds test.
            CheckDomain = !(domain.XMin <= 1 && domain.YMin <= 1 && domain.XMax >= 512 && domain.YMax >= 512);
            int length = Math.Max(1, domain.Width * domain.Height);
            float[] data = bokeh.DangerousGetArray();
            Grey = true;
            for (int y = domain.YMin; y < domain.YMax && Grey; y++)
            {
                int bi = bokeh.IndexOf(domain.XMin, y);
                for (int i = 0; i < domain.Width; i++, bi += 4)
                {
                    int v = BitConverter.SingleToInt32Bits(data[bi]);
                    if (v != BitConverter.SingleToInt32Bits(data[bi + 1]) || v != BitConverter.SingleToInt32Bits(data[bi + 2])
                        || v != BitConverter.SingleToInt32Bits(data[bi + 3]))
                    {
                        Grey = false;
                        break;
                    }
                }
            }

            Red = new float[length];
            Green = Grey ? Red : new float[length];
            Blue = Grey ? Red : new float[length];
            Alpha = Grey ? Red : new float[length];
            for (int y = domain.YMin; y < domain.YMax; y++)
            {
                int bi = bokeh.IndexOf(domain.XMin, y), p = (y - domain.YMin) * domain.Width;
                for (int i = 0; i < domain.Width; i++, bi += 4, p++)
                {
                    Red[p] = data[bi];
                    if (Grey) continue;
                    Green[p] = data[bi + 1];
                    Blue[p] = data[bi + 2];
                    Alpha[p] = data[bi + 3];
                }
            }

            SolidRadiusSquared = SolidDisc(bokeh, data, domain, SolidValues);
            ClearRadiusSquared = ClearDisc(bokeh, data, domain);
        }

        /// <summary>The squared radius (in units of the blur radius) outside which every pixel is +0 in all channels, or +∞.</summary>
        private static float ClearDisc(MemoryBuffer bokeh, float[] data, Rect domain)
        {
            const int Centre = (int)Half;
            // Pixel p holds offsets up to max(|p − 256|, |p − 255|) / 255 away.
            double farthest = 0;
            for (int v = domain.YMin; v < domain.YMax; v++)
            {
                double oy = Math.Max(Math.Abs(v - Centre), Math.Abs(v + 1 - Centre)) / (double)Span;
                int bi = bokeh.IndexOf(domain.XMin, v);
                for (int u = domain.XMin; u < domain.XMax; u++, bi += 4)
                {
                    if (data[bi] is 0 && data[bi + 1] is 0 && data[bi + 2] is 0 && data[bi + 3] is 0
                        && !float.IsNegative(data[bi]) && !float.IsNegative(data[bi + 1]) && !float.IsNegative(data[bi + 2]) && !float.IsNegative(data[bi + 3]))
                        continue;
                    double ox = Math.Max(Math.Abs(u - Centre), Math.Abs(u + 1 - Centre)) / (double)Span;
                    farthest = Math.Max(farthest, ox * ox + oy * oy);
                }
            }

            // One pixel of margin, as for the solid disc.
            double clear = Math.Sqrt(farthest) + 1.0 / Span;
            return clear >= 2 ? float.PositiveInfinity : (float)(clear * clear);
        }

        /// <summary>
        /// The squared radius (in units of the blur radius) of the solid disc, or −1 where there is
        /// none; <paramref name="values"/> gets the centre pixel.
        /// </summary>
        private static float SolidDisc(MemoryBuffer bokeh, float[] data, Rect domain, float[] values)
        {
            const int Centre = (int)Half;
            if (!domain.Contains(Centre, Centre) || !domain.Contains(Centre - 1, Centre - 1)) return -1f;
            int ci = bokeh.IndexOf(Centre, Centre);
            for (int c = 0; c < 4; c++) values[c] = data[ci + c];
            // Offset d maps to pixel ⌊256 + d·255⌋: pixel p holds offsets [(p − 256) / 255, (p − 255) / 255).
            double nearest = double.MaxValue;
            for (int v = 0; v < VariableSizeBokehBlurOperation.BokehPixels; v++)
            {
                double oy = Math.Max(0, Math.Max(v - Centre, Centre - 1 - v)) / (double)Span;
                for (int u = 0; u < VariableSizeBokehBlurOperation.BokehPixels; u++)
                {
                    double ox = Math.Max(0, Math.Max(u - Centre, Centre - 1 - u)) / (double)Span;
                    double d2 = ox * ox + oy * oy;
                    if (d2 >= nearest) continue;
                    if (domain.Contains(u, v))
                    {
                        int bi = bokeh.IndexOf(u, v);
                        if (Same(data[bi], values[0]) && Same(data[bi + 1], values[1]) && Same(data[bi + 2], values[2]) && Same(data[bi + 3], values[3]))
                            continue;
                    }

                    nearest = d2;
                }
            }

            // One pixel (1/255 of the radius) of margin for the rounding of d / radius.
            double solid = Math.Sqrt(nearest) - 1.0 / Span;
            return solid <= 0 ? -1f : (float)(solid * solid);
        }

        private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);
    }
}
