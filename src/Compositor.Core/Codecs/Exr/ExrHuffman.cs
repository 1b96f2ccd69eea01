using System.Buffers.Binary;

namespace Compositor.Codecs.Exr;

/// <summary>
/// Decoder for the Huffman coding PIZ uses on 16-bit values. The stream starts with a 20-byte
/// header (smallest and largest coded symbol, table size, number of data bits, reserved), then a
/// packed table of code lengths (6 bits each, with short and long runs of unused symbols), then
/// the MSB-first bit stream. Codes are canonical; the largest symbol doubles as a run-length
/// code: it is followed by an 8-bit count of repetitions of the previous value.
/// </summary>
internal static class ExrHuffman
{
    private const int EncodingSize = (1 << 16) + 1; // every 16-bit value plus the run-length symbol
    private const int DecodeBits = 14;               // codes up to this length decode with one table lookup
    private const int DecodeSize = 1 << DecodeBits;
    private const int DecodeMask = DecodeSize - 1;
    private const int ShortZeroRun = 59;             // code lengths 59..62 stand for 2..5 unused symbols
    private const int LongZeroRun = 63;              // 63 is followed by 8 bits: 6..261 unused symbols
    private const int ShortestLongRun = 2 + LongZeroRun - ShortZeroRun;
    private const int MaxCodeLength = 58;

    // The format allows 58-bit codes, but reaching even 45 bits needs symbol counts in the
    // billions (Fibonacci-skewed), beyond any chunk. Capping at 56 keeps every bit we look at
    // inside the 64-bit reader buffer.
    private const int LongestAcceptedCode = 56;

    /// <summary>Tables reused from chunk to chunk (about 700 KiB), so a file's many chunks do not each allocate them.</summary>
    public sealed class Scratch
    {
        internal readonly long[] Codes = new long[EncodingSize];
        internal readonly DecodeTable Table = new();
    }

    /// <summary>Decodes exactly <paramref name="output"/>.Length values from <paramref name="source"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<ushort> output, int chunk, Scratch scratch)
    {
        if (source.Length == 0)
        {
            if (output.Length != 0) throw Error(chunk, "no Huffman data for a non-empty block");
            return;
        }
        if (source.Length < 20) throw Error(chunk, "truncated Huffman header");
        uint minSymbol = BinaryPrimitives.ReadUInt32LittleEndian(source);
        uint maxSymbol = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        uint bitCount = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        if (minSymbol >= EncodingSize || maxSymbol >= EncodingSize)
            throw Error(chunk, $"Huffman symbol range {minSymbol}..{maxSymbol} is invalid");

        var data = source[20..];
        var codes = scratch.Codes;
        // Only symbols min..max get codes; the rest of the array stays zero between chunks.
        var used = codes.AsSpan((int)minSymbol, Math.Max(0, (int)maxSymbol - (int)minSymbol + 1));
        used.Clear();
        int tableBytes = UnpackCodeLengths(data, (int)minSymbol, (int)maxSymbol, codes, chunk);
        data = data[tableBytes..];
        if (bitCount > 8L * data.Length) throw Error(chunk, $"Huffman data declares {bitCount} bits but only {8L * data.Length} remain");
        AssignCanonicalCodes(used);
        var table = scratch.Table;
        table.Fill(codes, (int)minSymbol, (int)maxSymbol, chunk);
        DecodeBitsToValues(codes, table, data, (int)bitCount, (int)maxSymbol, output, chunk);
    }

    private static ImageFormatException Error(int chunk, string problem) =>
        new($"EXR: corrupt PIZ data in chunk {chunk}: {problem}");

    /// <summary>Reads MSB-first bits; the buffer keeps the last bits read in its low end.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Position;
        public ulong Buffer;
        public int Count;

        public readonly bool AtEnd => Position >= _data.Length;

        public bool TryAddByte()
        {
            if (Position >= _data.Length) return false;
            Buffer = (Buffer << 8) | _data[Position++];
            Count += 8;
            return true;
        }

