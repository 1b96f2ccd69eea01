using System.IO.Compression;

namespace Compositor.Codecs.Exr;

/// <summary>
/// The byte-oriented OpenEXR codecs: RLE and ZIP(S) both reorder a chunk's bytes (low bytes
/// first, then high bytes) and store differences between neighbouring bytes, then compress.
/// </summary>
internal static class ExrCompressors
{
    /// <summary>Inflates the zlib stream at <paramref name="offset"/> into exactly <paramref name="dest"/>.Length bytes.</summary>
    public static void ZlibDecompress(byte[] file, int offset, int length, Span<byte> dest, int chunk)
    {
        try
        {
            using var compressed = new MemoryStream(file, offset, length, writable: false);
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            int got = inflater.ReadAtLeast(dest, dest.Length, throwOnEndOfStream: false);
            if (got < dest.Length)
                throw new ImageFormatException($"EXR: truncated ZIP data in chunk {chunk}: {got} of {dest.Length} bytes");
            Span<byte> probe = stackalloc byte[1];
            if (inflater.Read(probe) != 0)
                throw new ImageFormatException($"EXR: ZIP data in chunk {chunk} inflates to more than the {dest.Length} bytes expected");
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException($"EXR: corrupt ZIP data in chunk {chunk}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Expands OpenEXR RLE: a signed count byte n, then either -n literal bytes (n &lt; 0) or one
    /// byte repeated n + 1 times. The output must come out exactly <paramref name="dest"/>.Length long.
    /// </summary>
    public static void RleDecompress(ReadOnlySpan<byte> source, Span<byte> dest, int chunk)
    {
        int from = 0, to = 0;
        while (from < source.Length)
        {
            int count = (sbyte)source[from++];
            if (count < 0)
            {
                count = -count;
                if (source.Length - from < count || dest.Length - to < count)
                    throw new ImageFormatException($"EXR: corrupt RLE data in chunk {chunk}: a literal run overruns the data");
                source.Slice(from, count).CopyTo(dest[to..]);
                from += count;
                to += count;
            }
            else
            {
                count++;
                if (from >= source.Length || dest.Length - to < count)
                    throw new ImageFormatException($"EXR: corrupt RLE data in chunk {chunk}: a repeat run overruns the data");
                dest.Slice(to, count).Fill(source[from++]);
                to += count;
            }
        }
        if (to != dest.Length)
            throw new ImageFormatException($"EXR: truncated RLE data in chunk {chunk}: {to} of {dest.Length} bytes");
    }

    /// <summary>
    /// RLE compression matching <see cref="RleDecompress"/>: runs of 3 or more equal bytes become
    /// repeat runs, everything else literal runs (at most 127 bytes each).
    /// </summary>
    public static int RleCompress(ReadOnlySpan<byte> source, Span<byte> dest)
    {
        const int MaxRun = 127, MinRepeat = 3;
        int from = 0, to = 0;
        while (from < source.Length)
        {
            int run = 1;
            while (from + run < source.Length && run < MaxRun + 1 && source[from + run] == source[from]) run++;
            if (run >= MinRepeat)
            {
                if (dest.Length - to < 2) return -1;
                dest[to++] = (byte)(run - 1);
                dest[to++] = source[from];
                from += run;
                continue;
            }
            // A literal run lasts until the next stretch of MinRepeat equal bytes.
            int literal = 0;
            while (from + literal < source.Length && literal < MaxRun)
            {
                int at = from + literal;
                if (at + 2 < source.Length && source[at] == source[at + 1] && source[at] == source[at + 2]) break;
                literal++;
            }
            if (dest.Length - to < literal + 1) return -1;
            dest[to++] = (byte)(sbyte)-literal;
            source.Slice(from, literal).CopyTo(dest[to..]);
            to += literal;
            from += literal;
        }
        return to;
    }

    /// <summary>
    /// Decoding side of the ZIP/RLE preprocessing: undoes the byte-difference predictor in place,
    /// then interleaves the two halves (first half = even bytes, second half = odd bytes) into <paramref name="dest"/>.
    /// </summary>
    public static void UndoPredictorAndInterleave(Span<byte> source, Span<byte> dest)
    {
        for (int i = 1; i < source.Length; i++) source[i] = (byte)(source[i - 1] + source[i] - 128);
        int half = (source.Length + 1) / 2;
        var even = source[..half];
        var odd = source[half..];
        int n = 0;
        for (int i = 0; i < odd.Length; i++)
        {
            dest[n++] = even[i];
            dest[n++] = odd[i];
        }
        if (even.Length > odd.Length) dest[n] = even[^1];
    }

    /// <summary>Encoding side: splits <paramref name="source"/> into even then odd bytes and replaces each byte by its difference to the previous one (+128).</summary>
    public static void SplitAndPredict(ReadOnlySpan<byte> source, Span<byte> dest)
    {
        int half = (source.Length + 1) / 2;
        for (int i = 0, n = 0; n < source.Length; i++)
        {
            dest[i] = source[n++];
            if (n < source.Length) dest[half + i] = source[n++];
        }
        for (int i = dest.Length - 1; i > 0; i--) dest[i] = (byte)(dest[i] - dest[i - 1] + 128);
    }
}
