using System.Buffers.Binary;

namespace Compositor.Codecs.Exr;

/// <summary>
/// PIZ decompression. A PIZ chunk holds: the range of bytes of a 65536-bit bitmap that marks
/// which 16-bit values occur, those bitmap bytes, then Huffman-coded 16-bit words. Decoding
/// undoes the Huffman coding, then a Haar-like wavelet per channel (over the channel's samples
/// stored plane by plane), then maps the dense indices back to the values through the bitmap,
/// and finally interleaves the planes back into scanline order.
/// </summary>
internal sealed class ExrPiz
{
    private const int BitmapSize = 65536 / 8;

    // Buffers reused from chunk to chunk; one instance per decoding thread.
    private readonly byte[] _bitmap = new byte[BitmapSize];
    private readonly ushort[] _lookup = new ushort[65536];
    private readonly ExrHuffman.Scratch _huffman = new();
    private ushort[] _words = [];

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> dest, ExrBlockRect rect, ExrChannelInfo[] channels, int chunk)
    {
        // Where each channel's plane lives in the word buffer, and its shape.
        var starts = new int[channels.Length];
        var widths = new int[channels.Length];
        var heights = new int[channels.Length];
        var wordsPerSample = new int[channels.Length];
        int total = 0;
        for (int c = 0; c < channels.Length; c++)
        {
            var info = channels[c];
            starts[c] = total;
            (widths[c], heights[c]) = ExrBlockLayout.SamplesIn(info, rect);
            wordsPerSample[c] = info.BytesPerSample / 2;
            total += widths[c] * heights[c] * wordsPerSample[c];
        }
        if (total * 2 != dest.Length) throw Error(chunk, $"block of {total * 2} bytes where {dest.Length} were expected");

        if (source.Length < 4) throw Error(chunk, "truncated bitmap range");
        int minNonZero = BinaryPrimitives.ReadUInt16LittleEndian(source);
        int maxNonZero = BinaryPrimitives.ReadUInt16LittleEndian(source[2..]);
        if (maxNonZero >= BitmapSize) throw Error(chunk, $"bitmap range ends at {maxNonZero}, beyond {BitmapSize - 1}");
        int at = 4;
        var bitmap = _bitmap;
        Array.Clear(bitmap);
        if (minNonZero <= maxNonZero)
        {
            int count = maxNonZero - minNonZero + 1;
            if (source.Length - at < count) throw Error(chunk, "truncated bitmap");
            source.Slice(at, count).CopyTo(bitmap.AsSpan(minNonZero));
            at += count;
        }
        var lookup = _lookup;
        int maxIndex = BuildReverseLookup(bitmap, lookup);

        if (source.Length - at < 4) throw Error(chunk, "truncated Huffman length");
        int huffmanLength = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
        at += 4;
        if (huffmanLength < 0 || huffmanLength > source.Length - at)
            throw Error(chunk, $"Huffman length {huffmanLength} exceeds the {source.Length - at} bytes left");

        if (_words.Length < total) _words = new ushort[total];
        var words = _words;
        ExrHuffman.Decode(source.Slice(at, huffmanLength), words.AsSpan(0, total), chunk, _huffman);

        for (int c = 0; c < channels.Length; c++)
            for (int j = 0; j < wordsPerSample[c]; j++)
                ExrWavelet.Decode2D(words, starts[c] + j, widths[c], wordsPerSample[c], heights[c], widths[c] * wordsPerSample[c], maxIndex);

        for (int i = 0; i < total; i++) words[i] = lookup[words[i]];

        // Planes back to scanline order: per line, per channel (if sampled on that line), its words.
        var next = (int[])starts.Clone();
        int outAt = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                if (ExrBlockLayout.Modulo(y, channels[c].YSampling) != 0) continue;
                int count = widths[c] * wordsPerSample[c];
                for (int i = 0; i < count; i++, outAt += 2)
                    BinaryPrimitives.WriteUInt16LittleEndian(dest[outAt..], words[next[c] + i]);
                next[c] += count;
            }
        }
    }

    /// <summary>
    /// The values present (bit set, and 0 always) in increasing order: the encoder replaced each
    /// value by its index in this list. Returns the largest index in use.
    /// </summary>
    private static int BuildReverseLookup(byte[] bitmap, ushort[] lookup)
    {
        int k = 0;
        lookup[k++] = 0;
        for (int index = 0; index < bitmap.Length; index++)
        {
            int bits = bitmap[index];
            if (bits == 0) continue; // most bytes are empty: skip 8 values at once
            for (int bit = 0; bit < 8; bit++)
            {
                int value = index * 8 + bit;
                if ((bits & (1 << bit)) != 0 && value != 0) lookup[k++] = (ushort)value;
            }
        }
        int maxIndex = k - 1;
        Array.Clear(lookup, k, lookup.Length - k);
        return maxIndex;
    }

    private static ImageFormatException Error(int chunk, string problem) =>
        new($"EXR: corrupt PIZ data in chunk {chunk}: {problem}");
}

