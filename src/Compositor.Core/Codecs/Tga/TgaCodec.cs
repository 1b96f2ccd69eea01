using System.Buffers.Binary;

namespace Compositor.Codecs.Tga;

/// <summary>
/// Decodes Truevision TGA files: uncompressed and run-length encoded; color-mapped (8-bit indices,
/// 15/16/24/32-bit palette entries), true-color (15/16, 24 and 32 bits) and gray (8 bits); either
/// origin (bottom-up or top-down, right-to-left). 32-bit images and 16-bit ones with an attribute
/// bit carry alpha.
/// </summary>
public static class TgaDecoder
{
    private const int HeaderSize = 18;

    /// <summary>
    /// True when <paramref name="data"/> has a plausible TGA header (TGA has no signature: the
    /// fields must hold values a TGA writer produces).
    /// </summary>
    public static bool LooksLikeTga(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize) return false;
        int mapType = data[1], type = data[2], depth = data[16], mapDepth = data[7];
        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]), height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        if (mapType > 1 || type is not (1 or 2 or 3 or 9 or 10 or 11) || width == 0 || height == 0) return false;
        if ((data[17] & 0xC0) != 0) return false; // interleaving bits: never set by modern writers
        bool mapped = (type & 7) == 1;
        if (mapped) return mapType == 1 && depth == 8 && mapDepth is 15 or 16 or 24 or 32;
        if ((type & 7) == 3) return depth == 8 || depth == 16;
        return depth is 15 or 16 or 24 or 32 && (mapType == 0 || mapDepth is 15 or 16 or 24 or 32);
    }

    /// <summary>Decodes a whole TGA file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid TGA file or exceeds the limits.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported pixel layout.</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ImageReadOptions.Default;
        if (data.Length < HeaderSize) throw new ImageFormatException($"TGA: file of {data.Length} bytes is shorter than the 18-byte header");
        int idLength = data[0], mapType = data[1], type = data[2];
        int mapFirst = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(3)), mapLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(5));
        int mapDepth = data[7];
        int width = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(12)), height = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(14));
        int depth = data[16], descriptor = data[17];
        if (mapType > 1) throw new ImageFormatException($"TGA: invalid color map type {mapType} (offset 1)");
        if (type is 0) throw new ImageFormatException("TGA: the file holds no image data (image type 0)");
        if (type is 32 or 33) throw new NotSupportedException("TGA: Huffman/delta compressed (type 32/33) files are not supported");
        if (type is not (1 or 2 or 3 or 9 or 10 or 11)) throw new ImageFormatException($"TGA: invalid image type {type} (offset 2)");
        bool rle = type >= 9, mapped = (type & 7) == 1, gray = (type & 7) == 3;
        options.CheckSize("TGA", width, height);
        if (mapped && (mapType != 1 || depth != 8))
            throw new NotSupportedException($"TGA: color-mapped images with {depth}-bit indices are not supported (8-bit only)");
        if (gray && depth is not (8 or 16)) throw new ImageFormatException($"TGA: invalid gray pixel depth {depth} (offset 16)");
        if (!mapped && !gray && depth is not (15 or 16 or 24 or 32)) throw new ImageFormatException($"TGA: invalid true-color pixel depth {depth} (offset 16)");
        int alphaBits = descriptor & 15;

        int pos = HeaderSize + idLength;
        float[]? palette = null;
        if (mapType == 1)
        {
            if (mapDepth is not (15 or 16 or 24 or 32)) throw new ImageFormatException($"TGA: invalid color map entry size {mapDepth} (offset 7)");
            int entryBytes = (mapDepth + 7) / 8;
            long mapBytes = (long)mapLength * entryBytes;
            if (pos + mapBytes > data.Length) throw new ImageFormatException($"TGA: truncated file: the color map of {mapLength} entries at offset {pos} does not fit");
            if (mapped)
            {
                palette = new float[(mapFirst + mapLength) * 4];
                for (int i = 0; i < mapLength; i++)
                    ReadPixel(data.AsSpan(pos + i * entryBytes), mapDepth, alphaBits, palette.AsSpan((mapFirst + i) * 4, 4));
            }
            pos += (int)mapBytes;
        }

        int pixelBytes = (depth + 7) / 8;
        long pixelCount = (long)width * height;
        long rawBytes = pixelCount * pixelBytes;
        // RLE expands a 1+n byte packet to at most 128 pixels.
        if ((!rle && data.Length - pos < rawBytes) || (rle && (data.Length - pos) * 128L < pixelCount))
            throw new ImageFormatException($"TGA: truncated file: {data.Length - pos} bytes from offset {pos} cannot hold {width}x{height} pixels of {depth} bits");

        byte[] raw;
        if (rle)
        {
            raw = new byte[rawBytes];
            int to = 0;
            while (to < raw.Length)
            {
                if (pos >= data.Length) throw new ImageFormatException($"TGA: truncated RLE data at offset {pos} ({to / pixelBytes} of {pixelCount} pixels)");
                int packet = data[pos++];
                int count = (packet & 0x7F) + 1;
                int bytes = Math.Min(count * pixelBytes, raw.Length - to); // a last packet running past the image is tolerated
                if ((packet & 0x80) != 0)
                {
                    if (data.Length - pos < pixelBytes) throw new ImageFormatException($"TGA: truncated RLE packet at offset {pos}");
                    for (int i = 0; i < bytes; i += pixelBytes) data.AsSpan(pos, pixelBytes).CopyTo(raw.AsSpan(to + i));
                    pos += pixelBytes;
                }
                else
                {
                    if (data.Length - pos < count * pixelBytes) throw new ImageFormatException($"TGA: truncated RLE packet at offset {pos}");
                    data.AsSpan(pos, bytes).CopyTo(raw.AsSpan(to));
                    pos += count * pixelBytes;
                }
                to += bytes;
            }
        }
        else
        {
            raw = data.AsSpan(pos, (int)rawBytes).ToArray();
        }

        bool topDown = (descriptor & 0x20) != 0, rightToLeft = (descriptor & 0x10) != 0;
        bool hasAlpha = mapped ? mapDepth == 32 || (mapDepth == 16 && alphaBits > 0) : depth == 32 || (depth == 16 && !gray && alphaBits > 0) || (gray && depth == 16);
        var pixels = new float[pixelCount * 4];
        int paletteEntries = palette is null ? 0 : palette.Length / 4;
        CodecParallel.For(height, () => 0, (_, row) =>
        {
            int y = topDown ? row : height - 1 - row;
            for (int column = 0; column < width; column++)
            {
                int x = rightToLeft ? width - 1 - column : column;
                var dest = pixels.AsSpan((y * width + x) * 4, 4);
                var source = raw.AsSpan((row * width + column) * pixelBytes, pixelBytes);
                if (mapped)
                {
                    int index = source[0];
                    if (index < mapFirst || index >= paletteEntries)
                        throw new ImageFormatException($"TGA: color index {index} outside the color map ({mapFirst}..{paletteEntries - 1})");
                    palette.AsSpan(index * 4, 4).CopyTo(dest);
                }
                else if (gray)
                {
                    float v = source[0] / 255f;
                    dest[0] = dest[1] = dest[2] = v;
                    dest[3] = depth == 16 ? source[1] / 255f : 1f;
                }
                else
                {
                    ReadPixel(source, depth, alphaBits, dest);
                }
            }
        });
        return new DecodedImage(width, height, pixels)
        {
            Format = ImageFileFormat.Tga,
            BitDepth = 8,
            SourceChannels = gray ? (depth == 16 ? 2 : 1) : hasAlpha ? 4 : 3,
            HasAlpha = hasAlpha,
        };
    }

    /// <summary>One BGR(A) pixel of <paramref name="depth"/> bits to normalized RGBA.</summary>
    private static void ReadPixel(ReadOnlySpan<byte> source, int depth, int alphaBits, Span<float> rgba)
    {
        switch (depth)
        {
            case 15:
            case 16:
            {
                int v = source[0] | source[1] << 8;
                rgba[0] = ((v >> 10) & 31) / 31f;
                rgba[1] = ((v >> 5) & 31) / 31f;
                rgba[2] = (v & 31) / 31f;
                rgba[3] = depth == 16 && alphaBits > 0 ? (v >> 15) & 1 : 1f;
                break;
            }
            case 24:
                rgba[0] = source[2] / 255f;
                rgba[1] = source[1] / 255f;
                rgba[2] = source[0] / 255f;
                rgba[3] = 1f;
                break;
            default:
                rgba[0] = source[2] / 255f;
                rgba[1] = source[1] / 255f;
                rgba[2] = source[0] / 255f;
                rgba[3] = source[3] / 255f;
                break;
        }
    }

    /// <summary>Decodes a TGA file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid TGA file.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);
}

