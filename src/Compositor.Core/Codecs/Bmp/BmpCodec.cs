using System.Buffers.Binary;
using System.Numerics;

namespace Compositor.Codecs.Bmp;

/// <summary>
/// Decodes Windows (and OS/2 1.x) bitmaps: 1, 4 and 8-bit palette images (uncompressed, RLE4,
/// RLE8), 16-bit (5-5-5 or bit fields), 24-bit and 32-bit (BGRx or bit fields, with alpha when a
/// mask says so); bottom-up and top-down rows.
/// </summary>
/// <remarks>
/// A 32-bit uncompressed file's fourth byte is read as alpha (as Blender does), unless it is 0 in
/// every pixel: then the writer left it unused and the image is opaque.
/// </remarks>
public static class BmpDecoder
{
    /// <summary>True when <paramref name="data"/> starts with "BM" and a known DIB header size.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 18 && data[0] == 'B' && data[1] == 'M'
        && BinaryPrimitives.ReadUInt32LittleEndian(data[14..]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;

    /// <summary>Decodes a whole BMP file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid BMP file or exceeds the limits.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported compression (JPEG, PNG, Huffman) or bit depth.</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ImageReadOptions.Default;
        if (data.Length < 26 || data[0] != 'B' || data[1] != 'M') throw new ImageFormatException("BMP: missing 'BM' signature or file shorter than the headers");
        uint dataOffset = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(10));
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(14));
        if (headerSize is not (12 or 16 or 40 or 52 or 56 or 64 or 108 or 124))
            throw new ImageFormatException($"BMP: unknown DIB header size {headerSize} (offset 14)");
        if (14 + headerSize > data.Length) throw new ImageFormatException($"BMP: truncated file: the {headerSize}-byte DIB header does not fit");
        var h = data.AsSpan(14, (int)headerSize);
        long width, height;
        int bpp, compression = 0;
        uint colorsUsed = 0;
        bool core = headerSize == 12;
        if (core)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(h[6..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(h[14..]);
            if (headerSize >= 20) compression = (int)BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
            if (headerSize >= 36) colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(h[32..]);
        }
        bool topDown = height < 0;
        height = Math.Abs(height);
        options.CheckSize("BMP", width, height);
        if (headerSize is 16 or 64 && compression > 2)
            throw new NotSupportedException($"BMP: OS/2 compression {compression} is not supported");
        switch (compression)
        {
            case 0 or 1 or 2 or 3 or 6: break;
            case 4: throw new NotSupportedException("BMP: JPEG-compressed bitmaps are not supported");
            case 5: throw new NotSupportedException("BMP: PNG-compressed bitmaps are not supported");
            default: throw new ImageFormatException($"BMP: unknown compression {compression} (offset 30)");
        }
        if (bpp is not (1 or 4 or 8 or 16 or 24 or 32))
        {
            if (bpp is 2 or 64) throw new NotSupportedException($"BMP: {bpp}-bit bitmaps are not supported");
            throw new ImageFormatException($"BMP: invalid bit depth {bpp} (offset 28)");
        }
        if ((compression == 1 && bpp != 8) || (compression == 2 && bpp != 4) || (compression is 3 or 6 && bpp is not (16 or 32)))
            throw new ImageFormatException($"BMP: compression {compression} does not go with {bpp} bits per pixel");
        if (compression is 1 or 2 && topDown) throw new ImageFormatException("BMP: run-length encoded bitmaps cannot be top-down");

        // Bit field masks: in the header (52+ bytes), or right after a 40-byte header.
        uint rMask = 0x7C00, gMask = 0x03E0, bMask = 0x001F, aMask = 0;
        if (bpp == 32) (rMask, gMask, bMask) = (0xFF0000, 0xFF00, 0xFF);
        int paletteStart = 14 + (int)headerSize;
        if (compression is 3 or 6)
        {
            int masksAt = headerSize >= 52 ? 14 + 40 : paletteStart;
            int maskCount = compression == 6 || headerSize >= 56 ? 4 : 3;
            if (masksAt + 4 * maskCount > data.Length) throw new ImageFormatException("BMP: truncated file: bit field masks missing");
            rMask = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(masksAt));
            gMask = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(masksAt + 4));
            bMask = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(masksAt + 8));
            if (maskCount == 4) aMask = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(masksAt + 12));
            if (headerSize == 40) paletteStart += 4 * maskCount;
            foreach (uint mask in new[] { rMask, gMask, bMask, aMask })
                if (mask != 0 && !IsContiguous(mask)) throw new ImageFormatException($"BMP: bit field mask 0x{mask:X8} is not one run of bits");
        }

        float[]? palette = null;
        if (bpp <= 8)
        {
            int entryBytes = core ? 3 : 4;
            long count = colorsUsed == 0 ? 1L << bpp : colorsUsed;
            if (count > 1 << bpp) count = 1 << bpp;
            if (paletteStart + count * entryBytes > data.Length) throw new ImageFormatException($"BMP: truncated file: the palette of {count} colors at offset {paletteStart} does not fit");
            palette = new float[(1 << bpp) * 4];
            for (int i = 0; i < count; i++)
            {
                int at = paletteStart + i * entryBytes;
                palette[4 * i] = data[at + 2] / 255f;
                palette[4 * i + 1] = data[at + 1] / 255f;
                palette[4 * i + 2] = data[at] / 255f;
                palette[4 * i + 3] = 1f;
            }
            for (long i = count; i < 1 << bpp; i++) palette[4 * i + 3] = 1f; // indices past the palette: opaque black
        }

        if (dataOffset >= data.Length) throw new ImageFormatException($"BMP: pixel data offset {dataOffset} is outside the file of {data.Length} bytes");
        int w = (int)width, hgt = (int)height;
        bool hasAlpha;
        float[] pixels;
        if (compression is 1 or 2)
        {
            // Delta moves let a few bytes cover many pixels, but not without bound.
            if (width * height > Math.Max(1L << 20, 8192L * (data.Length - dataOffset)))
                throw new ImageFormatException($"BMP: {data.Length - dataOffset} bytes of run-length data for a {width}x{height} image");
            pixels = new float[width * height * 4];
            DecodeRle(data, (int)dataOffset, compression == 1, w, hgt, palette!, pixels);
            hasAlpha = false;
        }
        else
        {
            long stride = ((width * bpp + 31) / 32) * 4;
            if (dataOffset + stride * (height - 1) + (width * bpp + 7) / 8 > data.Length)
                throw new ImageFormatException($"BMP: truncated file: {data.Length - dataOffset} bytes from offset {dataOffset} cannot hold {width}x{height} pixels of {bpp} bits");
            pixels = new float[width * height * 4];
            var output = pixels;
            bool alphaFromX = bpp == 32 && compression == 0;
            hasAlpha = aMask != 0 || (alphaFromX && AnyFourthByte(data, (int)dataOffset, (int)stride, w, hgt));
            if (alphaFromX && hasAlpha) aMask = 0xFF000000;
            var fields = new BitField[] { new(rMask), new(gMask), new(bMask), new(aMask) };
            CodecParallel.For(hgt, () => 0, (_, fileRow) =>
            {
                int y = topDown ? fileRow : hgt - 1 - fileRow;
                var row = data.AsSpan((int)(dataOffset + fileRow * stride));
                var dest = output.AsSpan(y * w * 4, w * 4);
                for (int x = 0; x < w; x++)
                {
                    var px = dest.Slice(4 * x, 4);
                    switch (bpp)
                    {
                        case 1 or 4 or 8:
                        {
                            int bit = x * bpp;
                            int index = (row[bit >> 3] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
                            palette.AsSpan(index * 4, 4).CopyTo(px);
                            break;
                        }
                        case 24:
                            px[0] = row[3 * x + 2] / 255f;
                            px[1] = row[3 * x + 1] / 255f;
                            px[2] = row[3 * x] / 255f;
                            px[3] = 1f;
                            break;
                        default:
                        {
                            uint value = bpp == 16 ? BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * x)..]) : BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * x)..]);
                            px[0] = fields[0].Read(value);
                            px[1] = fields[1].Read(value);
                            px[2] = fields[2].Read(value);
                            px[3] = fields[3].Mask == 0 ? 1f : fields[3].Read(value);
                            break;
                        }
                    }
                }
            });
        }
        return new DecodedImage(w, hgt, pixels)
        {
            Format = ImageFileFormat.Bmp,
            BitDepth = 8,
            SourceChannels = hasAlpha ? 4 : 3,
            HasAlpha = hasAlpha,
        };
    }

    /// <summary>Decodes a BMP file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid BMP file.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);

    private static bool IsContiguous(uint mask)
    {
        uint shifted = mask >> BitOperations.TrailingZeroCount(mask);
        return (shifted & (shifted + 1)) == 0;
    }

    private static bool AnyFourthByte(byte[] data, int offset, int stride, int width, int height)
    {
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (data[offset + y * stride + 4 * x + 3] != 0) return true;
        return false;
    }

    /// <summary>A color channel's bit field: mask, shift and the scale to 0..1.</summary>
    private readonly struct BitField
    {
        public BitField(uint mask)
        {
            Mask = mask;
            Shift = mask == 0 ? 0 : BitOperations.TrailingZeroCount(mask);
            Max = mask == 0 ? 1 : mask >> Shift;
        }

        public uint Mask { get; }
        public int Shift { get; }
        public float Max { get; }

        public float Read(uint value) => ((value & Mask) >> Shift) / Max;
    }

    /// <summary>RLE8 / RLE4 (always bottom-up): runs, literal runs, end of line, end of bitmap and delta moves.</summary>
    private static void DecodeRle(byte[] data, int pos, bool eight, int width, int height, float[] palette, float[] pixels)
    {
        var indices = new byte[(long)width * height];
        int x = 0, y = 0; // y counts file rows, from the bottom
        while (true)
        {
            if (pos + 1 >= data.Length) throw new ImageFormatException($"BMP: truncated RLE data at offset {pos}");
            int count = data[pos], value = data[pos + 1];
            pos += 2;
            if (count > 0)
            {
                for (int i = 0; i < count; i++, x++)
                {
                    int index = eight ? value : (i & 1) == 0 ? value >> 4 : value & 15;
                    if (x < width && y < height) indices[(long)y * width + x] = (byte)index;
                }
                continue;
            }
            switch (value)
            {
                case 0:
                    x = 0;
                    y++;
                    break;
                case 1:
                    goto done;
                case 2:
                    if (pos + 1 >= data.Length) throw new ImageFormatException($"BMP: truncated RLE delta at offset {pos}");
                    x += data[pos];
                    y += data[pos + 1];
                    pos += 2;
                    break;
                default:
                {
                    int bytes = eight ? value : (value + 1) / 2;
                    if (pos + bytes > data.Length) throw new ImageFormatException($"BMP: truncated RLE literal run at offset {pos}");
                    for (int i = 0; i < value; i++, x++)
                    {
                        int index = eight ? data[pos + i] : (i & 1) == 0 ? data[pos + i / 2] >> 4 : data[pos + i / 2] & 15;
                        if (x < width && y < height) indices[(long)y * width + x] = (byte)index;
                    }
                    pos += (bytes + 1) & ~1; // literal runs are padded to 16 bits
                    break;
                }
            }
            if (y >= height) break;
        }
    done:
        for (int fileRow = 0; fileRow < height; fileRow++)
        {
            int outRow = height - 1 - fileRow;
            for (int i = 0; i < width; i++)
                palette.AsSpan(indices[(long)fileRow * width + i] * 4, 4).CopyTo(pixels.AsSpan((outRow * width + i) * 4, 4));
        }
    }
}