/// <summary>
/// The inverse of PIZ's 2D wavelet: a hierarchy of 2x2 Haar-like steps over a strided plane of
/// 16-bit words, finest level last. When every value is below 2^14 the steps use plain integer
/// averages/differences (14-bit variant); otherwise modular 16-bit arithmetic that cannot overflow.
/// </summary>
internal static class ExrWavelet
{
    public static void Decode2D(ushort[] data, int start, int nx, int ox, int ny, int oy, int maxValue)
    {
        bool use14Bit = maxValue < (1 << 14);
        int n = Math.Min(nx, ny);
        int p = 1;
        while (p <= n) p <<= 1;
        p >>= 1;
        int p2 = p; // step of the current level's 2x2 groups
        p >>= 1;    // distance inside a group

        while (p >= 1)
        {
            int oy1 = oy * p, oy2 = oy * p2, ox1 = ox * p, ox2 = ox * p2;
            int py = start;
            int lastY = start + oy * (ny - p2);
            for (; py <= lastY; py += oy2)
            {
                int px = py;
                int lastX = py + ox * (nx - p2);
                for (; px <= lastX; px += ox2)
                {
                    int p01 = px + ox1, p10 = px + oy1, p11 = p10 + ox1;
                    ushort i00, i01, i10, i11;
                    if (use14Bit)
                    {
                        Decode14(data[px], data[p10], out i00, out i10);
                        Decode14(data[p01], data[p11], out i01, out i11);
                        Decode14(i00, i01, out data[px], out data[p01]);
                        Decode14(i10, i11, out data[p10], out data[p11]);
                    }
                    else
                    {
                        Decode16(data[px], data[p10], out i00, out i10);
                        Decode16(data[p01], data[p11], out i01, out i11);
                        Decode16(i00, i01, out data[px], out data[p01]);
                        Decode16(i10, i11, out data[p10], out data[p11]);
                    }
                }
                // An odd column left over at this level: a 1D step in y.
                if ((nx & p) != 0)
                {
                    int p10 = px + oy1;
                    ushort low;
                    if (use14Bit) Decode14(data[px], data[p10], out low, out data[p10]);
                    else Decode16(data[px], data[p10], out low, out data[p10]);
                    data[px] = low;
                }
            }
            // An odd line left over at this level: a 1D step in x.
            if ((ny & p) != 0)
            {
                int px = py;
                int lastX = py + ox * (nx - p2);
                for (; px <= lastX; px += ox2)
                {
                    int p01 = px + ox1;
                    ushort low;
                    if (use14Bit) Decode14(data[px], data[p01], out low, out data[p01]);
                    else Decode16(data[px], data[p01], out low, out data[p01]);
                    data[px] = low;
                }
            }
            p2 = p;
            p >>= 1;
        }
    }

    /// <summary>Inverse of the 14-bit step: l = average, h = difference, as signed 16-bit values.</summary>
    private static void Decode14(ushort l, ushort h, out ushort a, out ushort b)
    {
        int hs = (short)h;
        int ai = (short)l + (hs & 1) + (hs >> 1);
        a = (ushort)(short)ai;
        b = (ushort)(short)(ai - hs);
    }

    /// <summary>Inverse of the 16-bit step, in arithmetic modulo 2^16.</summary>
    private static void Decode16(ushort l, ushort h, out ushort a, out ushort b)
    {
        const int Offset = 1 << 15, Mask = 0xFFFF;
        int m = l, d = h;
        int bb = (m - (d >> 1)) & Mask;
        int aa = (d + bb - Offset) & Mask;
        b = (ushort)bb;
        a = (ushort)aa;
    }
}
