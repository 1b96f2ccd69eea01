using System.Buffers.Binary;

namespace Compositor.Codecs.Exr;

/// <summary>
/// PIZ compression of one block (the inverse of <see cref="ExrPiz"/>): the block's 16-bit words
/// are gathered plane by plane, replaced by their rank among the values present (recorded in a
/// bitmap), transformed by the 2D Haar-like wavelet, and Huffman coded.
/// </summary>
internal static class ExrPizEncoder
{
    private const int BitmapSize = 65536 / 8;

    /// <summary>
    /// Compresses the uncompressed block <paramref name="raw"/> (scanlines of the given channels, all
    /// sampled 1x1, <paramref name="width"/> samples per line) and returns the PIZ data.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> raw, int width, int lines, IReadOnlyList<int> bytesPerSample)
    {
        int channels = bytesPerSample.Count;
        var starts = new int[channels];
        var wordsPerSample = new int[channels];
        int total = 0;
        for (int c = 0; c < channels; c++)
        {
            starts[c] = total;
            wordsPerSample[c] = bytesPerSample[c] / 2;
            total += width * lines * wordsPerSample[c];
        }
        if (total * 2 != raw.Length) throw new ArgumentException($"a block of {raw.Length} bytes does not hold {total} words", nameof(raw));

        // Scanline order (per line, per channel) to planes.
        var words = new ushort[total];
        var next = (int[])starts.Clone();
        int at = 0;
        for (int y = 0; y < lines; y++)
        {
            for (int c = 0; c < channels; c++)
            {
                int count = width * wordsPerSample[c];
                for (int i = 0; i < count; i++, at += 2) words[next[c] + i] = BinaryPrimitives.ReadUInt16LittleEndian(raw[at..]);
                next[c] += count;
            }
        }

        // Which values occur (0 is implied), and each value's rank among them.
        var bitmap = new byte[BitmapSize];
        foreach (ushort word in words) bitmap[word >> 3] |= (byte)(1 << (word & 7));
        bitmap[0] &= 0xFE;
        int minNonZero = BitmapSize - 1, maxNonZero = 0;
        for (int i = 0; i < BitmapSize; i++)
        {
            if (bitmap[i] == 0) continue;
            minNonZero = Math.Min(minNonZero, i);
            maxNonZero = Math.Max(maxNonZero, i);
        }
        var rank = new ushort[65536];
        int k = 0;
        for (int value = 0; value < 65536; value++)
            if (value == 0 || (bitmap[value >> 3] & (1 << (value & 7))) != 0) rank[value] = (ushort)k++;
        int maxValue = k - 1;
        for (int i = 0; i < total; i++) words[i] = rank[words[i]];

        for (int c = 0; c < channels; c++)
            for (int j = 0; j < wordsPerSample[c]; j++)
                Encode2D(words, starts[c] + j, width, wordsPerSample[c], lines, width * wordsPerSample[c], maxValue);

        byte[] huffman = ExrHuffmanEncoder.Encode(words);
        using var output = new MemoryStream(huffman.Length + 16 + (maxNonZero - minNonZero + 1));
        Span<byte> scratch = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(scratch, (ushort)minNonZero);
        BinaryPrimitives.WriteUInt16LittleEndian(scratch[2..], (ushort)maxNonZero);
        output.Write(scratch);
        if (minNonZero <= maxNonZero) output.Write(bitmap, minNonZero, maxNonZero - minNonZero + 1);
        BinaryPrimitives.WriteInt32LittleEndian(scratch, huffman.Length);
        output.Write(scratch);
        output.Write(huffman);
        return output.ToArray();
    }

