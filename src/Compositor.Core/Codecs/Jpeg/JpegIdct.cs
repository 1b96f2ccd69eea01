using System.Runtime.CompilerServices;

namespace Compositor.Codecs.Jpeg;

/// <summary>
/// The inverse DCT of an 8x8 block in 32-bit integer arithmetic, separable (columns, then rows),
/// with the Loeffler-Ligtenberg-Moschytz factorization (12 multiplies, 32 adds per 1-D pass) and
/// constants scaled by 2^13. This is the "accurate integer" method of the IJG decoders, so with it
/// our samples equal what libjpeg / libjpeg-turbo decode with their default settings.
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;

    // Round(x * 2^13) of the rotation constants of the factorization.
    private const int C0_298631336 = 2446;
    private const int C0_390180644 = 3196;
    private const int C0_541196100 = 4433;
    private const int C0_765366865 = 6270;
    private const int C0_899976223 = 7373;
    private const int C1_175875602 = 9633;
    private const int C1_501321110 = 12299;
    private const int C1_847759065 = 15137;
    private const int C1_961570560 = 16069;
    private const int C2_053119869 = 16819;
    private const int C2_562915447 = 20995;
    private const int C3_072711026 = 25172;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;

    /// <summary>
    /// Clamps a level-shifted sample to 0..255 the way the IJG range-limit table does: only the
    /// low 10 bits of the result take part, so absurd coefficients wrap exactly as in libjpeg.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte RangeLimit(int centered)
    {
        int m = centered & 1023;
        return m < 128 ? (byte)(m + 128) : m < 512 ? (byte)255 : m < 896 ? (byte)0 : (byte)(m - 896);
    }

    /// <summary>
    /// Dequantizes <paramref name="coefficients"/> (64, natural order) with <paramref name="quant"/>
    /// and writes the 8x8 samples to <paramref name="output"/> (rows <paramref name="stride"/> apart).
    /// </summary>
    public static unsafe void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<int> quant, Span<byte> output, int stride)
    {
        if (coefficients.Length < 64 || quant.Length < 64 || output.Length < 7 * stride + 8)
            throw new ArgumentException("block buffers too small");
        int* work = stackalloc int[64];
        fixed (short* c = coefficients)
        fixed (int* q = quant)
        fixed (byte* o = output)
        {
            Columns(c, q, work);
            Rows(work, o, stride);
        }
    }

    private static unsafe void Columns(short* c, int* q, int* work)
    {
        for (int col = 0; col < 8; col++)
        {
            if (c[8 + col] == 0 && c[16 + col] == 0 && c[24 + col] == 0 && c[32 + col] == 0
                && c[40 + col] == 0 && c[48 + col] == 0 && c[56 + col] == 0)
            {
                int dc = c[col] * q[col] << Pass1Bits;
                for (int row = 0; row < 64; row += 8) work[row + col] = dc;
                continue;
            }

            // Even part: rotation of coefficients 2 and 6, butterflies with 0 and 4.
            int z2 = c[16 + col] * q[16 + col];
            int z3 = c[48 + col] * q[48 + col];
            int z1 = (z2 + z3) * C0_541196100;
            int tmp2 = z1 + z3 * -C1_847759065;
            int tmp3 = z1 + z2 * C0_765366865;
            z2 = c[col] * q[col];
            z3 = c[32 + col] * q[32 + col];
            int tmp0 = (z2 + z3) << ConstBits;
            int tmp1 = (z2 - z3) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

            // Odd part: coefficients 7, 5, 3, 1.
            tmp0 = c[56 + col] * q[56 + col];
            tmp1 = c[40 + col] * q[40 + col];
            tmp2 = c[24 + col] * q[24 + col];
            tmp3 = c[8 + col] * q[8 + col];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int Shift = ConstBits - Pass1Bits;
            work[col] = Descale(tmp10 + tmp3, Shift);
            work[56 + col] = Descale(tmp10 - tmp3, Shift);
            work[8 + col] = Descale(tmp11 + tmp2, Shift);
            work[48 + col] = Descale(tmp11 - tmp2, Shift);
            work[16 + col] = Descale(tmp12 + tmp1, Shift);
            work[40 + col] = Descale(tmp12 - tmp1, Shift);
            work[24 + col] = Descale(tmp13 + tmp0, Shift);
            work[32 + col] = Descale(tmp13 - tmp0, Shift);
        }
    }

    private static unsafe void Rows(int* work, byte* output, int stride)
    {
        for (int row = 0; row < 8; row++)
        {
            int* w = work + row * 8;
            byte* o = output + row * stride;
            if (w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0)
            {
                byte value = RangeLimit(Descale(w[0], Pass1Bits + 3));
                *(ulong*)o = value * 0x0101010101010101UL;
                continue;
            }

            int z2 = w[2], z3 = w[6];
            int z1 = (z2 + z3) * C0_541196100;
            int tmp2 = z1 + z3 * -C1_847759065;
            int tmp3 = z1 + z2 * C0_765366865;
            int tmp0 = (w[0] + w[4]) << ConstBits;
            int tmp1 = (w[0] - w[4]) << ConstBits;
            int tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

            tmp0 = w[7];
            tmp1 = w[5];
            tmp2 = w[3];
            tmp3 = w[1];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int Shift = ConstBits + Pass1Bits + 3;
            o[0] = RangeLimit(Descale(tmp10 + tmp3, Shift));
            o[7] = RangeLimit(Descale(tmp10 - tmp3, Shift));
            o[1] = RangeLimit(Descale(tmp11 + tmp2, Shift));
            o[6] = RangeLimit(Descale(tmp11 - tmp2, Shift));
            o[2] = RangeLimit(Descale(tmp12 + tmp1, Shift));
            o[5] = RangeLimit(Descale(tmp12 - tmp1, Shift));
            o[3] = RangeLimit(Descale(tmp13 + tmp0, Shift));
            o[4] = RangeLimit(Descale(tmp13 - tmp0, Shift));
        }
    }

    /// <summary>The odd half of the 1-D transform: inputs x7, x5, x3, x1; outputs the four odd terms in the same variables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Odd(ref int tmp0, ref int tmp1, ref int tmp2, ref int tmp3)
    {
        int z1 = tmp0 + tmp3, z2 = tmp1 + tmp2, z3 = tmp0 + tmp2, z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * C1_175875602;
        tmp0 *= C0_298631336;
        tmp1 *= C2_053119869;
        tmp2 *= C3_072711026;
        tmp3 *= C1_501321110;
        z1 *= -C0_899976223;
        z2 *= -C2_562915447;
        z3 = z3 * -C1_961570560 + z5;
        z4 = z4 * -C0_390180644 + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
    }
}
