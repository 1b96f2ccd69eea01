namespace Compositor.Codecs.Jpeg;

/// <summary>How the decoded components map to color.</summary>
internal enum JpegColorModel
{
    Gray,
    YCbCr,
    Rgb,
    /// <summary>Adobe CMYK, stored inverted (as Photoshop writes it): RGB = stored C, M, Y scaled by K.</summary>
    Cmyk,
    /// <summary>Adobe YCCK: YCbCr of the inverted C, M, Y, plus K.</summary>
    Ycck,
}

/// <summary>
/// Expands one component's sample plane to full resolution, one output row at a time. For 2:1
/// ratios it interpolates triangularly ("fancy upsampling": 3/4 of the nearer sample, 1/4 of the
/// farther, with libjpeg's alternating rounding bias), which is what libjpeg does by default; other
/// integral ratios replicate samples.
/// </summary>
internal sealed class JpegUpsampler(byte[] plane, int stride, int width, int height, int ratioX, int ratioY, int outputWidth)
{
    /// <summary>Samples a row buffer must hold: the output width, or the whole upsampled component row when that is wider.</summary>
    public int Capacity => Math.Max(outputWidth, width * ratioX);

    /// <summary>
    /// Writes full-resolution row <paramref name="y"/> to <paramref name="dest"/> (at least <see cref="Capacity"/>
    /// samples; the first <c>outputWidth</c> are the row, the rest is scratch).
    /// </summary>
    public void Row(int y, Span<byte> dest)
    {
        if (ratioX == 1 && ratioY == 1)
        {
            plane.AsSpan(y * stride, outputWidth).CopyTo(dest);
            return;
        }
        bool fancyH = ratioX == 2 && width > 2;
        if (ratioY == 2 && (fancyH || ratioX == 1))
        {
            int row = y >> 1;
            bool upper = (y & 1) == 0;
            int neighbor = upper ? Math.Max(row - 1, 0) : Math.Min(row + 1, height - 1);
            var near = plane.AsSpan(row * stride, width);
            var far = plane.AsSpan(neighbor * stride, width);
            if (ratioX == 1)
            {
                int bias = upper ? 1 : 2;
                for (int x = 0; x < outputWidth; x++) dest[x] = (byte)((near[x] * 3 + far[x] + bias) >> 2);
                return;
            }
            var output = dest;
            int last = near[0] * 3 + far[0], current = last, next;
            for (int i = 0; i < width; i++)
            {
                next = i + 1 < width ? near[i + 1] * 3 + far[i + 1] : current;
                output[2 * i] = (byte)(i == 0 ? (current * 4 + 8) >> 4 : (current * 3 + last + 8) >> 4);
                output[2 * i + 1] = (byte)(i == width - 1 ? (current * 4 + 7) >> 4 : (current * 3 + next + 7) >> 4);
                last = current;
                current = next;
            }
            return;
        }
        if (ratioY == 1 && fancyH)
        {
            var input = plane.AsSpan(y * stride, width);
            var output = dest;
            output[0] = input[0];
            output[1] = (byte)((input[0] * 3 + input[1] + 2) >> 2);
            for (int i = 1; i < width - 1; i++)
            {
                int value = input[i] * 3;
                output[2 * i] = (byte)((value + input[i - 1] + 1) >> 2);
                output[2 * i + 1] = (byte)((value + input[i + 1] + 2) >> 2);
            }
            output[2 * width - 2] = (byte)((input[width - 1] * 3 + input[width - 2] + 1) >> 2);
            output[2 * width - 1] = input[width - 1];
            return;
        }
        var source = plane.AsSpan(y / ratioY * stride, width);
        for (int x = 0; x < outputWidth; x++) dest[x] = source[x / ratioX];
    }
}

