using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Compositor.Operations;

namespace Compositor.Nodes.Operations;

/// <summary>
/// Sixteen interleaved RGBA pixels (64 floats) as four channel planes and back, with AVX-512
/// two-table permutes (eight each way). Per-channel work then needs no alpha lanes (a quarter of
/// the lanes of the interleaved layout), takes per-pixel rows as they are, and per-channel
/// constants as plain broadcasts. Callers check <see cref="IsSupported"/> first.
/// </summary>
internal static class RgbaPlanes
{
    /// <summary>Whether <see cref="Load"/> and <see cref="Store"/> run in hardware.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Splits pixels p..p + 15 (floats 0..63 of <paramref name="rgba"/>) into R, G, B and A planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(ReadOnlySpan<float> rgba, out Vector512<float> r, out Vector512<float> g, out Vector512<float> b, out Vector512<float> a) =>
        PlanarPixels.Split16(rgba, out r, out g, out b, out a);

    /// <summary>Interleaves the four planes back into 16 RGBA pixels (floats 0..63 of <paramref name="rgba"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> r, Vector512<float> g, Vector512<float> b, Vector512<float> a, Span<float> rgba) =>
        PlanarPixels.Join16(r, g, b, a, rgba);
}
