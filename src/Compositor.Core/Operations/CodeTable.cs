using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Operations;

/// <summary>
/// A float per 8-bit code and channel (4 × 256), looked up for RGBA code pixels 64 at a time with
/// byte permutes instead of gathers: the codes are split into channel planes, each of a float's four
/// bytes has its own 256-entry table per channel, and a 64-lane byte permute reads 128 entries of one
/// at once. The floats come out with the bits they were given; pixels past the last 64 are read
/// from the table one by one.
/// </summary>
internal sealed class CodeTable
{
    // Per float byte j, channel c and half h (codes 0..127, 128..255): 128 table bytes as two vectors.
    private readonly Vector512<byte>[] _bytes = new Vector512<byte>[4 * 4 * 2 * 2];
    private readonly float[] _values;

    /// <summary>Whether <see cref="Decode"/> runs vectorized here (AVX-512 VBMI); elsewhere it reads the table per sample.</summary>
    public static bool IsAccelerated => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    /// <summary>Makes the table: <paramref name="values"/>[c * 256 + code] is the float of <c>code</c> in channel c.</summary>
    public CodeTable(ReadOnlySpan<float> values)
    {
        if (values.Length != 4 * 256) throw new ArgumentException("a code table holds 4 x 256 values", nameof(values));
        _values = values.ToArray();
        Span<byte> plane = stackalloc byte[128];
        for (int j = 0; j < 4; j++)
            for (int c = 0; c < 4; c++)
                for (int h = 0; h < 2; h++)
                {
                    for (int k = 0; k < 128; k++) plane[k] = (byte)(BitConverter.SingleToUInt32Bits(values[c * 256 + h * 128 + k]) >> (8 * j));
                    int at = ((j * 4 + c) * 2 + h) * 2;
                    _bytes[at] = Vector512.Create((ReadOnlySpan<byte>)plane[..64]);
                    _bytes[at + 1] = Vector512.Create((ReadOnlySpan<byte>)plane[64..]);
                }
    }

    /// <summary>Writes the floats of <paramref name="pixels"/> RGBA code pixels of <paramref name="codes"/> into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(ReadOnlySpan<byte> codes, Span<float> output, int pixels)
    {
        if (codes.Length < 4 * pixels || output.Length < 4 * pixels) throw new ArgumentException($"spans too short for {pixels} pixels");
        int done = 0;
        if (IsAccelerated)
        {
            var reorder = InLaneOrder;
            var bytes = _bytes;
            for (; done + 64 <= pixels; done += 64) Decode64(bytes, reorder, codes.Slice(4 * done, 256), output.Slice(4 * done, 256));
        }

        var values = _values;
        for (int i = 4 * done; i < 4 * pixels; i += 4)
        {
            output[i] = values[codes[i]];
            output[i + 1] = values[256 + codes[i + 1]];
            output[i + 2] = values[512 + codes[i + 2]];
            output[i + 3] = values[768 + codes[i + 3]];
        }
    }

    /// <summary>
    /// How a plane's 64 codes are reordered before their lookups: the byte and word interleaves that
    /// join float bytes work within 128-bit lanes, and this order makes them give the pixels in order.
    /// </summary>
    private static Vector512<byte> InLaneOrder => Vector512.Create(
        (byte)0, 1, 2, 3, 16, 17, 18, 19, 32, 33, 34, 35, 48, 49, 50, 51,
        4, 5, 6, 7, 20, 21, 22, 23, 36, 37, 38, 39, 52, 53, 54, 55,
        8, 9, 10, 11, 24, 25, 26, 27, 40, 41, 42, 43, 56, 57, 58, 59,
        12, 13, 14, 15, 28, 29, 30, 31, 44, 45, 46, 47, 60, 61, 62, 63);