/// <summary>Color conversion of full-resolution component rows to normalized RGBA, in libjpeg's fixed-point arithmetic.</summary>
internal static class JpegColor
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);

    // JFIF: R = Y + 1.402 Cr, G = Y - 0.34414 Cb - 0.71414 Cr, B = Y + 1.772 Cb (Cb, Cr centered on 128).
    private static readonly int[] CrToR = new int[256], CbToB = new int[256], CrToG = new int[256], CbToG = new int[256];
    private static readonly float[] Normalize = new float[256];

    static JpegColor()
    {
        static int Fix(double x) => (int)(x * (1 << ScaleBits) + 0.5);
        for (int i = 0; i < 256; i++)
        {
            int x = i - 128;
            CrToR[i] = (Fix(1.40200) * x + Half) >> ScaleBits;
            CbToB[i] = (Fix(1.77200) * x + Half) >> ScaleBits;
            CrToG[i] = -Fix(0.71414) * x;
            CbToG[i] = -Fix(0.34414) * x + Half;
            Normalize[i] = i / 255f;
        }
    }

    private static int Clamp(int value) => value < 0 ? 0 : value > 255 ? 255 : value;

    /// <summary>The common case, without bounds checks: a 1024-entry clamp-and-normalize table absorbs the range limiting.</summary>
    private static unsafe void ConvertYCbCr(byte[] yRow, byte[] cbRow, byte[] crRow, Span<float> rgba)
    {
        int width = rgba.Length / 4;
        if (yRow.Length < width || cbRow.Length < width || crRow.Length < width) throw new ArgumentException("rows too short");
        fixed (byte* yy = yRow, cb = cbRow, cr = crRow)
        fixed (float* o = rgba, limit = ClampNormalize)
        fixed (int* crToR = CrToR, cbToB = CbToB, crToG = CrToG, cbToG = CbToG)
        {
            float* l = limit + 384; // index -384..639 (every sum of a sample and a chroma term)
            for (int x = 0; x < width; x++)
            {
                int y = yy[x], b = cb[x], r = cr[x];
                float* p = o + 4 * x;
                p[0] = l[y + crToR[r]];
                p[1] = l[y + ((cbToG[b] + crToG[r]) >> ScaleBits)];
                p[2] = l[y + cbToB[b]];
                p[3] = 1f;
            }
        }
    }

    /// <summary>Clamp(i - 384) / 255 for i in 0..1023.</summary>
    private static readonly float[] ClampNormalize = Enumerable.Range(0, 1024).Select(i => Math.Clamp(i - 384, 0, 255) / 255f).ToArray();

    /// <summary>Converts one row of components (<paramref name="rows"/>, full resolution) into <paramref name="rgba"/>.</summary>
    public static void Convert(JpegColorModel model, byte[][] rows, Span<float> rgba)
    {
        int width = rgba.Length / 4;
        var n = Normalize;
        switch (model)
        {
            case JpegColorModel.Gray:
            {
                var g = rows[0];
                for (int x = 0; x < width; x++)
                {
                    float v = n[g[x]];
                    rgba[4 * x] = v;
                    rgba[4 * x + 1] = v;
                    rgba[4 * x + 2] = v;
                    rgba[4 * x + 3] = 1f;
                }
                break;
            }
            case JpegColorModel.Rgb:
            {
                byte[] r = rows[0], g = rows[1], b = rows[2];
                for (int x = 0; x < width; x++)
                {
                    rgba[4 * x] = n[r[x]];
                    rgba[4 * x + 1] = n[g[x]];
                    rgba[4 * x + 2] = n[b[x]];
                    rgba[4 * x + 3] = 1f;
                }
                break;
            }
            case JpegColorModel.YCbCr:
                ConvertYCbCr(rows[0], rows[1], rows[2], rgba);
                break;
            default:
            {
                bool ycck = model == JpegColorModel.Ycck;
                byte[] c0 = rows[0], c1 = rows[1], c2 = rows[2], k = rows[3];
                for (int x = 0; x < width; x++)
                {
                    int c, m, ye;
                    if (ycck)
                    {
                        int y = c0[x];
                        c = 255 - Clamp(y + CrToR[c2[x]]);
                        m = 255 - Clamp(y + ((CbToG[c1[x]] + CrToG[c2[x]]) >> ScaleBits));
                        ye = 255 - Clamp(y + CbToB[c1[x]]);
                    }
                    else
                    {
                        c = c0[x];
                        m = c1[x];
                        ye = c2[x];
                    }
                    // Adobe stores inverted CMYK: the stored values are already "1 - ink"; scale by K (as Blender does).
                    int kk = k[x];
                    rgba[4 * x] = n[c * kk / 255];
                    rgba[4 * x + 1] = n[m * kk / 255];
                    rgba[4 * x + 2] = n[ye * kk / 255];
                    rgba[4 * x + 3] = 1f;
                }
                break;
            }
        }
    }
}
