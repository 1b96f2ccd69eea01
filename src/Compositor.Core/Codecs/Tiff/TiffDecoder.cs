using System.Buffers.Binary;

namespace Compositor.Codecs.Tiff;

/// <summary>
/// Decodes the first image of a TIFF file (TIFF 6.0): either byte order; strips or tiles; chunky
/// or planar samples; uncompressed, LZW, Deflate (8 and 32946) or PackBits, with predictor 2
/// (horizontal differencing) or 3 (floating point); 1/2/4/8/16/32-bit unsigned integer, 16/32/64-bit
/// float samples; bilevel/gray (either polarity), palette, RGB and CMYK, with an alpha channel
/// (associated or unassociated) from ExtraSamples; the Orientation tag.
/// </summary>
/// <remarks>
/// Not supported (<see cref="NotSupportedException"/>): BigTIFF, JPEG / old JPEG / CCITT / JBIG and
/// other compressions, YCbCr, CIE L*a*b* and LogLuv photometrics, signed integer samples, old-style LZW.
/// Integer samples are normalized by <c>2^bits - 1</c>; float samples are returned as stored.
/// </remarks>
public static class TiffDecoder
{
    /// <summary>True when <paramref name="data"/> starts with a TIFF (or BigTIFF) header.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && ((data[0] == 'I' && data[1] == 'I' && data[2] is 42 or 43 && data[3] == 0)
                             || (data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] is 42 or 43));

    /// <summary>Decodes the first image of a TIFF file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid TIFF file or exceeds the limits.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported compression, photometric interpretation or sample format.</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TiffReader(data, options ?? ImageReadOptions.Default).Decode();
    }

    /// <summary>Decodes a TIFF file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid TIFF file.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported feature.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);
}

/// <summary>TIFF tag numbers used here.</summary>
internal static class TiffTag
{
    public const int ImageWidth = 256, ImageLength = 257, BitsPerSample = 258, Compression = 259, Photometric = 262,
        FillOrder = 266, StripOffsets = 273, Orientation = 274, SamplesPerPixel = 277, RowsPerStrip = 278,
        StripByteCounts = 279, XResolution = 282, YResolution = 283, PlanarConfiguration = 284, ResolutionUnit = 296,
        Software = 305, Predictor = 317, ColorMap = 320, TileWidth = 322, TileLength = 323, TileOffsets = 324,
        TileByteCounts = 325, InkSet = 332, ExtraSamples = 338, SampleFormat = 339;
}

/// <summary>One IFD entry: its type, count and where its values are.</summary>
internal readonly record struct TiffEntry(int Tag, int Type, long Count, int ValueOffset);

/// <summary>Decoding state of one TIFF file.</summary>
internal sealed class TiffReader
{
    private readonly byte[] _data;
    private readonly ImageReadOptions _options;
    private readonly bool _little;
    private readonly Dictionary<int, TiffEntry> _entries = [];

    public TiffReader(byte[] data, ImageReadOptions options)
    {
        _data = data;
        _options = options;
        if (data.Length < 8) throw new ImageFormatException($"TIFF: file of {data.Length} bytes is shorter than the 8-byte header");
        if (data[0] == 'I' && data[1] == 'I') _little = true;
        else if (data[0] == 'M' && data[1] == 'M') _little = false;
        else throw new ImageFormatException("TIFF: bad byte-order mark (not a TIFF file)");
    }

