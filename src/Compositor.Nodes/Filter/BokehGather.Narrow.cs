using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Compositor.Imaging;

namespace Compositor.Nodes.Filter;

// The 256-bit form of the gather: the same steps as the 512-bit Group, eight centre pixels at a
// time, so machines with AVX2 but not AVX-512 keep the vectorized gather (same bits). It is written
// out twice on purpose: one generic Group over both widths (wrapper structs of Vector512 and
// Vector256 with operators, since their generic-math interfaces are not public) gave the same bits
// but ran the defocus 15-25 % slower (523 -> 667 ms wide, 920 -> 1018 ms narrow, measured side by side).
internal static partial class BokehGather
{
    private const int NarrowLanes = 8;

    /// <summary><see cref="Group"/> eight pixels at a time, for machines without AVX-512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void NarrowGroup(Span<float> dst, int x0, int y, int count, int window, in Planes planes, BokehWeights weights, Rect canvas, float threshold)
    {
        var iota = Vector256.Create(0f, 1, 2, 3, 4, 5, 6, 7);
        var thresholdV = Vector256.Create(threshold);
        fixed (float* sizes = planes.Size, red = planes.Red, green = planes.Green, blue = planes.Blue, alpha = planes.Alpha)
        fixed (float* w0 = weights.Red, w1 = weights.Green, w2 = weights.Blue, w3 = weights.Alpha)
        {
            int centreIndex = planes.IndexOf(x0, y);
            var valid = Vector256.LessThan(iota, Vector256.Create((float)count));
            var centre = Vector256.Load(sizes + centreIndex);
            var active = valid & Vector256.GreaterThan(centre, thresholdV);
            var sharpR = Vector256.Load(red + centreIndex);
            var sharpG = Vector256.Load(green + centreIndex);
            var sharpB = Vector256.Load(blue + centreIndex);
            var sharpA = Vector256.Load(alpha + centreIndex);
            Vector256<float> cr = sharpR, cg = sharpG, cb = sharpB, ca = sharpA;
            Vector256<float> wr = Vector256<float>.One, wg = wr, wb = wr, wa = wr;
            if (!None(active))
            {
                // Inactive lanes get radius 0, which no offset passes.
                var limited = Vector256.ConditionalSelect(active, centre, Vector256<float>.Zero);
                float largest = 0f;
                for (int lane = 0; lane < NarrowLanes; lane++) largest = MathF.Max(largest, limited.GetElement(lane));
                // A neighbour needs |d| < its radius ≤ its centre's; Blender's window is [−window, window).
                int reach = (int)MathF.Min(MathF.Ceiling(largest) - 1f, window);
                int dyMin = Math.Max(-reach, canvas.YMin - y), dyMax = Math.Min(Math.Min(reach, window - 1), canvas.YMax - 1 - y);
                int dxMin = -reach, dxMax = Math.Min(reach, window - 1);
                var bx = Vector256.Create((float)weights.Domain.XMin);
                var bxEnd = Vector256.Create((float)weights.Domain.XMax);
                var by = Vector256.Create((float)weights.Domain.YMin);
                var byEnd = Vector256.Create((float)weights.Domain.YMax);
                var domainWidth = Vector256.Create((float)weights.Domain.Width);
                var origin = Vector256.Create((float)weights.Domain.YMin * weights.Domain.Width + weights.Domain.XMin);
                var half = Vector256.Create(Half);
                var span = Vector256.Create(Span);
                bool grey = weights.Grey, checkDomain = weights.CheckDomain;
                var solidRadius = Vector256.Create(weights.SolidRadiusSquared);
                // Beyond the clear radius the aperture is +0: with ordinary pixels those neighbours change no sum.
                var clearRadius = Vector256.Create(planes.Ordinary ? weights.ClearRadiusSquared : float.PositiveInfinity);
                var solidR = Vector256.Create(weights.SolidValues[0]);
                var solidG = Vector256.Create(weights.SolidValues[1]);
                var solidB = Vector256.Create(weights.SolidValues[2]);
                var solidA = Vector256.Create(weights.SolidValues[3]);
                for (int dy = dyMin; dy <= dyMax; dy++)
                {
                    int row = planes.IndexOf(x0, y + dy);
                    var dyV = Vector256.Create((float)dy);
                    float ady = MathF.Abs(dy);
                    for (int dx = dxMin; dx <= dxMax; dx++)
                    {
                        if (dx == 0 && dy == 0) continue;
                        // Counts when min(size, centre) exceeds the threshold, |dx| and |dy|.
                        // vminps returns its second operand when either is NaN: a NaN size fails every test below.
                        var radius = Avx.Min(limited, Vector256.Load(sizes + row + dx));
                        var counts = Vector256.GreaterThan(radius, Vector256.Create(MathF.Max(threshold, MathF.Max(MathF.Abs(dx), ady))));
                        if (None(counts)) continue;
                        int n = row + dx;
                        // Where every counted lane's offset lies well inside the aperture's solid disc,
                        // its bokeh pixel is known without the division, the floor and the gather.
                        var distance = Vector256.Create((float)dx * dx + (float)dy * dy);
                        var radius2 = radius * radius;
                        if (None(counts & ~Vector256.GreaterThan(distance, radius2 * clearRadius))) continue;
                        if (None(counts & ~Vector256.LessThan(distance, radius2 * solidRadius)))
                        {
                            cr = Vector256.ConditionalSelect(counts, cr + solidR * Vector256.Load(red + n), cr);
                            cg = Vector256.ConditionalSelect(counts, cg + solidG * Vector256.Load(green + n), cg);
                            cb = Vector256.ConditionalSelect(counts, cb + solidB * Vector256.Load(blue + n), cb);
                            ca = Vector256.ConditionalSelect(counts, ca + solidA * Vector256.Load(alpha + n), ca);
                            wr = Vector256.ConditionalSelect(counts, wr + solidR, wr);
                            if (grey) continue;
                            wg = Vector256.ConditionalSelect(counts, wg + solidG, wg);
                            wb = Vector256.ConditionalSelect(counts, wb + solidB, wb);
                            wa = Vector256.ConditionalSelect(counts, wa + solidA, wa);
                            continue;
                        }

                        var dxV = Vector256.Create((float)dx);
                        var u = Vector256.Floor(half + dxV / radius * span);
                        var v = Vector256.Floor(half + dyV / radius * span);
                        if (checkDomain)
                        {
                            counts &= Vector256.GreaterThanOrEqual(u, bx) & Vector256.LessThan(u, bxEnd)
                                & Vector256.GreaterThanOrEqual(v, by) & Vector256.LessThan(v, byEnd);
                            if (None(counts)) continue;
                        }

                        var index = Vector256.ConvertToInt32(v * domainWidth + u - origin);
                        var br = Gather(w0, index, counts);
                        cr = Vector256.ConditionalSelect(counts, cr + br * Vector256.Load(red + n), cr);
                        wr = Vector256.ConditionalSelect(counts, wr + br, wr);
                        if (grey)
                        {
                            cg = Vector256.ConditionalSelect(counts, cg + br * Vector256.Load(green + n), cg);
                            cb = Vector256.ConditionalSelect(counts, cb + br * Vector256.Load(blue + n), cb);
                            ca = Vector256.ConditionalSelect(counts, ca + br * Vector256.Load(alpha + n), ca);
                        }
                        else
                        {
                            var bg = Gather(w1, index, counts);
                            var bb = Gather(w2, index, counts);
                            var ba = Gather(w3, index, counts);
                            cg = Vector256.ConditionalSelect(counts, cg + bg * Vector256.Load(green + n), cg);
                            cb = Vector256.ConditionalSelect(counts, cb + bb * Vector256.Load(blue + n), cb);
                            ca = Vector256.ConditionalSelect(counts, ca + ba * Vector256.Load(alpha + n), ca);
                            wg = Vector256.ConditionalSelect(counts, wg + bg, wg);
                            wb = Vector256.ConditionalSelect(counts, wb + bb, wb);
                            wa = Vector256.ConditionalSelect(counts, wa + ba, wa);
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
            var fade = active & Vector256.LessThan(centre, thresholdV * Vector256.Create(2f));
            if (!None(fade))
            {
                var f = (centre - thresholdV) / thresholdV;
                var g = Vector256<float>.One - f;
                rr = Vector256.ConditionalSelect(fade, g * sharpR + f * rr, rr);
                rg = Vector256.ConditionalSelect(fade, g * sharpG + f * rg, rg);
                rb = Vector256.ConditionalSelect(fade, g * sharpB + f * rb, rb);
                ra = Vector256.ConditionalSelect(fade, g * sharpA + f * ra, ra);
            }

            Interleave(dst, count, rr, rg, rb, ra);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool None(Vector256<float> mask) => mask.AsInt32() == Vector256<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Gather(float* table, Vector256<int> index, Vector256<float> mask) =>
        Avx2.GatherMaskVector256(Vector256<float>.Zero, table, index, mask, 4);

    private static void Interleave(Span<float> dst, int count, Vector256<float> r, Vector256<float> g, Vector256<float> b, Vector256<float> a)
    {
        for (int i = 0; i < count; i++)
        {
            dst[4 * i] = r.GetElement(i);
            dst[4 * i + 1] = g.GetElement(i);
            dst[4 * i + 2] = b.GetElement(i);
            dst[4 * i + 3] = a.GetElement(i);
        }
    }
}
