namespace Compositor.Codecs.Jpeg;

/// <summary>
/// A decoding Huffman table (T.81 annex C and F.2.2.3): a 9-bit lookahead table for the common
/// short codes and the canonical MAXCODE / VALPTR procedure for the longer ones.
/// </summary>
internal sealed class JpegHuffmanTable
{
    public const int LookupBits = 9;

    /// <summary>For each 9-bit prefix: <c>length &lt;&lt; 8 | value</c> of the code it starts with, or 0 when the code is longer.</summary>
    public readonly ushort[] Lookup = new ushort[1 << LookupBits];

    /// <summary>Largest code of each length 1..16 (index = length), -1 when there is none; entry 17 is a sentinel.</summary>
    public readonly int[] MaxCode = new int[18];

    /// <summary>Index into <see cref="Values"/> of the first code of each length, minus that code.</summary>
    public readonly int[] ValueOffset = new int[17];

    /// <summary>The symbols, in order of increasing code.</summary>
    public readonly byte[] Values;

    /// <summary>Builds the table from the 16 code counts and the symbol list of a DHT segment.</summary>
    /// <exception cref="ImageFormatException">The counts describe more codes than fit in 16 bits, or more than 256 symbols.</exception>
    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        Values = values.ToArray();
        int code = 0, index = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            ValueOffset[length] = index - code;
            if (count == 0)
            {
                MaxCode[length] = -1;
            }
            else
            {
                for (int i = 0; i < count; i++, index++, code++)
                {
                    if (length <= LookupBits)
                    {
                        int shift = LookupBits - length;
                        int first = code << shift;
                        for (int j = 0; j < 1 << shift; j++) Lookup[first + j] = (ushort)(length << 8 | Values[index]);
                    }
                }
                MaxCode[length] = code - 1;
            }
            // After the codes of this length, every code must still fit in `length` bits (T.81 C.2).
            if (code > 1 << length) throw new ImageFormatException("JPEG: DHT: Huffman code lengths overflow (more codes than fit in 16 bits)");
            code <<= 1;
        }
        MaxCode[17] = int.MaxValue;
    }
}