        public bool TryRead(int bits, out int value)
        {
            while (Count < bits)
            {
                if (!TryAddByte())
                {
                    value = 0;
                    return false;
                }
            }
            Count -= bits;
            value = (int)((Buffer >> Count) & ((1UL << bits) - 1));
            return true;
        }
    }

    /// <summary>Fills code lengths for symbols min..max; returns the bytes the table used.</summary>
    private static int UnpackCodeLengths(ReadOnlySpan<byte> data, int min, int max, long[] lengths, int chunk)
    {
        var bits = new BitReader(data);
        for (int symbol = min; symbol <= max; symbol++)
        {
            if (!bits.TryRead(6, out int length)) throw Error(chunk, "truncated Huffman code table");
            if (length == LongZeroRun)
            {
                if (!bits.TryRead(8, out int extra)) throw Error(chunk, "truncated Huffman code table");
                int run = extra + ShortestLongRun;
                if (symbol + run > max + 1) throw Error(chunk, "Huffman code table runs past its last symbol");
                symbol += run - 1; // those symbols keep length 0
            }
            else if (length >= ShortZeroRun)
            {
                int run = length - ShortZeroRun + 2;
                if (symbol + run > max + 1) throw Error(chunk, "Huffman code table runs past its last symbol");
                symbol += run - 1;
            }
            else
            {
                lengths[symbol] = length;
            }
        }
        return bits.Position;
    }

    /// <summary>
    /// Turns code lengths into canonical codes, stored as <c>code &lt;&lt; 6 | length</c>. Longer codes
    /// take the numerically smaller values, which is how the encoder assigned them.
    /// </summary>
    internal static void AssignCanonicalCodes(Span<long> codes)
    {
        Span<long> firstCode = stackalloc long[MaxCodeLength + 1];
        foreach (long length in codes) firstCode[(int)length]++;
        long next = 0;
        for (int length = MaxCodeLength; length > 0; length--)
        {
            long count = firstCode[length];
            firstCode[length] = next;
            next = (next + count) >> 1;
        }
        for (int symbol = 0; symbol < codes.Length; symbol++)
        {
            int length = (int)codes[symbol];
            if (length > 0) codes[symbol] = (firstCode[length]++ << 6) | (long)(uint)length;
        }
    }

    private static int CodeLength(long code) => (int)(code & 63);

    private static long CodeBits(long code) => code >> 6;

    /// <summary>
    /// Lookup by the next 14 bits: codes up to 14 bits fill every entry they prefix; longer codes
    /// are listed under the entry of their first 14 bits and checked one by one.
    /// </summary>
    internal sealed class DecodeTable
    {
        public readonly byte[] Length = new byte[DecodeSize];
        public readonly int[] Symbol = new int[DecodeSize];
        public readonly List<int>?[] Long = new List<int>?[DecodeSize];

        public void Fill(long[] codes, int min, int max, int chunk)
        {
            Array.Clear(Length);
            Array.Clear(Long);
            for (int symbol = min; symbol <= max; symbol++)
            {
                long code = CodeBits(codes[symbol]);
                int length = CodeLength(codes[symbol]);
                if (length == 0) continue;
                if (code >> length != 0 || length > LongestAcceptedCode) throw Error(chunk, "invalid Huffman code table entry");
                if (length > DecodeBits)
                {
                    int entry = (int)(code >> (length - DecodeBits));
                    if (Length[entry] != 0) throw Error(chunk, "invalid Huffman code table entry");
                    (Long[entry] ??= []).Add(symbol);
                }
                else
                {
                    int first = (int)(code << (DecodeBits - length));
                    for (int entry = first; entry < first + (1 << (DecodeBits - length)); entry++)
                    {
                        if (Length[entry] != 0 || Long[entry] is not null) throw Error(chunk, "invalid Huffman code table entry");
                        Length[entry] = (byte)length;
                        Symbol[entry] = symbol;
                    }
                }
            }
        }
    }

    private static void DecodeBitsToValues(long[] codes, DecodeTable table, ReadOnlySpan<byte> data, int bitCount,
        int runSymbol, Span<ushort> output, int chunk)
    {
        var bits = new BitReader(data[..((bitCount + 7) / 8)]);
        int written = 0;
        while (!bits.AtEnd)
        {
            bits.TryAddByte();
            while (bits.Count >= DecodeBits)
            {
                int entry = (int)((bits.Buffer >> (bits.Count - DecodeBits)) & DecodeMask);
                int length = table.Length[entry];
                if (length != 0)
                {
                    bits.Count -= length;
                    Emit(table.Symbol[entry], runSymbol, ref bits, output, ref written, chunk);
                    continue;
                }
                var candidates = table.Long[entry] ?? throw Error(chunk, "invalid Huffman code");
                bool found = false;
                foreach (int symbol in candidates)
                {
                    int codeLength = CodeLength(codes[symbol]);
                    while (bits.Count < codeLength && bits.TryAddByte()) { }
                    if (bits.Count < codeLength) continue;
                    if (CodeBits(codes[symbol]) == (long)((bits.Buffer >> (bits.Count - codeLength)) & ((1UL << codeLength) - 1)))
                    {
                        bits.Count -= codeLength;
                        Emit(symbol, runSymbol, ref bits, output, ref written, chunk);
                        found = true;
                        break;
                    }
                }
                if (!found) throw Error(chunk, "invalid Huffman code");
            }
        }

        // The last byte is padded: drop the padding bits, then decode the remaining short codes.
        int padding = (8 - bitCount) & 7;
        bits.Buffer >>= padding;
        bits.Count -= padding;
        while (bits.Count > 0)
        {
            int entry = (int)((bits.Buffer << (DecodeBits - bits.Count)) & DecodeMask);
            int length = table.Length[entry];
            if (length == 0 || length > bits.Count) throw Error(chunk, "invalid Huffman code at the end of the data");
            bits.Count -= length;
            Emit(table.Symbol[entry], runSymbol, ref bits, output, ref written, chunk);
        }
        if (written != output.Length) throw Error(chunk, $"Huffman data holds {written} values, expected {output.Length}");
    }

    /// <summary>Writes a decoded symbol: a value, or for the run symbol, the previous value repeated by the next 8 bits.</summary>
    private static void Emit(int symbol, int runSymbol, ref BitReader bits, Span<ushort> output, ref int written, int chunk)
    {
        if (symbol == runSymbol)
        {
            if (bits.Count < 8 && !bits.TryAddByte()) throw Error(chunk, "truncated run length");
            bits.Count -= 8;
            int run = (int)((bits.Buffer >> bits.Count) & 0xFF);
            if (written == 0) throw Error(chunk, "run length before the first value");
            if (written + run > output.Length) throw Error(chunk, "Huffman data holds too many values");
            output.Slice(written, run).Fill(output[written - 1]);
            written += run;
        }
        else
        {
            if (written >= output.Length) throw Error(chunk, "Huffman data holds too many values");
            output[written++] = (ushort)symbol;
        }
    }
}