    private int U16(int at) => _little ? BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
    private uint U32(int at) => _little ? BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));

    private static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };

    public DecodedImage Decode()
    {
        int magic = U16(2);
        if (magic == 43) throw new NotSupportedException("TIFF: BigTIFF files are not supported");
        if (magic != 42) throw new ImageFormatException($"TIFF: bad magic number {magic} (expected 42)");
        uint ifd = U32(4);
        if (ifd < 8 || ifd > _data.Length - 2) throw new ImageFormatException($"TIFF: first IFD offset {ifd} is outside the file of {_data.Length} bytes");
        ReadDirectory((int)ifd);

        long width = Single(TiffTag.ImageWidth), height = Single(TiffTag.ImageLength);
        _options.CheckSize("TIFF", width, height);
        int compression = (int)Single(TiffTag.Compression, 1);
        int photometric = (int)Single(TiffTag.Photometric, -1);
        int spp = (int)Single(TiffTag.SamplesPerPixel, 1);
        if (spp is < 1 or > 16) throw new ImageFormatException($"TIFF: invalid SamplesPerPixel {spp}");
        var bitsPerSample = Values(TiffTag.BitsPerSample) ?? [1];
        int bits = (int)bitsPerSample[0];
        foreach (long b in bitsPerSample)
            if (b != bits) throw new NotSupportedException($"TIFF: samples of different sizes ({string.Join(",", bitsPerSample)} bits) are not supported");
        var formats = Values(TiffTag.SampleFormat) ?? [1];
        int format = (int)formats[0];
        foreach (long f in formats)
            if (f != format) throw new NotSupportedException("TIFF: samples of different formats are not supported");
        if (format == 2) throw new NotSupportedException("TIFF: signed integer samples are not supported");
        if (format is not (1 or 3 or 4)) throw new ImageFormatException($"TIFF: invalid SampleFormat {format}");
        if (format == 4) format = 1; // "undefined": treat as unsigned
        bool isFloat = format == 3;
        if (isFloat ? bits is not (16 or 32 or 64) : bits is not (1 or 2 or 4 or 8 or 16 or 32))
        {
            if (bits is >= 1 and <= 64) throw new NotSupportedException($"TIFF: {bits}-bit {(isFloat ? "float" : "integer")} samples are not supported");
            throw new ImageFormatException($"TIFF: invalid BitsPerSample {bits}");
        }
        int planar = (int)Single(TiffTag.PlanarConfiguration, 1);
        if (planar is not (1 or 2)) throw new ImageFormatException($"TIFF: invalid PlanarConfiguration {planar}");
        int predictor = (int)Single(TiffTag.Predictor, 1);
        if (predictor is not (1 or 2 or 3)) throw new NotSupportedException($"TIFF: predictor {predictor} is not supported");
        if (predictor == 2 && bits < 8) throw new ImageFormatException($"TIFF: horizontal differencing with {bits}-bit samples");
        if (predictor == 3 && !isFloat) throw new ImageFormatException("TIFF: floating-point predictor on integer samples");
        int fillOrder = (int)Single(TiffTag.FillOrder, 1);
        int orientation = (int)Single(TiffTag.Orientation, 1);
        if (orientation is < 1 or > 8) orientation = 1;
        CheckCompression(compression);

        // Color channels from the photometric interpretation.
        if (photometric < 0)
        {
            // Missing (not allowed, but common in sloppy writers): guess from the channel count.
            photometric = spp >= 3 ? 2 : 1;
        }
        int colors = photometric switch
        {
            0 or 1 or 3 => 1,
            2 => 3,
            5 => 4,
            4 => throw new NotSupportedException("TIFF: transparency masks (photometric 4) are not supported"),
            6 => throw new NotSupportedException("TIFF: YCbCr images are not supported"),
            8 or 9 or 10 => throw new NotSupportedException("TIFF: CIE L*a*b* images are not supported"),
            32844 or 32845 => throw new NotSupportedException("TIFF: LogL / LogLuv images are not supported"),
            _ => throw new NotSupportedException($"TIFF: photometric interpretation {photometric} is not supported"),
        };
        if (photometric == 5 && Single(TiffTag.InkSet, 1) != 1) throw new NotSupportedException("TIFF: separated images other than CMYK are not supported");
        if (spp < colors) throw new ImageFormatException($"TIFF: {spp} samples per pixel cannot hold photometric interpretation {photometric}");
        if (photometric == 3 && (isFloat || bits > 16)) throw new ImageFormatException($"TIFF: palette image with {bits}-bit {(isFloat ? "float" : "integer")} samples");
        int alphaIndex = -1;
        bool associated = false;
        var extra = Values(TiffTag.ExtraSamples);
        if (spp > colors)
        {
            if (extra is null)
            {
                if (spp == colors + 1) alphaIndex = colors; // undeclared but common: the extra sample is alpha
            }
            else if (extra.Length > 0 && extra[0] is 1 or 2)
            {
                alphaIndex = colors;
                associated = extra[0] == 1;
            }
        }

        float[]? colorMap = null;
        if (photometric == 3)
        {
            var map = Values(TiffTag.ColorMap) ?? throw new ImageFormatException("TIFF: palette image without a ColorMap");
            int entries = 1 << bits;
            if (map.Length != 3 * entries) throw new ImageFormatException($"TIFF: ColorMap has {map.Length} values, expected {3 * entries}");
            colorMap = new float[entries * 3];
            for (int i = 0; i < entries; i++)
                for (int c = 0; c < 3; c++) colorMap[i * 3 + c] = map[c * entries + i] / 65535f;
        }

        // Chunks: strips or tiles.
        bool tiled = _entries.ContainsKey(TiffTag.TileWidth);
        int w = (int)width, h = (int)height;
        int chunkWidth, chunkHeight;
        long[] offsets, counts;
        if (tiled)
        {
            long tileWidth = Single(TiffTag.TileWidth), tileHeight = Single(TiffTag.TileLength);
            if (tileWidth < 1 || tileHeight < 1 || tileWidth > 65536 || tileHeight > 65536)
                throw new ImageFormatException($"TIFF: invalid tile size {tileWidth}x{tileHeight}");
            chunkWidth = (int)tileWidth;
            chunkHeight = (int)tileHeight;
            offsets = Values(TiffTag.TileOffsets) ?? throw new ImageFormatException("TIFF: tiled image without TileOffsets");
            counts = Values(TiffTag.TileByteCounts) ?? throw new ImageFormatException("TIFF: tiled image without TileByteCounts");
        }
        else
        {
            long rows = Single(TiffTag.RowsPerStrip, uint.MaxValue);
            if (rows < 1) throw new ImageFormatException("TIFF: RowsPerStrip is 0");
            chunkWidth = w;
            chunkHeight = (int)Math.Min(rows, height);
            offsets = Values(TiffTag.StripOffsets) ?? throw new ImageFormatException("TIFF: image without StripOffsets");
            counts = Values(TiffTag.StripByteCounts) ?? (compression == 1 && offsets.Length == 1
                ? new[] { Math.Max(0, _data.Length - offsets[0]) } // libtiff also guesses a lone missing count for uncompressed data
                : throw new ImageFormatException("TIFF: image without StripByteCounts"));
        }
        int across = (w + chunkWidth - 1) / chunkWidth, down = (h + chunkHeight - 1) / chunkHeight;
        int planes = planar == 2 ? spp : 1;
        long chunkCount = (long)across * down * planes;
        if (offsets.Length < chunkCount || counts.Length < chunkCount)
            throw new ImageFormatException($"TIFF: {offsets.Length} offsets and {counts.Length} byte counts for {chunkCount} {(tiled ? "tiles" : "strips")}");
        int samplesPerChunkPixel = planar == 2 ? 1 : spp;
        long rowBytes = ((long)chunkWidth * samplesPerChunkPixel * bits + 7) / 8;
        long chunkBytes = rowBytes * chunkHeight;
        long imageBytes = ((long)w * spp * bits + 7) / 8 * h;
        // A tile may be larger than a small image, but not absurdly: it costs a buffer per thread.
        if (chunkBytes > Array.MaxLength || (tiled && chunkBytes > Math.Max(4 * imageBytes, 1 << 24)))
            throw new ImageFormatException($"TIFF: a {(tiled ? "tile" : "strip")} of {chunkBytes} bytes is too large for a {w}x{h} image");
        long maxRatio = compression switch { 1 => 1, 32773 => 128, _ => 4096 };
        long totalCompressed = 0;
        for (int i = 0; i < chunkCount; i++)
        {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] > _data.Length || counts[i] > _data.Length - offsets[i])
                throw new ImageFormatException($"TIFF: {(tiled ? "tile" : "strip")} {i} (offset {offsets[i]}, {counts[i]} bytes) lies outside the file of {_data.Length} bytes");
            totalCompressed += counts[i];
        }
        long rawTotal = (long)spp * bits * w / 8 * h;
        if (rawTotal > totalCompressed * maxRatio + 65536)
            throw new ImageFormatException($"TIFF: truncated file: {totalCompressed} bytes of image data cannot hold a {w}x{h} image of {spp}x{bits}-bit samples");

        // Decode every chunk into planes of normalized samples (palette indices stay raw).
        var samples = new float[spp][];
        for (int s = 0; s < spp; s++) samples[s] = new float[(long)w * h];
        int bytesPerSample = Math.Max(1, bits / 8);
        bool bigSamples = !_little;
        CodecParallel.For((int)chunkCount, () => new byte[chunkBytes], (buffer, index) =>
        {
            int plane = index / (across * down), within = index % (across * down);
            int cx = within % across, cy = within / across;
            string where = $"{(tiled ? "tile" : "strip")} {index} (offset {offsets[index]})";
            int x0 = cx * chunkWidth, y0 = cy * chunkHeight;
            int rowsHere = tiled ? chunkHeight : Math.Min(chunkHeight, h - y0);
            int expected = (int)(rowBytes * rowsHere);
            var raw = buffer.AsSpan(0, expected);
            int got = Decompress(compression, (int)offsets[index], (int)counts[index], fillOrder == 2, raw, where);
            if (got < expected)
            {
                // libtiff tolerates short strips in the last row of chunks; we require whole rows to be there.
                throw new ImageFormatException($"TIFF: {where} holds {got} bytes, expected {expected}");
            }
            bool big = bigSamples;
            if (predictor == 2) UndoHorizontalDifferencing(raw, (int)rowBytes, rowsHere, samplesPerChunkPixel, bytesPerSample, _little);
            if (predictor == 3)
            {
                UndoFloatPredictor(raw, (int)rowBytes, rowsHere, samplesPerChunkPixel, bytesPerSample, chunkWidth);
                big = true;
            }
            for (int r = 0; r < rowsHere; r++)
            {
                int y = y0 + r;
                if (y >= h) break;
                var row = raw.Slice((int)(r * rowBytes), (int)rowBytes);
                int columns = Math.Min(chunkWidth, w - x0);
                for (int c = 0; c < columns; c++)
                {
                    long pixel = (long)y * w + x0 + c;
                    for (int s = 0; s < samplesPerChunkPixel; s++)
                    {
                        int sampleIndex = c * samplesPerChunkPixel + s;
                        samples[planar == 2 ? plane : s][pixel] = ReadSample(row, sampleIndex, bits, isFloat, big, photometric == 3);
                    }
                }
            }
        });

        var pixels = new float[(long)w * h * 4];
        CodecParallel.For(h, () => 0, (_, y) =>
        {
            for (int x = 0; x < w; x++)
            {
                long i = (long)y * w + x;
                var px = pixels.AsSpan((int)(i * 4), 4);
                switch (photometric)
                {
                    case 0:
                        px[0] = px[1] = px[2] = isFloat ? samples[0][i] : 1f - samples[0][i];
                        break;
                    case 1:
                        px[0] = px[1] = px[2] = samples[0][i];
                        break;
                    case 3:
                    {
                        int index = (int)samples[0][i];
                        px[0] = colorMap![index * 3];
                        px[1] = colorMap[index * 3 + 1];
                        px[2] = colorMap[index * 3 + 2];
                        break;
                    }
                    case 5:
                    {
                        float k = 1f - samples[3][i];
                        px[0] = (1f - samples[0][i]) * k;
                        px[1] = (1f - samples[1][i]) * k;
                        px[2] = (1f - samples[2][i]) * k;
                        break;
                    }
                    default:
                        px[0] = samples[0][i];
                        px[1] = samples[1][i];
                        px[2] = samples[2][i];
                        break;
                }
                px[3] = alphaIndex >= 0 ? samples[alphaIndex][i] : 1f;
            }
        });

        int outWidth = w, outHeight = h;
        bool applied = false;
        if (_options.ApplyOrientation && orientation != 1)
        {
            (pixels, outWidth, outHeight) = Orientation.Apply(pixels, w, h, orientation);
            applied = true;
        }
        return new DecodedImage(outWidth, outHeight, pixels)
        {
            Format = ImageFileFormat.Tiff,
            IsFloat = isFloat,
            BitDepth = photometric == 3 ? 8 : bits,
            SourceChannels = (colors == 1 && photometric != 3 ? 1 : 3) + (alphaIndex >= 0 ? 1 : 0),
            HasAlpha = alphaIndex >= 0,
            AlphaPremultiplied = associated,
            Orientation = orientation,
            OrientationApplied = applied,
        };
    }

    private static void CheckCompression(int compression)
    {
        switch (compression)
        {
            case 1 or 5 or 8 or 32946 or 32773: return;
            case 2 or 3 or 4: throw new NotSupportedException("TIFF: CCITT fax compression is not supported");
            case 6 or 7: throw new NotSupportedException("TIFF: JPEG compression is not supported");
            case 34712: throw new NotSupportedException("TIFF: JPEG 2000 compression is not supported");
            case 34661: throw new NotSupportedException("TIFF: JBIG compression is not supported");
            case 34925: throw new NotSupportedException("TIFF: LZMA compression is not supported");
            case 50000: throw new NotSupportedException("TIFF: Zstandard compression is not supported");
            case 50001: throw new NotSupportedException("TIFF: WebP compression is not supported");
            default: throw new NotSupportedException($"TIFF: compression {compression} is not supported");
        }
    }

    private int Decompress(int compression, int offset, int count, bool reverseBits, Span<byte> dest, string where)
    {
        ReadOnlySpan<byte> source = _data.AsSpan(offset, count);
        byte[]? reversed = null;
        if (reverseBits)
        {
            reversed = new byte[count];
            for (int i = 0; i < count; i++) reversed[i] = ReverseBits(source[i]);
            source = reversed;
        }
        switch (compression)
        {
            case 1:
                int n = Math.Min(source.Length, dest.Length);
                source[..n].CopyTo(dest);
                return n;
            case 5:
                return TiffCompressors.LzwDecode(source, dest, where);
            case 32773:
                return TiffCompressors.PackBitsDecode(source, dest, where);
            default:
                return reversed is null
                    ? TiffCompressors.Inflate(_data, offset, count, dest, where)
                    : TiffCompressors.Inflate(reversed, 0, count, dest, where);
        }
    }

    private static byte ReverseBits(byte b)
    {
        int v = b;
        v = (v & 0xF0) >> 4 | (v & 0x0F) << 4;
        v = (v & 0xCC) >> 2 | (v & 0x33) << 2;
        v = (v & 0xAA) >> 1 | (v & 0x55) << 1;
        return (byte)v;
    }

    /// <summary>Predictor 2: each sample was stored as the difference to the same sample of the previous pixel (modulo its size).</summary>
    private static void UndoHorizontalDifferencing(Span<byte> raw, int rowBytes, int rows, int spp, int bytesPerSample, bool little)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = raw.Slice(r * rowBytes, rowBytes);
            int count = rowBytes / bytesPerSample;
            switch (bytesPerSample)
            {
                case 1:
                    for (int i = spp; i < count; i++) row[i] += row[i - spp];
                    break;
                case 2:
                    for (int i = spp; i < count; i++)
                    {
                        var at = row[(2 * i)..];
                        var before = row[(2 * (i - spp))..];
                        if (little) BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(at) + BinaryPrimitives.ReadUInt16LittleEndian(before)));
                        else BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(at) + BinaryPrimitives.ReadUInt16BigEndian(before)));
                    }
                    break;
                case 4:
                    for (int i = spp; i < count; i++)
                    {
                        var at = row[(4 * i)..];
                        var before = row[(4 * (i - spp))..];
                        if (little) BinaryPrimitives.WriteUInt32LittleEndian(at, BinaryPrimitives.ReadUInt32LittleEndian(at) + BinaryPrimitives.ReadUInt32LittleEndian(before));
                        else BinaryPrimitives.WriteUInt32BigEndian(at, BinaryPrimitives.ReadUInt32BigEndian(at) + BinaryPrimitives.ReadUInt32BigEndian(before));
                    }
                    break;
                default:
                    for (int i = spp; i < count; i++)
                    {
                        var at = row[(8 * i)..];
                        var before = row[(8 * (i - spp))..];
                        if (little) BinaryPrimitives.WriteUInt64LittleEndian(at, BinaryPrimitives.ReadUInt64LittleEndian(at) + BinaryPrimitives.ReadUInt64LittleEndian(before));
                        else BinaryPrimitives.WriteUInt64BigEndian(at, BinaryPrimitives.ReadUInt64BigEndian(at) + BinaryPrimitives.ReadUInt64BigEndian(before));
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Predictor 3 (Adobe's floating-point predictor): each row holds the samples' bytes grouped by
    /// significance (all most significant bytes first), byte-wise differenced with a stride of
    /// the samples per pixel. Undoing it leaves the samples big-endian.
    /// </summary>
    private static void UndoFloatPredictor(Span<byte> raw, int rowBytes, int rows, int spp, int bytesPerSample, int width)
    {
        int samples = width * spp;
        var temp = new byte[samples * bytesPerSample];
        for (int r = 0; r < rows; r++)
        {
            var row = raw.Slice(r * rowBytes, samples * bytesPerSample);
            for (int i = spp; i < row.Length; i++) row[i] += row[i - spp];
            row.CopyTo(temp);
            for (int s = 0; s < samples; s++)
                for (int b = 0; b < bytesPerSample; b++)
                    row[s * bytesPerSample + b] = temp[b * samples + s];
        }
    }

    private static float ReadSample(ReadOnlySpan<byte> row, int index, int bits, bool isFloat, bool big, bool rawIndex)
    {
        if (isFloat)
        {
            switch (bits)
            {
                case 16:
                {
                    ushort v = big ? BinaryPrimitives.ReadUInt16BigEndian(row[(2 * index)..]) : BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * index)..]);
                    return HalfTable.ToFloat(v);
                }
                case 32:
                    return big ? BinaryPrimitives.ReadSingleBigEndian(row[(4 * index)..]) : BinaryPrimitives.ReadSingleLittleEndian(row[(4 * index)..]);
                default:
                    return (float)(big ? BinaryPrimitives.ReadDoubleBigEndian(row[(8 * index)..]) : BinaryPrimitives.ReadDoubleLittleEndian(row[(8 * index)..]));
            }
        }
        uint value;
        switch (bits)
        {
            case 8: value = row[index]; break;
            case 16: value = big ? BinaryPrimitives.ReadUInt16BigEndian(row[(2 * index)..]) : BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * index)..]); break;
            case 32: value = big ? BinaryPrimitives.ReadUInt32BigEndian(row[(4 * index)..]) : BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * index)..]); break;
            default:
            {
                int bit = index * bits;
                value = (uint)((row[bit >> 3] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1));
                break;
            }
        }
        if (rawIndex) return value;
        return bits == 32 ? (float)(value / 4294967295.0) : value / (float)((1L << bits) - 1);
    }

    private void ReadDirectory(int offset)
    {
        int count = U16(offset);
        if (count == 0) throw new ImageFormatException($"TIFF: empty IFD at offset {offset}");
        if (offset + 2L + 12L * count > _data.Length) throw new ImageFormatException($"TIFF: truncated IFD at offset {offset} ({count} entries)");
        for (int i = 0; i < count; i++)
        {
            int at = offset + 2 + 12 * i;
            int tag = U16(at), type = U16(at + 2);
            long n = U32(at + 4);
            int size = TypeSize(type);
            if (size == 0) continue; // unknown type: skip, as the specification asks
            long bytes = n * size;
            int valueOffset = bytes <= 4 ? at + 8 : (int)Math.Min(U32(at + 8), int.MaxValue);
            if (valueOffset + bytes > _data.Length)
            {
                if (IsNeeded(tag)) throw new ImageFormatException($"TIFF: the values of tag {tag} (offset {valueOffset}, {bytes} bytes) lie outside the file");
                continue;
            }
            _entries.TryAdd(tag, new TiffEntry(tag, type, n, valueOffset));
        }
    }

    private static bool IsNeeded(int tag) => tag is TiffTag.ImageWidth or TiffTag.ImageLength or TiffTag.BitsPerSample or TiffTag.Compression
        or TiffTag.Photometric or TiffTag.StripOffsets or TiffTag.SamplesPerPixel or TiffTag.RowsPerStrip or TiffTag.StripByteCounts
        or TiffTag.PlanarConfiguration or TiffTag.Predictor or TiffTag.ColorMap or TiffTag.TileWidth or TiffTag.TileLength
        or TiffTag.TileOffsets or TiffTag.TileByteCounts or TiffTag.ExtraSamples or TiffTag.SampleFormat;

    /// <summary>The integer values of a tag, or null when absent.</summary>
    private long[]? Values(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry)) return null;
        if (entry.Count > 1 << 24) throw new ImageFormatException($"TIFF: tag {tag} has {entry.Count} values");
        var values = new long[entry.Count];
        for (int i = 0; i < values.Length; i++)
        {
            int at = entry.ValueOffset + i * TypeSize(entry.Type);
            values[i] = entry.Type switch
            {
                1 or 7 => _data[at],
                6 => (sbyte)_data[at],
                3 => U16(at),
                8 => (short)U16(at),
                4 or 13 => U32(at),
                9 => (int)U32(at),
                _ => throw new ImageFormatException($"TIFF: tag {tag} has non-integer type {entry.Type}"),
            };
        }
        return values;
    }

    /// <summary>The single integer value of a required tag.</summary>
    private long Single(int tag)
    {
        var values = Values(tag) ?? throw new ImageFormatException($"TIFF: missing required tag {tag}");
        if (values.Length < 1) throw new ImageFormatException($"TIFF: tag {tag} has no value");
        return values[0];
    }

    /// <summary>The first integer value of an optional tag, or <paramref name="fallback"/>.</summary>
    private long Single(int tag, long fallback)
    {
        var values = Values(tag);
        return values is { Length: > 0 } ? values[0] : fallback;
    }
}