/// <summary>
/// Encodes TGA files as Blender writes them: 8-bit gray, 24-bit BGR or 32-bit BGRA (alpha
/// straight), bottom-up rows, run-length encoded (<see cref="ImageWriteOptions.TgaRle"/>) or raw.
/// </summary>
public static class TgaEncoder
{
    /// <summary>Encodes interleaved RGBA floats (0..1, rows top to bottom). Uses Channels and TgaRle of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The sizes do not match, or a side exceeds 65535.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, 1L << 32);
        if (width > 65535 || height > 65535) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: TGA images are at most 65535 pixels on a side");
        int channels = options.Channels switch
        {
            ImageChannels.Gray or ImageChannels.GrayAlpha => 1,
            ImageChannels.Rgb => 3,
            _ => 4,
        };
        var header = new byte[18];
        header[2] = (byte)((channels == 1 ? 3 : 2) + (options.TgaRle ? 8 : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), (ushort)height);
        header[16] = (byte)(channels * 8);
        header[17] = (byte)(channels == 4 ? 8 : 0); // 8 alpha bits; origin bottom-left
        output.Write(header);

        var row = new byte[width * channels];
        var packed = new List<byte>(width * channels + width / 64 + 8);
        for (int fileRow = 0; fileRow < height; fileRow++)
        {
            var source = rgba.Slice((height - 1 - fileRow) * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                float r = source[4 * x], g = source[4 * x + 1], b = source[4 * x + 2];
                if (channels == 1)
                {
                    row[x] = EncoderInput.To8(EncoderInput.Gray(r, g, b));
                    continue;
                }
                row[x * channels] = EncoderInput.To8(b);
                row[x * channels + 1] = EncoderInput.To8(g);
                row[x * channels + 2] = EncoderInput.To8(r);
                if (channels == 4) row[x * channels + 3] = EncoderInput.To8(source[4 * x + 3]);
            }
            if (!options.TgaRle)
            {
                output.Write(row);
                continue;
            }
            packed.Clear();
            RleRow(row, channels, packed);
            output.Write(packed.ToArray());
        }
        // TGA 2.0 footer: no extension or developer area.
        output.Write(new byte[8]);
        output.Write("TRUEVISION-XFILE.\0"u8);
    }

    private static bool Same(ReadOnlySpan<byte> row, int pixelBytes, int a, int b) =>
        row.Slice(a * pixelBytes, pixelBytes).SequenceEqual(row.Slice(b * pixelBytes, pixelBytes));

    /// <summary>Run-length codes one row (packets never cross rows): runs of 2+ equal pixels, literal packets otherwise.</summary>
    private static void RleRow(ReadOnlySpan<byte> row, int pixelBytes, List<byte> output)
    {
        int width = row.Length / pixelBytes;
        int x = 0;
        while (x < width)
        {
            int run = 1;
            while (x + run < width && run < 128 && Same(row, pixelBytes, x, x + run)) run++;
            if (run >= 2)
            {
                output.Add((byte)(0x80 | (run - 1)));
                for (int i = 0; i < pixelBytes; i++) output.Add(row[x * pixelBytes + i]);
                x += run;
                continue;
            }
            int literal = 1;
            while (x + literal < width && literal < 128 && !(x + literal + 1 < width && Same(row, pixelBytes, x + literal, x + literal + 1))) literal++;
            output.Add((byte)(literal - 1));
            for (int i = 0; i < literal * pixelBytes; i++) output.Add(row[x * pixelBytes + i]);
            x += literal;
        }
    }
}
