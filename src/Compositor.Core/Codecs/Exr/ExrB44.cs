using System.Buffers.Binary;

namespace Compositor.Codecs.Exr;

/// <summary>
/// B44 and B44A decompression (lossy, half channels only). Each half channel is cut into 4x4
/// blocks; a block is stored in 14 bytes (its first value, a shift, and fifteen 6-bit scaled
/// differences) or, for B44A, in 3 bytes when all 16 values are equal. Float and uint channels
/// are stored raw. Channels are stored one after another (planar) and interleaved back into
/// scanlines at the end.
/// </summary>
internal static class ExrB44
{
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> dest, ExrBlockRect rect,
        ExrChannelInfo[] channels, ref byte[] scratch, int chunk)
    {
        // Planar words for every channel, in channel order.
        var samples = new (int Columns, int Rows)[channels.Length];
        var starts = new int[channels.Length];
        int total = 0;
        for (int c = 0; c < channels.Length; c++)
        {
            samples[c] = ExrBlockLayout.SamplesIn(channels[c], rect);
            starts[c] = total;
            total += samples[c].Columns * samples[c].Rows * channels[c].BytesPerSample / 2;
        }
        if (scratch.Length < total * 2) scratch = new byte[total * 2];
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(scratch.AsSpan(0, total * 2));

        Span<ushort> block = stackalloc ushort[16];
        int at = 0;
        for (int c = 0; c < channels.Length; c++)
        {
            var (columns, rows) = samples[c];
            var plane = words.Slice(starts[c], columns * rows * channels[c].BytesPerSample / 2);
            if (channels[c].PixelType != ExrPixelType.Half)
            {
                int bytes = plane.Length * 2;
                if (source.Length - at < bytes) throw Truncated(chunk);
                for (int i = 0; i < plane.Length; i++) plane[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(at + 2 * i)..]);
                at += bytes;
                continue;
            }
            if (channels[c].PerceptuallyLinear)
                throw new NotSupportedException($"EXR: B44 compression of perceptually linear channel '{channels[c].Name}' is not supported");
            for (int y = 0; y < rows; y += 4)
            {
                for (int x = 0; x < columns; x += 4)
                {
                    if (source.Length - at < 3) throw Truncated(chunk);
                    if (source[at + 2] >= 13 << 2)
                    {
                        UnpackFlat(source.Slice(at, 3), block);
                        at += 3;
                    }
                    else
                    {
                        if (source.Length - at < 14) throw Truncated(chunk);
                        Unpack14(source.Slice(at, 14), block);
                        at += 14;
                    }
                    // Blocks on the right and bottom edges hold padding beyond the channel; drop it.
                    int width = Math.Min(4, columns - x), height = Math.Min(4, rows - y);
                    for (int dy = 0; dy < height; dy++)
                        block.Slice(dy * 4, width).CopyTo(plane.Slice((y + dy) * columns + x, width));
                }
            }
        }

        // Planes back to scanlines: per line, per channel sampled on it, its words.
        var next = (int[])starts.Clone();
        int to = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                if (ExrBlockLayout.Modulo(y, channels[c].YSampling) != 0) continue;
                int count = samples[c].Columns * channels[c].BytesPerSample / 2;
                for (int i = 0; i < count; i++, to += 2)
                    BinaryPrimitives.WriteUInt16LittleEndian(dest[to..], words[next[c] + i]);
                next[c] += count;
            }
        }
        if (to != dest.Length) throw new ImageFormatException($"EXR: B44 chunk {chunk} decodes to {to} bytes, expected {dest.Length}");
    }

    private static ImageFormatException Truncated(int chunk) => new($"EXR: truncated B44 data in chunk {chunk}");

    /// <summary>
    /// A 14-byte block: value 0 in 16 bits, a 6-bit shift, then 6-bit differences (scaled by
    /// 2^shift, biased by 32) down the first column and along each row. Values are stored in an
    /// order-preserving transform of the half bits, undone at the end.
    /// </summary>
    private static void Unpack14(ReadOnlySpan<byte> b, Span<ushort> s)
    {
        int shift = b[2] >> 2;
        int bias = 0x20 << shift;
        int Step(int previous, int bits) => (previous + ((bits & 0x3F) << shift) - bias) & 0xFFFF;

        s[0] = (ushort)(b[0] << 8 | b[1]);
        s[4] = (ushort)Step(s[0], b[2] << 4 | b[3] >> 4);
        s[8] = (ushort)Step(s[4], b[3] << 2 | b[4] >> 6);
        s[12] = (ushort)Step(s[8], b[4]);
        s[1] = (ushort)Step(s[0], b[5] >> 2);
        s[5] = (ushort)Step(s[4], b[5] << 4 | b[6] >> 4);
        s[9] = (ushort)Step(s[8], b[6] << 2 | b[7] >> 6);
        s[13] = (ushort)Step(s[12], b[7]);
        s[2] = (ushort)Step(s[1], b[8] >> 2);
        s[6] = (ushort)Step(s[5], b[8] << 4 | b[9] >> 4);
        s[10] = (ushort)Step(s[9], b[9] << 2 | b[10] >> 6);
        s[14] = (ushort)Step(s[13], b[10]);
        s[3] = (ushort)Step(s[2], b[11] >> 2);
        s[7] = (ushort)Step(s[6], b[11] << 4 | b[12] >> 4);
        s[11] = (ushort)Step(s[10], b[12] << 2 | b[13] >> 6);
        s[15] = (ushort)Step(s[14], b[13]);
        for (int i = 0; i < 16; i++) s[i] = FromOrdered(s[i]);
    }

    /// <summary>A 3-byte B44A block: all 16 values equal.</summary>
    private static void UnpackFlat(ReadOnlySpan<byte> b, Span<ushort> s) =>
        s.Fill(FromOrdered((ushort)(b[0] << 8 | b[1])));

    /// <summary>
    /// The encoder maps half bits so that integer order follows numeric order (negative values
    /// inverted, positive ones with the top bit set); this is the inverse.
    /// </summary>
    private static ushort FromOrdered(ushort v) => (v & 0x8000) != 0 ? (ushort)(v & 0x7FFF) : (ushort)~v;
}