    /// <summary>
    /// The forward 2D wavelet of PIZ over a strided plane (the inverse of <see cref="ExrWavelet.Decode2D"/>):
    /// levels from finest to coarsest, each a 2x2 step (horizontal pairs, then vertical), with 1D steps
    /// for an odd column or line.
    /// </summary>
    public static void Encode2D(ushort[] data, int start, int nx, int ox, int ny, int oy, int maxValue)
    {
        bool use14Bit = maxValue < (1 << 14);
        int n = Math.Min(nx, ny);
        int p = 1, p2 = 2;
        while (p2 <= n)
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
                        Encode14(data[px], data[p01], out i00, out i01);
                        Encode14(data[p10], data[p11], out i10, out i11);
                        Encode14(i00, i10, out data[px], out data[p10]);
                        Encode14(i01, i11, out data[p01], out data[p11]);
                    }
                    else
                    {
                        Encode16(data[px], data[p01], out i00, out i01);
                        Encode16(data[p10], data[p11], out i10, out i11);
                        Encode16(i00, i10, out data[px], out data[p10]);
                        Encode16(i01, i11, out data[p01], out data[p11]);
                    }
                }
                if ((nx & p) != 0)
                {
                    int p10 = px + oy1;
                    ushort low;
                    if (use14Bit) Encode14(data[px], data[p10], out low, out data[p10]);
                    else Encode16(data[px], data[p10], out low, out data[p10]);
                    data[px] = low;
                }
            }
            if ((ny & p) != 0)
            {
                int px = py;
                int lastX = py + ox * (nx - p2);
                for (; px <= lastX; px += ox2)
                {
                    int p01 = px + ox1;
                    ushort low;
                    if (use14Bit) Encode14(data[px], data[p01], out low, out data[p01]);
                    else Encode16(data[px], data[p01], out low, out data[p01]);
                    data[px] = low;
                }
            }
            p = p2;
            p2 <<= 1;
        }
    }

    /// <summary>14-bit step: the average and the difference of two values below 2^14, as signed 16-bit values.</summary>
    private static void Encode14(ushort a, ushort b, out ushort l, out ushort h)
    {
        int sa = (short)a, sb = (short)b;
        l = (ushort)(short)((sa + sb) >> 1);
        h = (ushort)(short)(sa - sb);
    }

    /// <summary>16-bit step in arithmetic modulo 2^16 (no overflow for any inputs).</summary>
    private static void Encode16(ushort a, ushort b, out ushort l, out ushort h)
    {
        const int Offset = 1 << 15, Mask = 0xFFFF;
        int ao = (a + Offset) & Mask;
        int m = (ao + b) >> 1;
        int d = ao - b;
        if (d < 0) m = (m + Offset) & Mask;
        d &= Mask;
        l = (ushort)m;
        h = (ushort)d;
    }
}

/// <summary>
/// The Huffman encoder of PIZ (the inverse of <see cref="ExrHuffman"/>): code lengths from the
/// symbol frequencies plus a run-length pseudo-symbol (one past the largest value), canonical
/// codes, the lengths packed 6 bits each with zero runs, then the MSB-first code stream in which
/// a value repeated more than a few times is sent once followed by the run symbol and an 8-bit count.
/// </summary>
internal static class ExrHuffmanEncoder
{
    private const int ShortZeroRun = 59, LongZeroRun = 63, ShortestLongRun = 2 + LongZeroRun - ShortZeroRun, LongestLongRun = 255 + ShortestLongRun;

