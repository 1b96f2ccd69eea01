using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Compositor.Imaging.Sampling;

public readonly partial struct Sampler
{
    /// <summary>
    /// Bilinear samples of a 4-channel buffer at (<paramref name="xs"/>[i], <paramref name="ys"/>[i])
    /// into <paramref name="dst"/> (4 floats each): the same values as <see cref="Bilinear4"/> per
    /// point, to the bit. Eight points at a time find their taps and weights together; where all
    /// eight footprints lie inside the buffer and the domain their taps are read directly.
    /// </summary>
    public void Bilinear4Row(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, Span<float> dst)
    {
        int n = xs.Length;
        if (ys.Length < n || dst.Length < n * 4) throw new ArgumentException("ys and dst must hold a point (4 floats) for each x");
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        ref float d0 = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && _channels == 4 && !_single)
        {
            Span<int> offsets = stackalloc int[8];
            Span<int> right = stackalloc int[8];
            Span<int> down = stackalloc int[8];
            Span<float> weights = stackalloc float[32];
            ref float data = ref MemoryMarshal.GetArrayDataReference(_data);
            var innerX = Vector256.Create(_innerX);
            var innerY = Vector256.Create(_innerY);
            var pairsX = Vector256.Create(_innerPairsX);
            var pairsY = Vector256.Create(_innerPairsY);
            var rectX = Vector256.Create(_rect.XMin);
            var rectY = Vector256.Create(_rect.YMin);
            var stride = Vector256.Create(_stride);
            var one = Vector256<float>.One;
            // Clip mode reads zero at every tap outside the buffer or the domain: a footprint wholly
            // outside them (a rotated image's empty corners) is zero without reading anything.
            bool clip = _edgeX == EdgeMode.Clip && _edgeY == EdgeMode.Clip;
            var innerX0 = Vector256.Create(_innerX - 1);
            var innerY0 = Vector256.Create(_innerY - 1);
            var width = Vector256.Create(_innerWidth);
            var height = Vector256.Create(_innerHeight);
            ref int offset = ref MemoryMarshal.GetReference(offsets);
            ref int rightStep = ref MemoryMarshal.GetReference(right);
            ref int downStep = ref MemoryMarshal.GetReference(down);
            ref float weight = ref MemoryMarshal.GetReference(weights);
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector256.LoadUnsafe(ref x0, (nuint)i);
                var y = Vector256.LoadUnsafe(ref y0, (nuint)i);
                var fx = Vector256.Floor(x);
                var fy = Vector256.Floor(y);
                // Out-of-range and NaN coordinates convert to a value outside: the scalar path takes them.
                var x1 = Vector256.ConvertToInt32(fx);
                var y1 = Vector256.ConvertToInt32(fy);
                var a = x - fx;
                var b = y - fy;
                var inside = Vector256.LessThan((x1 - innerX).AsUInt32(), pairsX) & Vector256.LessThan((y1 - innerY).AsUInt32(), pairsY);
                var o11 = (y1 - rectY) * stride + ((x1 - rectX) << 2);
                o11.CopyTo(offsets);
                Vector256.ConditionalSelect(Vector256.GreaterThan(a, Vector256<float>.Zero).AsInt32(), Vector256.Create(4), Vector256<int>.Zero).CopyTo(right);
                Vector256.ConditionalSelect(Vector256.GreaterThan(b, Vector256<float>.Zero).AsInt32(), stride, Vector256<int>.Zero).CopyTo(down);
                var ma = one - a;
                var mb = one - b;
                (ma * mb).CopyTo(weights);
                (a * mb).CopyTo(weights[8..]);
                (ma * b).CopyTo(weights[16..]);
                (a * b).CopyTo(weights[24..]);
                if (inside == Vector256<uint>.AllBitsSet)
                {
                    for (int k = 0; k < 8; k++) Gather(ref data, ref offset, ref rightStep, ref downStep, ref weight, k).StoreUnsafe(ref d0, (nuint)((i + k) * 4));
                    continue;
                }

                uint insideLanes = inside.ExtractMostSignificantBits();
                uint outsideLanes = 0;
                if (clip)
                {
                    // Both taps of an axis outside, and finite weights (NaN or infinite positions give NaN).
                    var outside = Vector256.GreaterThan((x1 - innerX0).AsUInt32(), width) | Vector256.GreaterThan((y1 - innerY0).AsUInt32(), height);
                    var finite = Vector256.Equals(a, a) & Vector256.Equals(b, b);
                    outsideLanes = (outside & finite.AsUInt32()).ExtractMostSignificantBits();
                }

                for (int k = 0; k < 8; k++)
                {
                    var v = (insideLanes >> k & 1) != 0 ? Gather(ref data, ref offset, ref rightStep, ref downStep, ref weight, k)
                        : (outsideLanes >> k & 1) != 0 ? Vector128<float>.Zero
                        : Bilinear4(Unsafe.Add(ref x0, i + k), Unsafe.Add(ref y0, i + k));
                    v.StoreUnsafe(ref d0, (nuint)((i + k) * 4));
                }
            }
        }

        for (; i < n; i++)
            Bilinear4(Unsafe.Add(ref x0, i), Unsafe.Add(ref y0, i)).StoreUnsafe(ref d0, (nuint)(i * 4));
    }

    /// <summary>Lane <paramref name="k"/> of eight prepared footprints: four taps in <see cref="Bilinear4"/>'s order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Gather(ref float data, ref int offset, ref int right, ref int down, ref float weight, int k)
    {
        int p11 = Unsafe.Add(ref offset, k), p21 = p11 + Unsafe.Add(ref right, k);
        int step = Unsafe.Add(ref down, k);
        var v = Vector128.LoadUnsafe(ref data, (nuint)p11) * Unsafe.Add(ref weight, k);
        v += Vector128.LoadUnsafe(ref data, (nuint)p21) * Unsafe.Add(ref weight, 8 + k);
        v += Vector128.LoadUnsafe(ref data, (nuint)(p11 + step)) * Unsafe.Add(ref weight, 16 + k);
        v += Vector128.LoadUnsafe(ref data, (nuint)(p21 + step)) * Unsafe.Add(ref weight, 24 + k);
        return v;
    }
}