/// <summary>
/// Encodes BMP files the way Blender and most tools read them: a BITMAPINFOHEADER, uncompressed,
/// bottom-up rows; 8-bit gray (with a gray palette), 24-bit BGR, or 32-bit BGRA with alpha in the
/// fourth byte (which Blender and OpenImageIO read as alpha).
/// </summary>
public static class BmpEncoder
{
    /// <summary>Encodes interleaved RGBA floats (0..1, rows top to bottom). Uses Channels of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= ImageWriteOptions.Default;
        EncoderInput.Validate(width, height, rgba, 1L << 28);
        int channels = options.Channels switch
        {
            ImageChannels.Gray or ImageChannels.GrayAlpha => 1,
            ImageChannels.Rgb => 3,
            _ => 4,
        };
        const int HeaderSize = 40;
        int paletteSize = channels == 1 ? 1024 : 0;
        int stride = (width * channels + 3) & ~3;
        long imageSize = (long)stride * height;
        long offset = 14 + HeaderSize + paletteSize;
        if (offset + imageSize > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(width), "the image is too large for a BMP file");

        var header = new byte[offset];
        header[0] = (byte)'B';
        header[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(2), (uint)(offset + imageSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(10), (uint)offset);
        var dib = header.AsSpan(14);
        BinaryPrimitives.WriteUInt32LittleEndian(dib, HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(dib[4..], width);
        BinaryPrimitives.WriteInt32LittleEndian(dib[8..], height);
        BinaryPrimitives.WriteUInt16LittleEndian(dib[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(dib[14..], (ushort)(channels * 8));
        // Compression 0 (BI_RGB) and colors used 0 (a full palette): Blender's reader accepts nothing else.
        BinaryPrimitives.WriteUInt32LittleEndian(dib[20..], (uint)imageSize);
        BinaryPrimitives.WriteInt32LittleEndian(dib[24..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(dib[28..], 2835);
        for (int i = 0; i < paletteSize / 4; i++)
        {
            int at = 14 + HeaderSize + 4 * i;
            header[at] = header[at + 1] = header[at + 2] = (byte)i;
        }
        output.Write(header);

        var row = new byte[stride];
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
            output.Write(row);
        }
    }
}