    public static byte[] Encode(ReadOnlySpan<ushort> values)
    {
        if (values.Length == 0) return [];
        var frequencies = new long[65537];
        foreach (ushort v in values) frequencies[v]++;
        int min = 0;
        while (frequencies[min] == 0) min++;
        int max = 65535;
        while (frequencies[max] == 0) max--;
        int run = max + 1; // the run-length pseudo-symbol
        frequencies[run] = 1;
        max = run;

        var lengths = CodeLengths(frequencies, min, max);
        var codes = new long[65537];
        for (int s = min; s <= max; s++) codes[s] = lengths[s];
        ExrHuffman.AssignCanonicalCodes(codes.AsSpan(min, max - min + 1));

        var writer = new BitWriter();
        // The code length table, symbols min..max.
        for (int s = min; s <= max; s++)
        {
            int length = lengths[s];
            if (length == 0)
            {
                int zeros = 1;
                while (s + zeros <= max && lengths[s + zeros] == 0 && zeros < LongestLongRun) zeros++;
                if (zeros >= 2)
                {
                    if (zeros >= ShortestLongRun)
                    {
                        writer.Write(LongZeroRun, 6);
                        writer.Write(zeros - ShortestLongRun, 8);
                    }
                    else
                    {
                        writer.Write(ShortZeroRun + zeros - 2, 6);
                    }
                    s += zeros - 1;
                    continue;
                }
            }
            writer.Write(length, 6);
        }
        byte[] table = writer.ToArray();

        var data = new BitWriter();
        long runCode = codes[run];
        int current = values[0], repeats = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] == current && repeats < 255)
            {
                repeats++;
                continue;
            }
            Send(data, codes[current], repeats, runCode);
            current = values[i];
            repeats = 0;
        }
        Send(data, codes[current], repeats, runCode);
        long bitCount = data.BitCount;
        byte[] stream = data.ToArray();

        var result = new byte[20 + table.Length + stream.Length];
        BinaryPrimitives.WriteInt32LittleEndian(result, min);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), max);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), table.Length);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(12), checked((int)bitCount));
        table.CopyTo(result, 20);
        stream.CopyTo(result, 20 + table.Length);
        return result;
    }

    /// <summary>A value followed by <paramref name="repeats"/> copies: as a run when that is shorter.</summary>
    private static void Send(BitWriter writer, long code, int repeats, long runCode)
    {
        int length = (int)(code & 63), runLength = (int)(runCode & 63);
        if (length + runLength + 8 < length * repeats)
        {
            writer.Write(code >> 6, length);
            writer.Write(runCode >> 6, runLength);
            writer.Write(repeats, 8);
        }
        else
        {
            for (int i = 0; i <= repeats; i++) writer.Write(code >> 6, length);
        }
    }

    /// <summary>Huffman code lengths (the classic two-smallest merge) for the symbols with nonzero frequency.</summary>
    private static int[] CodeLengths(long[] frequencies, int min, int max)
    {
        var lengths = new int[frequencies.Length];
        var queue = new PriorityQueue<int, (long, int)>();
        // Tree nodes: leaves are symbols; internal nodes get indices above 65536.
        var parent = new List<int>();
        var symbolOfLeaf = new List<int>();
        for (int s = min; s <= max; s++)
        {
            if (frequencies[s] == 0) continue;
            int node = parent.Count;
            parent.Add(-1);
            symbolOfLeaf.Add(s);
            queue.Enqueue(node, (frequencies[s], node));
        }
        int leaves = parent.Count;
        if (leaves == 1)
        {
            lengths[symbolOfLeaf[0]] = 1;
            return lengths;
        }
        while (queue.Count > 1)
        {
            queue.TryDequeue(out int a, out var pa);
            queue.TryDequeue(out int b, out var pb);
            int node = parent.Count;
            parent.Add(-1);
            parent[a] = node;
            parent[b] = node;
            queue.Enqueue(node, (pa.Item1 + pb.Item1, node));
        }
        var depth = new int[parent.Count];
        for (int node = parent.Count - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
        for (int leaf = 0; leaf < leaves; leaf++)
        {
            if (depth[leaf] > 56) throw new InvalidOperationException("Huffman code longer than 56 bits");
            lengths[symbolOfLeaf[leaf]] = depth[leaf];
        }
        return lengths;
    }

    /// <summary>MSB-first bit output.</summary>
    private sealed class BitWriter
    {
        private readonly MemoryStream _bytes = new();
        private ulong _buffer;
        private int _count;

        public long BitCount { get; private set; }

        public void Write(long value, int bits)
        {
            BitCount += bits;
            while (bits > 0)
            {
                int take = Math.Min(bits, 56 - _count);
                ulong part = (ulong)(value >> (bits - take)) & ((1UL << take) - 1);
                _buffer = _buffer << take | part;
                _count += take;
                bits -= take;
                while (_count >= 8)
                {
                    _bytes.WriteByte((byte)(_buffer >> (_count - 8)));
                    _count -= 8;
                }
            }
        }

        public byte[] ToArray()
        {
            if (_count > 0)
            {
                _bytes.WriteByte((byte)(_buffer << (8 - _count)));
                _count = 0;
            }
            return _bytes.ToArray();
        }
    }
}
