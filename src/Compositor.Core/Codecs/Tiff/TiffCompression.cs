using System.IO.Compression;

namespace Compositor.Codecs.Tiff;

/// <summary>The TIFF compressions: LZW (TIFF 6.0 section 13), PackBits (section 9) and Deflate.</summary>
internal static class TiffCompressors
{
    private const int Clear = 256, EndOfInformation = 257, FirstFree = 258, MaxCodes = 4096;

    /// <summary>
    /// Decodes TIFF LZW (codes MSB first, 9 to 12 bits, widths growing one code early) into
    /// <paramref name="dest"/>; stops at the end-of-information code or when <paramref name="dest"/> is full.
    /// Returns the number of bytes written.
    /// </summary>
    public static int LzwDecode(ReadOnlySpan<byte> source, Span<byte> dest, string where)
    {
        if (source.Length >= 2 && source[0] == 0 && (source[1] & 1) != 0)
            throw new NotSupportedException("TIFF: old-style (pre-6.0, LSB-first) LZW is not supported");
        Span<short> prefix = stackalloc short[MaxCodes];
        Span<byte> suffix = stackalloc byte[MaxCodes];
        Span<byte> first = stackalloc byte[MaxCodes];
        Span<ushort> length = stackalloc ushort[MaxCodes];
        for (int i = 0; i < 256; i++)
        {
            suffix[i] = (byte)i;
            first[i] = (byte)i;
            length[i] = 1;
            prefix[i] = -1;
        }
        int next = FirstFree, width = 9, old = -1, written = 0;
        long bitPos = 0, totalBits = (long)source.Length * 8;
        while (written < dest.Length)
        {
            if (bitPos + width > totalBits) break; // data ends without EOI: libtiff accepts what it got
            int code = 0;
            for (int i = 0; i < width; i++, bitPos++)
                code = code << 1 | ((source[(int)(bitPos >> 3)] >> (7 - (int)(bitPos & 7))) & 1);
            if (code == EndOfInformation) break;
            if (code == Clear)
            {
                next = FirstFree;
                width = 9;
                old = -1;
                continue;
            }
            int emit;
            int added = -1;
            if (code < next)
            {
                emit = code;
                if (old >= 0 && next < MaxCodes) added = first[code];
            }
            else if (code == next && old >= 0)
            {
                added = first[old];
                emit = code;
            }
            else
            {
                throw new ImageFormatException($"TIFF: corrupt LZW data in {where}: code {code} with {next} table entries");
            }
            if (added >= 0)
            {
                // New entry: the previous string plus the first byte of this one.
                prefix[next] = (short)old;
                suffix[next] = (byte)added;
                first[next] = first[old];
                length[next] = (ushort)(length[old] + 1);
                next++;
            }
            // Write the string of `emit`, walking its prefixes backwards.
            int len = length[emit];
            int end = Math.Min(written + len, dest.Length);
            int at = written + len - 1;
            for (int c = emit; c >= 0; c = prefix[c], at--)
                if (at < end) dest[at] = suffix[c];
            written = end;
            old = emit;
            if (next >= (1 << width) - 1 && width < 12) width++;
        }
        return written;
    }

    /// <summary>Encodes <paramref name="source"/> as TIFF LZW (starting with a Clear code, ending with EOI).</summary>
    public static byte[] LzwEncode(ReadOnlySpan<byte> source)
    {
        var output = new MemoryStream(source.Length / 2 + 16);
        ulong buffer = 0;
        int bits = 0;
        void Put(int code, int width)
        {
            buffer = buffer << width | (uint)code;
            bits += width;
            while (bits >= 8)
            {
                output.WriteByte((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        var table = new Dictionary<int, int>(MaxCodes);
        int next = FirstFree, width = 9;
        Put(Clear, width);
        if (source.Length > 0)
        {
            int w = source[0];
            for (int i = 1; i < source.Length; i++)
            {
                int key = w << 8 | source[i];
                if (table.TryGetValue(key, out int code))
                {
                    w = code;
                    continue;
                }
                Put(w, width);
                table[key] = next++;
                w = source[i];
                if (next == MaxCodes - 2)
                {
                    Put(Clear, width);
                    table.Clear();
                    next = FirstFree;
                    width = 9;
                }
                else if (next > (1 << width) - 1)
                {
                    width++;
                }
            }
            Put(w, width);
            // The decoder adds one more entry after reading that code; follow its width for EOI.
            next++;
            if (next == MaxCodes - 2)
            {
                Put(Clear, width);
                width = 9;
            }
            else if (next > (1 << width) - 1)
            {
                width++;
            }
        }
        Put(EndOfInformation, width);
        if (bits > 0) output.WriteByte((byte)(buffer << (8 - bits)));
        return output.ToArray();
    }

    /// <summary>Decodes PackBits into <paramref name="dest"/>; returns the bytes written.</summary>
    public static int PackBitsDecode(ReadOnlySpan<byte> source, Span<byte> dest, string where)
    {
        int from = 0, to = 0;
        while (from < source.Length && to < dest.Length)
        {
            int n = (sbyte)source[from++];
            if (n >= 0)
            {
                int count = n + 1;
                if (source.Length - from < count) throw new ImageFormatException($"TIFF: truncated PackBits literal run in {where}");
                count = Math.Min(count, dest.Length - to);
                source.Slice(from, count).CopyTo(dest[to..]);
                from += n + 1;
                to += count;
            }
            else if (n != -128)
            {
                if (from >= source.Length) throw new ImageFormatException($"TIFF: truncated PackBits run in {where}");
                int count = Math.Min(1 - n, dest.Length - to);
                dest.Slice(to, count).Fill(source[from++]);
                to += count;
            }
        }
        return to;
    }

    /// <summary>Encodes PackBits: runs of 3+ equal bytes as repeats, the rest as literal runs (at most 128 each).</summary>
    public static void PackBitsEncode(ReadOnlySpan<byte> source, Stream output)
    {
        int i = 0;
        while (i < source.Length)
        {
            int run = 1;
            while (i + run < source.Length && run < 128 && source[i + run] == source[i]) run++;
            if (run >= 3)
            {
                output.WriteByte((byte)(1 - run));
                output.WriteByte(source[i]);
                i += run;
                continue;
            }
            int literal = 0;
            while (i + literal < source.Length && literal < 128)
            {
                int at = i + literal;
                if (at + 2 < source.Length && source[at] == source[at + 1] && source[at] == source[at + 2]) break;
                literal++;
            }
            output.WriteByte((byte)(literal - 1));
            output.Write(source.Slice(i, literal));
            i += literal;
        }
    }

    /// <summary>Inflates a zlib stream into <paramref name="dest"/>; returns the bytes written.</summary>
    public static int Inflate(byte[] file, int offset, int length, Span<byte> dest, string where)
    {
        try
        {
            using var compressed = new MemoryStream(file, offset, length, writable: false);
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            return inflater.ReadAtLeast(dest, dest.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException($"TIFF: corrupt Deflate data in {where}: {e.Message}", e);
        }
    }
}
