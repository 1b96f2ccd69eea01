using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>The part an Alpha Over variant changes: when the first image shows through, and the blend otherwise.</summary>
internal interface IAlphaOverBlend
{
    /// <summary>Lanes of pixels whose second image's alpha leaves the first image as it is.</summary>
    Vector512<float> KeepsFirst(Vector512<float> over);

    /// <summary>The blend of four pixels, lane for lane the scalar form's operations.</summary>
    Vector512<float> Blend(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> over);
}

/// <summary>The Alpha Over row loop four pixels at a time (the variants' scalar loops do the tails).</summary>
internal static class AlphaOverKernels
{
    /// <summary>
    /// Writes whole blocks of four pixels: the first image where <see cref="IAlphaOverBlend.KeepsFirst"/>,
    /// else the second where the factor is 1 and its alpha at least 1, else the blend — the scalar
    /// loops' order of tests. Returns the pixels done (0 without 512-bit vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows<T>(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, T blend)
        where T : struct, IAlphaOverBlend
    {
        if (!Vector512.IsHardwareAccelerated) return 0;
        var alphaOfPixel = Vector512.Create(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
        var one = Vector512<float>.One;
        int x = 0;
        for (; x + 4 <= width; x += 4)
        {
            int i = x * 4;
            var va = Vector512.Create(a.Slice(i, 16));
            var vb = Vector512.Create(b.Slice(i, 16));
            var f = VectorMath.PerPixel4(fac, x);
            var over = Vector512.Shuffle(vb, alphaOfPixel);
            var second = Vector512.Equals(f, one) & Vector512.GreaterThanOrEqual(over, one);
            var r = Vector512.ConditionalSelect(second, vb, blend.Blend(va, vb, f, over));
            Vector512.ConditionalSelect(blend.KeepsFirst(over), va, r).CopyTo(o.Slice(i, 16));
        }

        return x;
    }
}
