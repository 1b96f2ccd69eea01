using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Compositor.Operations;

/// <summary>
/// A float per 8-bit code and channel (4 × 256), looked up for RGBA code pixels 16 at a time with
/// byte permutes instead of gathers: each of a float's four bytes has its own 256-entry table per
/// channel, and a 64-lane byte permute reads 128 entries of one at once. The floats come out with
/// the bits they were given.
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

    /// <summary>The float of <paramref name="code"/> in channel <paramref name="channel"/>.</summary>
    public float this[int channel, int code] => _values[channel * 256 + code];

    /// <summary>Writes the floats of <paramref name="pixels"/> RGBA code pixels of <paramref name="codes"/> into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(ReadOnlySpan<byte> codes, Span<float> output, int pixels)
    {
        if (codes.Length < 4 * pixels || output.Length < 4 * pixels) throw new ArgumentException($"spans too short for {pixels} pixels");
        int done = 0;
        if (IsAccelerated)
        {
            // Lanes are reordered first so that the byte and word interleaves at the end, which work
            // within 128-bit lanes, put the 64 floats back in pixel order.
            var reorder = Vector512.Create(
                (byte)0, 1, 2, 3, 16, 17, 18, 19, 32, 33, 34, 35, 48, 49, 50, 51,
                4, 5, 6, 7, 20, 21, 22, 23, 36, 37, 38, 39, 52, 53, 54, 55,
                8, 9, 10, 11, 24, 25, 26, 27, 40, 41, 42, 43, 56, 57, 58, 59,
                12, 13, 14, 15, 28, 29, 30, 31, 44, 45, 46, 47, 60, 61, 62, 63);
            var bytes = _bytes;
            for (; done + 16 <= pixels; done += 16)
            {
                var code = Avx512Vbmi.PermuteVar64x8(Vector512.Create(codes.Slice(4 * done, 64)), reorder);
                // Lanes whose code is 128 or more read the second half of their channel's table.
                var upper = Vector512.LessThan(code.AsSByte(), Vector512<sbyte>.Zero).AsByte();
                var byte0 = FloatByte(bytes, 0, code, upper);
                var byte1 = FloatByte(bytes, 1, code, upper);
                var byte2 = FloatByte(bytes, 2, code, upper);
                var byte3 = FloatByte(bytes, 3, code, upper);
                var low01 = Avx512BW.UnpackLow(byte0, byte1).AsUInt16();
                var high01 = Avx512BW.UnpackHigh(byte0, byte1).AsUInt16();
                var low23 = Avx512BW.UnpackLow(byte2, byte3).AsUInt16();
                var high23 = Avx512BW.UnpackHigh(byte2, byte3).AsUInt16();
                var o = output.Slice(4 * done, 64);
                Avx512BW.UnpackLow(low01, low23).AsSingle().CopyTo(o);
                Avx512BW.UnpackHigh(low01, low23).AsSingle().CopyTo(o[16..]);
                Avx512BW.UnpackLow(high01, high23).AsSingle().CopyTo(o[32..]);
                Avx512BW.UnpackHigh(high01, high23).AsSingle().CopyTo(o[48..]);
            }
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

    /// <summary>Byte <paramref name="j"/> of every lane's float: each lane (R, G, B, A in turn) from its channel's table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> FloatByte(Vector512<byte>[] bytes, int j, Vector512<byte> code, Vector512<byte> upper)
    {
        int at = j * 16;
        var red = Half(bytes, at, code, upper);
        var green = Half(bytes, at + 4, code, upper);
        var blue = Half(bytes, at + 8, code, upper);
        var alpha = Half(bytes, at + 12, code, upper);
        var redLanes = Vector512.Create(0x000000FFu).AsByte();
        var greenLanes = Vector512.Create(0x0000FF00u).AsByte();
        var blueLanes = Vector512.Create(0x00FF0000u).AsByte();
        return Vector512.ConditionalSelect(redLanes, red, Vector512.ConditionalSelect(greenLanes, green, Vector512.ConditionalSelect(blueLanes, blue, alpha)));
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