    /// <summary>
    /// Writes the floats of <paramref name="pixels"/> RGBA code pixels of <paramref name="codes"/> as
    /// channel planes (see <see cref="PlanarPixels"/>) into <paramref name="planes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void DecodePlanes(ReadOnlySpan<byte> codes, Span<float> planes, int pixels)
    {
        if (codes.Length < 4 * pixels || planes.Length < 4 * pixels) throw new ArgumentException($"spans too short for {pixels} pixels");
        int done = 0;
        var values = _values;
        if (IsAccelerated)
        {
            var bytes = _bytes;
            var reorder = InLaneOrder;
            for (; done + 64 <= pixels; done += 64)
            {
                CodePlanes(codes.Slice(4 * done, 256), out var red, out var green, out var blue, out var alpha);
                StorePlane(bytes, 0, Avx512Vbmi.PermuteVar64x8(red, reorder), planes.Slice(done, 64));
                StorePlane(bytes, 1, Avx512Vbmi.PermuteVar64x8(green, reorder), planes.Slice(pixels + done, 64));
                StorePlane(bytes, 2, Avx512Vbmi.PermuteVar64x8(blue, reorder), planes.Slice(2 * pixels + done, 64));
                var alphaPlane = planes.Slice(3 * pixels + done, 64);
                if (alpha == Vector512.Create(alpha.ToScalar()))
                {
                    // One alpha for all 64 pixels (an opaque image): no lookups for it.
                    var value = Vector512.Create(values[768 + alpha.ToScalar()]);
                    value.CopyTo(alphaPlane[..16]);
                    value.CopyTo(alphaPlane.Slice(16, 16));
                    value.CopyTo(alphaPlane.Slice(32, 16));
                    value.CopyTo(alphaPlane.Slice(48, 16));
                }
                else
                {
                    StorePlane(bytes, 3, Avx512Vbmi.PermuteVar64x8(alpha, reorder), alphaPlane);
                }
            }
        }

        for (int x = done; x < pixels; x++)
            for (int c = 0; c < 4; c++) planes[c * pixels + x] = values[c * 256 + codes[4 * x + c]];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePlane(Vector512<byte>[] bytes, int channel, Vector512<byte> code, Span<float> plane)
    {
        PlaneFloats(bytes, channel, code, out var f0, out var f1, out var f2, out var f3);
        f0.CopyTo(plane[..16]);
        f1.CopyTo(plane.Slice(16, 16));
        f2.CopyTo(plane.Slice(32, 16));
        f3.CopyTo(plane.Slice(48, 16));
    }

    /// <summary>The codes of 64 pixels split by channel: each plane holds its channel's 64 codes in pixel order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CodePlanes(ReadOnlySpan<byte> codes, out Vector512<byte> red, out Vector512<byte> green, out Vector512<byte> blue, out Vector512<byte> alpha)
    {
        // Each 16-pixel vector's bytes grouped by channel, one 128-bit lane per channel, then the lanes transposed.
        var byChannel = Vector512.Create(
            (byte)0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60,
            1, 5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45, 49, 53, 57, 61,
            2, 6, 10, 14, 18, 22, 26, 30, 34, 38, 42, 46, 50, 54, 58, 62,
            3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47, 51, 55, 59, 63);
        var g0 = Avx512Vbmi.PermuteVar64x8(Vector512.Create(codes[..64]), byChannel).AsUInt32();
        var g1 = Avx512Vbmi.PermuteVar64x8(Vector512.Create(codes.Slice(64, 64)), byChannel).AsUInt32();
        var g2 = Avx512Vbmi.PermuteVar64x8(Vector512.Create(codes.Slice(128, 64)), byChannel).AsUInt32();
        var g3 = Avx512Vbmi.PermuteVar64x8(Vector512.Create(codes.Slice(192, 64)), byChannel).AsUInt32();
        var t0 = Avx512F.Shuffle4x128(g0, g1, 0b01_00_01_00);
        var t1 = Avx512F.Shuffle4x128(g0, g1, 0b11_10_11_10);
        var t2 = Avx512F.Shuffle4x128(g2, g3, 0b01_00_01_00);
        var t3 = Avx512F.Shuffle4x128(g2, g3, 0b11_10_11_10);
        red = Avx512F.Shuffle4x128(t0, t2, 0b10_00_10_00).AsByte();
        green = Avx512F.Shuffle4x128(t0, t2, 0b11_01_11_01).AsByte();
        blue = Avx512F.Shuffle4x128(t1, t3, 0b10_00_10_00).AsByte();
        alpha = Avx512F.Shuffle4x128(t1, t3, 0b11_01_11_01).AsByte();
    }

    /// <summary>
    /// 64 pixels by channel planes: the codes are split into an R, G, B and A plane, each plane's
    /// float bytes read from its own channel's tables (two permutes per float byte), the bytes joined
    /// into floats, and the four planes interleaved back into pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Decode64(Vector512<byte>[] bytes, Vector512<byte> reorder, ReadOnlySpan<byte> codes, Span<float> output)
    {
        CodePlanes(codes, out var red, out var green, out var blue, out var alpha);
        PlaneFloats(bytes, 0, Avx512Vbmi.PermuteVar64x8(red, reorder), out var r0, out var r1, out var r2, out var r3);
        PlaneFloats(bytes, 1, Avx512Vbmi.PermuteVar64x8(green, reorder), out var g0, out var g1, out var g2, out var g3);
        PlaneFloats(bytes, 2, Avx512Vbmi.PermuteVar64x8(blue, reorder), out var b0, out var b1, out var b2, out var b3);
        PlaneFloats(bytes, 3, Avx512Vbmi.PermuteVar64x8(alpha, reorder), out var a0, out var a1, out var a2, out var a3);
        PlanarPixels.Join16(r0, g0, b0, a0, output[..64]);
        PlanarPixels.Join16(r1, g1, b1, a1, output.Slice(64, 64));
        PlanarPixels.Join16(r2, g2, b2, a2, output.Slice(128, 64));
        PlanarPixels.Join16(r3, g3, b3, a3, output.Slice(192, 64));
    }

    /// <summary>
    /// Channel <paramref name="channel"/>'s floats for a plane of 64 codes, as four vectors: vector k
    /// holds, in 128-bit lane L, the floats of the codes at 16 L + 4 k .. + 3 (the byte interleaves
    /// work within lanes), so codes put in <see cref="InLaneOrder"/> come out as floats 16 k .. 16 k + 15.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PlaneFloats(Vector512<byte>[] bytes, int channel, Vector512<byte> code,
        out Vector512<float> f0, out Vector512<float> f1, out Vector512<float> f2, out Vector512<float> f3)
    {
        var upper = Vector512.LessThan(code.AsSByte(), Vector512<sbyte>.Zero).AsByte();
        var byte0 = Half(bytes, channel * 4, code, upper);
        var byte1 = Half(bytes, 16 + channel * 4, code, upper);
        var byte2 = Half(bytes, 32 + channel * 4, code, upper);
        var byte3 = Half(bytes, 48 + channel * 4, code, upper);
        var low01 = Avx512BW.UnpackLow(byte0, byte1).AsUInt16();
        var high01 = Avx512BW.UnpackHigh(byte0, byte1).AsUInt16();
        var low23 = Avx512BW.UnpackLow(byte2, byte3).AsUInt16();
        var high23 = Avx512BW.UnpackHigh(byte2, byte3).AsUInt16();
        f0 = Avx512BW.UnpackLow(low01, low23).AsSingle();
        f1 = Avx512BW.UnpackHigh(low01, low23).AsSingle();
        f2 = Avx512BW.UnpackLow(high01, high23).AsSingle();
        f3 = Avx512BW.UnpackHigh(high01, high23).AsSingle();
    }

    /// <summary>One channel's table byte for every lane: the lower or upper 128 codes' half, by the lane's top bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Half(Vector512<byte>[] bytes, int channelAt, Vector512<byte> code, Vector512<byte> upper)
    {
        var lower = Avx512Vbmi.PermuteVar64x8x2(bytes[channelAt], code, bytes[channelAt + 1]);
        var higher = Avx512Vbmi.PermuteVar64x8x2(bytes[channelAt + 2], code, bytes[channelAt + 3]);
        return Vector512.ConditionalSelect(upper, higher, lower);
    }
}
