using System.Buffers.Binary;

namespace Compositor.Codecs.Exr;

/// <summary>
/// PXR24 decompression (lossy for float channels only). The encoder rounded each float to 24 bits
/// (sign, exponent, 15 mantissa bits), then for every line and channel stored the differences
/// between neighbouring samples split into byte planes (most significant first: 4 planes for
/// uint, 3 for the 24-bit floats, 2 for half), and deflated the lot. Decoding sums the
/// differences back up; floats get their 8 dropped low bits as zeros.
/// </summary>
internal static class ExrPxr24
{
    public static void Decompress(byte[] file, int offset, int length, Span<byte> dest, ExrBlockRect rect,
        ExrChannelInfo[] channels, ref byte[] scratch, int chunk)
    {
        long planeBytes = 0;
        var samples = new (int Columns, int Rows)[channels.Length];
        for (int c = 0; c < channels.Length; c++)
        {
            samples[c] = ExrBlockLayout.SamplesIn(channels[c], rect);
            planeBytes += (long)samples[c].Columns * samples[c].Rows * PlaneCount(channels[c].PixelType);
        }
        if (scratch.Length < planeBytes) scratch = new byte[planeBytes];
        var planes = scratch.AsSpan(0, (int)planeBytes);
        ExrCompressors.ZlibDecompress(file, offset, length, planes, chunk);

        int from = 0, to = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                if (ExrBlockLayout.Modulo(y, channels[c].YSampling) != 0) continue;
                int n = samples[c].Columns;
                uint pixel = 0;
                switch (channels[c].PixelType)
                {
                    case ExrPixelType.UInt:
                        for (int i = 0; i < n; i++, to += 4)
                        {
                            uint difference = (uint)(planes[from + i] << 24 | planes[from + n + i] << 16 | planes[from + 2 * n + i] << 8 | planes[from + 3 * n + i]);
                            pixel += difference;
                            BinaryPrimitives.WriteUInt32LittleEndian(dest[to..], pixel);
                        }
                        from += 4 * n;
                        break;
                    case ExrPixelType.Half:
                        for (int i = 0; i < n; i++, to += 2)
                        {
                            uint difference = (uint)(planes[from + i] << 8 | planes[from + n + i]);
                            pixel += difference;
                            BinaryPrimitives.WriteUInt16LittleEndian(dest[to..], (ushort)pixel);
                        }
                        from += 2 * n;
                        break;
                    default:
                        for (int i = 0; i < n; i++, to += 4)
                        {
                            uint difference = (uint)(planes[from + i] << 24 | planes[from + n + i] << 16 | planes[from + 2 * n + i] << 8);
                            pixel += difference;
                            BinaryPrimitives.WriteUInt32LittleEndian(dest[to..], pixel);
                        }
                        from += 3 * n;
                        break;
                }
            }
        }
        if (to != dest.Length) throw new ImageFormatException($"EXR: PXR24 chunk {chunk} decodes to {to} bytes, expected {dest.Length}");
    }

    private static int PlaneCount(ExrPixelType type) => type switch
    {
        ExrPixelType.UInt => 4,
        ExrPixelType.Half => 2,
        _ => 3,
    };
}
