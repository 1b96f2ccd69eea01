using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Compositor.Codecs.Png;

/// <summary>
/// Decodes PNG files (ISO/IEC 15948): every color type and bit depth, palettes, tRNS,
/// Adam7 interlacing, all five filters. Every chunk's CRC is checked and unknown critical chunks
/// are rejected. gAMA, sRGB and iCCP are reported on the result but not applied.
/// </summary>
public static class PngDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(PngFormat.Signature);

    /// <summary>Decodes a whole PNG file held in memory.</summary>
    /// <exception cref="ImageFormatException">The file is not a valid PNG file.</exception>
    public static DecodedImage Decode(byte[] file) => Decode(file, null);

    /// <summary>Decodes a whole PNG file held in memory, within the size limits of <paramref name="options"/>.</summary>
    /// <exception cref="ImageFormatException">The file is not a valid PNG file, or exceeds the limits.</exception>
    public static DecodedImage Decode(byte[] file, ImageReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckSignature(file);
        var chunks = ReadChunks(file, options ?? ImageReadOptions.Default);
        return DecodePixels(file, chunks);
    }

    /// <summary>Decodes a PNG file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PNG file.</exception>
    public static DecodedImage Decode(Stream stream) => Decode(StreamBytes.ReadAll(stream));

    /// <summary>Decodes a PNG file read to the end of <paramref name="stream"/>, within the limits of <paramref name="options"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PNG file, or exceeds the limits.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options) => Decode(StreamBytes.ReadAll(stream), options);

    private static void CheckSignature(ReadOnlySpan<byte> file)
    {
        var signature = PngFormat.Signature;
        if (file.Length < signature.Length)
            throw new ImageFormatException($"PNG: file too short ({file.Length} bytes) to hold the 8-byte signature");
        if (file[..8].SequenceEqual(signature)) return;

        // The signature is designed to reveal common transfer damage; name it when we see it.
        string hint = "";
        if (file[4] == 0x0D && file[5] == 0x0D) hint = " (looks like LF was converted to CR LF, e.g. a text-mode transfer)";
        else if (file[4] == 0x0A) hint = " (looks like CR LF was converted to LF, e.g. a text-mode transfer)";
        else if ((file[0] & 0x80) == 0) hint = " (the high bit of the first byte was stripped, e.g. a 7-bit transfer)";
        throw new ImageFormatException($"PNG: bad signature {Convert.ToHexString(file[..8])}, expected 89504E470D0A1A0A{hint}");
    }

    /// <summary>What the chunks before the pixels told us.</summary>
    private sealed class PngInfo
    {
        public int Width;
        public int Height;
        public int BitDepth;
        public PngColorType ColorType;
        public bool Interlaced;

        /// <summary>Palette as RGBA floats (alpha from tRNS), 256 entries; only the first <see cref="PaletteCount"/> are valid.</summary>
        public float[]? Palette;
        public int PaletteCount;

        /// <summary>tRNS for gray (one value) or RGB (three values) in sample units; null when absent.</summary>
        public ushort[]? TransparentColor;
        public bool HasPaletteAlpha;

        public readonly List<(int Offset, int Length)> ImageData = [];
        public double? Gamma;
        public int? SrgbIntent;
        public string? IccName;
        public byte[]? IccProfile;
        public int[]? SignificantBits;
    }

    private static PngInfo ReadChunks(byte[] file, ImageReadOptions options)
    {
        var info = new PngInfo();
        bool seenHeader = false, seenPalette = false, seenTransparency = false;
        bool seenData = false, dataEnded = false;
        string previous = "signature";
        int pos = 8;
        while (true)
        {
            if (file.Length - pos < 12)
                throw new ImageFormatException($"PNG: truncated file: no IEND chunk (data ends {file.Length - pos} bytes after chunk {previous})");
            uint declared = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(pos));
            var typeBytes = file.AsSpan(pos + 4, 4);
            if (!IsValidChunkType(typeBytes))
                throw new ImageFormatException($"PNG: invalid chunk type bytes {Convert.ToHexString(typeBytes)} after chunk {previous} at offset {pos}");
            string type = Encoding.ASCII.GetString(typeBytes);
            if (declared > int.MaxValue)
                throw new ImageFormatException($"PNG chunk {type}: length {declared} exceeds 2^31-1");
            int length = (int)declared;
            if (file.Length - pos - 12 < length)
                throw new ImageFormatException($"PNG chunk {type}: truncated (declares {length} bytes, {file.Length - pos - 12} left in file)");

            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(pos + 8 + length));
            uint computedCrc = Crc32.Compute(file.AsSpan(pos + 4, length + 4));
            if (storedCrc != computedCrc)
                throw new ImageFormatException($"PNG chunk {type}: bad CRC (stored {storedCrc:X8}, computed {computedCrc:X8})");

            var body = file.AsSpan(pos + 8, length);
            if (!seenHeader && type != "IHDR")
                throw new ImageFormatException($"PNG: first chunk is {type}, expected IHDR");
            if (seenData && type != "IDAT") dataEnded = true;

            switch (type)
            {
                case "IHDR":
                    if (seenHeader) throw new ImageFormatException("PNG: second IHDR chunk");
                    ParseHeader(body, info, options);
                    seenHeader = true;
                    break;
                case "PLTE":
                    if (seenPalette) throw new ImageFormatException("PNG: second PLTE chunk");
                    if (seenData) throw new ImageFormatException("PNG chunk PLTE: appears after IDAT");
                    ParsePalette(body, info);
                    seenPalette = true;
                    break;
                case "tRNS":
                    if (seenTransparency) throw new ImageFormatException("PNG: second tRNS chunk");
                    if (seenData) throw new ImageFormatException("PNG chunk tRNS: appears after IDAT");
                    ParseTransparency(body, info, seenPalette);
                    seenTransparency = true;
                    break;
                case "IDAT":
                    if (dataEnded) throw new ImageFormatException("PNG: IDAT chunks are not consecutive");
                    if (info.ColorType == PngColorType.Palette && !seenPalette)
                        throw new ImageFormatException("PNG: palette image has no PLTE chunk before IDAT");
                    if (length > 0) info.ImageData.Add((pos + 8, length));
                    seenData = true;
                    break;
                case "IEND":
                    if (!seenData) throw new ImageFormatException("PNG: no IDAT chunk (the file holds no image data)");
                    return info;
                case "gAMA":
                    if (length != 4) throw new ImageFormatException($"PNG chunk gAMA: length {length}, expected 4");
                    uint gamma = BinaryPrimitives.ReadUInt32BigEndian(body);
                    info.Gamma = gamma == 0 ? null : gamma / 100000.0;
                    break;
                case "sRGB":
                    if (length != 1) throw new ImageFormatException($"PNG chunk sRGB: length {length}, expected 1");
                    info.SrgbIntent = body[0];
                    break;
                case "iCCP":
                    ParseIccProfile(body, info);
                    break;
                case "sBIT":
                    ParseSignificantBits(body, info);
                    break;
                default:
                    // Bit 5 of the first letter (lower case) marks an ancillary chunk, safe to skip.
                    if ((typeBytes[0] & 0x20) == 0)
                        throw new ImageFormatException($"PNG: unknown critical chunk {type}");
                    break;
            }
            previous = type;
            pos += 12 + length;
        }
    }

    private static bool IsValidChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }

    private static void ParseHeader(ReadOnlySpan<byte> body, PngInfo info, ImageReadOptions options)
    {
        if (body.Length != 13) throw new ImageFormatException($"PNG chunk IHDR: length {body.Length}, expected 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw new ImageFormatException($"PNG chunk IHDR: invalid size {width}x{height}");
        if ((long)width * height > PngFormat.MaxPixels)
            throw new ImageFormatException($"PNG chunk IHDR: image {width}x{height} exceeds the limit of {PngFormat.MaxPixels} pixels");
        options.CheckSize("PNG chunk IHDR", width, height);
        info.Width = (int)width;
        info.Height = (int)height;
        info.BitDepth = body[8];
        byte colorType = body[9];
        bool depthValid = colorType switch
        {
            0 => info.BitDepth is 1 or 2 or 4 or 8 or 16,
            3 => info.BitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => info.BitDepth is 8 or 16,
            _ => throw new ImageFormatException($"PNG chunk IHDR: invalid color type {colorType}"),
        };
        info.ColorType = (PngColorType)colorType;
        if (!depthValid)
            throw new ImageFormatException($"PNG chunk IHDR: invalid bit depth {info.BitDepth} for color type {colorType} ({info.ColorType})");
        if (body[10] != 0) throw new ImageFormatException($"PNG chunk IHDR: unknown compression method {body[10]}");
        if (body[11] != 0) throw new ImageFormatException($"PNG chunk IHDR: unknown filter method {body[11]}");
        if (body[12] > 1) throw new ImageFormatException($"PNG chunk IHDR: unknown interlace method {body[12]}");
        info.Interlaced = body[12] == 1;
    }

    private static void ParsePalette(ReadOnlySpan<byte> body, PngInfo info)
    {
        if (info.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
            throw new ImageFormatException($"PNG chunk PLTE: not allowed for color type {(int)info.ColorType} ({info.ColorType})");
        if (body.Length == 0 || body.Length % 3 != 0 || body.Length > 256 * 3)
            throw new ImageFormatException($"PNG chunk PLTE: length {body.Length} is not 3 x 1..256 entries");
        int count = body.Length / 3;
        if (info.ColorType == PngColorType.Palette && count > 1 << info.BitDepth)
            throw new ImageFormatException($"PNG chunk PLTE: {count} entries exceed the {1 << info.BitDepth} a {info.BitDepth}-bit index can address");
        // RGB and RGBA images may carry a suggested palette; it does not affect decoding.
        if (info.ColorType != PngColorType.Palette) return;

        var palette = new float[256 * 4];
        for (int i = 0; i < count; i++)
        {
            palette[i * 4 + 0] = body[i * 3 + 0] / 255f;
            palette[i * 4 + 1] = body[i * 3 + 1] / 255f;
            palette[i * 4 + 2] = body[i * 3 + 2] / 255f;
            palette[i * 4 + 3] = 1f;
        }
        info.Palette = palette;
        info.PaletteCount = count;
    }

    private static void ParseTransparency(ReadOnlySpan<byte> body, PngInfo info, bool seenPalette)
    {
        switch (info.ColorType)
        {
            case PngColorType.Gray:
                if (body.Length != 2) throw new ImageFormatException($"PNG chunk tRNS: length {body.Length}, expected 2 for a gray image");
                info.TransparentColor = [BinaryPrimitives.ReadUInt16BigEndian(body)];
                break;
            case PngColorType.Rgb:
                if (body.Length != 6) throw new ImageFormatException($"PNG chunk tRNS: length {body.Length}, expected 6 for an RGB image");
                info.TransparentColor =
                [
                    BinaryPrimitives.ReadUInt16BigEndian(body),
                    BinaryPrimitives.ReadUInt16BigEndian(body[2..]),
                    BinaryPrimitives.ReadUInt16BigEndian(body[4..]),
                ];
                break;
            case PngColorType.Palette:
                if (!seenPalette) throw new ImageFormatException("PNG chunk tRNS: appears before PLTE");
                if (body.Length > info.PaletteCount)
                    throw new ImageFormatException($"PNG chunk tRNS: {body.Length} alpha values for {info.PaletteCount} palette entries");
                for (int i = 0; i < body.Length; i++) info.Palette![i * 4 + 3] = body[i] / 255f;
                info.HasPaletteAlpha = true;
                break;
            default:
                // Images with an alpha channel must not carry tRNS; like libpng, ignore it rather than fail.
                break;
        }
    }

    private static void ParseSignificantBits(ReadOnlySpan<byte> body, PngInfo info)
    {
        int expected = info.ColorType switch
        {
            PngColorType.Gray => 1,
            PngColorType.GrayAlpha => 2,
            PngColorType.Rgba => 4,
            _ => 3,
        };
        if (body.Length != expected)
            throw new ImageFormatException($"PNG chunk sBIT: length {body.Length}, expected {expected} for color type {(int)info.ColorType}");
        int sampleDepth = info.ColorType == PngColorType.Palette ? 8 : info.BitDepth;
        var bits = new int[expected];
        for (int i = 0; i < expected; i++)
        {
            if (body[i] == 0 || body[i] > sampleDepth)
                throw new ImageFormatException($"PNG chunk sBIT: {body[i]} significant bits for {sampleDepth}-bit samples");
            bits[i] = body[i];
        }
        info.SignificantBits = bits;
    }

    private static void ParseIccProfile(ReadOnlySpan<byte> body, PngInfo info)
    {
        int nameEnd = body.IndexOf((byte)0);
        if (nameEnd < 1 || nameEnd > 79)
            throw new ImageFormatException("PNG chunk iCCP: profile name missing, too long or not terminated");
        if (body.Length < nameEnd + 2)
            throw new ImageFormatException("PNG chunk iCCP: truncated after the profile name");
        if (body[nameEnd + 1] != 0)
            throw new ImageFormatException($"PNG chunk iCCP: unknown compression method {body[nameEnd + 1]}");
        info.IccName = Encoding.Latin1.GetString(body[..nameEnd]);
        const int MaxProfileBytes = 64 << 20;
        try
        {
            using var compressed = new MemoryStream(body[(nameEnd + 2)..].ToArray(), writable: false);
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            using var profile = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                if (profile.Length + read > MaxProfileBytes)
                    throw new ImageFormatException($"PNG chunk iCCP: profile larger than {MaxProfileBytes} bytes");
                profile.Write(buffer, 0, read);
            }
            info.IccProfile = profile.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException($"PNG chunk iCCP: corrupt zlib data: {e.Message}", e);
        }
    }

    private static DecodedImage DecodePixels(byte[] file, PngInfo info)
    {
        var passes = info.Interlaced ? PngFormat.Adam7Passes : PngFormat.NoInterlace;
        long rawBytes = 0;
        long maxRowBytes = 0;
        foreach (var pass in passes)
        {
            int columns = pass.Columns(info.Width), rows = pass.Rows(info.Height);
            if (columns == 0 || rows == 0) continue;
            long rowBytes = PngFormat.RowBytes(columns, info.ColorType, info.BitDepth);
            rawBytes += rows * (1 + rowBytes);
            maxRowBytes = Math.Max(maxRowBytes, rowBytes);
        }
        long compressedBytes = 0;
        foreach (var (_, length) in info.ImageData) compressedBytes += length;
        if (rawBytes > compressedBytes * PngFormat.MaxDeflateRatio + 64)
            throw new ImageFormatException($"PNG: truncated IDAT data: {compressedBytes} compressed bytes cannot hold the {rawBytes} bytes of a {info.Width}x{info.Height} image");

        var pixels = new float[(long)info.Width * info.Height * 4];
        var converter = new RowConverter(info);
        int filterStride = PngFormat.FilterStride(info.ColorType, info.BitDepth);
        var row = new byte[maxRowBytes + 1];
        var previous = new byte[maxRowBytes + 1];
        long produced = 0;

        using var compressed = OpenImageData(file, info.ImageData);
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        try
        {
            foreach (var pass in passes)
            {
                int columns = pass.Columns(info.Width), rows = pass.Rows(info.Height);
                if (columns == 0 || rows == 0) continue;
                int rowBytes = (int)PngFormat.RowBytes(columns, info.ColorType, info.BitDepth);
                // The row above the first row of each pass counts as zeros for the filters.
                Array.Clear(previous);
                for (int r = 0; r < rows; r++)
                {
                    var current = row.AsSpan(0, rowBytes + 1);
                    int got = inflater.ReadAtLeast(current, current.Length, throwOnEndOfStream: false);
                    if (got < current.Length)
                        throw new ImageFormatException($"PNG: truncated IDAT data: image data ends after {produced + got} of {rawBytes} bytes");
                    produced += got;
                    byte filter = current[0];
                    if (filter > 4)
                        throw new ImageFormatException($"PNG: invalid filter type {filter} in row {r}{(info.Interlaced ? $" of an Adam7 pass" : "")}");
                    PngFilters.Unfilter(filter, current[1..], previous.AsSpan(1, rowBytes), filterStride);
                    int y = pass.Y0 + r * pass.DY;
                    long firstPixel = ((long)y * info.Width + pass.X0) * 4;
                    converter.Convert(current[1..], columns, pixels, firstPixel, pass.DX * 4);
                    (row, previous) = (previous, row);
                }
            }
            // Reading past the image forces the inflater to process the zlib trailer, which checks the Adler-32 checksum.
            Span<byte> probe = stackalloc byte[1];
            inflater.ReadAtLeast(probe, 1, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException($"PNG: corrupt zlib data in IDAT: {e.Message}", e);
        }

        bool hasAlpha = info.ColorType is PngColorType.GrayAlpha or PngColorType.Rgba
            || info.TransparentColor is not null || info.HasPaletteAlpha;
        int sourceChannels = info.ColorType switch
        {
            PngColorType.Gray => hasAlpha ? 2 : 1,
            PngColorType.GrayAlpha => 2,
            _ => hasAlpha ? 4 : 3,
        };
        return new DecodedImage(info.Width, info.Height, pixels)
        {
            Format = ImageFileFormat.Png,
            IsFloat = false,
            BitDepth = info.ColorType == PngColorType.Palette ? 8 : info.BitDepth,
            SourceChannels = sourceChannels,
            HasAlpha = hasAlpha,
            Gamma = info.Gamma,
            IsSrgb = info.SrgbIntent is not null,
            SrgbRenderingIntent = info.SrgbIntent,
            SignificantBits = info.SignificantBits,
            IccProfileName = info.IccName,
            IccProfile = info.IccProfile,
        };
    }

    /// <summary>A stream over the IDAT payloads: the file itself when there is one chunk, else a joined copy.</summary>
    private static MemoryStream OpenImageData(byte[] file, List<(int Offset, int Length)> chunks)
    {
        if (chunks.Count == 1) return new MemoryStream(file, chunks[0].Offset, chunks[0].Length, writable: false);
        long total = 0;
        foreach (var (_, length) in chunks) total += length;
        if (total > Array.MaxLength) throw new ImageFormatException($"PNG: {total} bytes of IDAT data exceed the supported size");
        var joined = new byte[total];
        int at = 0;
        foreach (var (offset, length) in chunks)
        {
            Buffer.BlockCopy(file, offset, joined, at, length);
            at += length;
        }
        return new MemoryStream(joined, writable: false);
    }

    /// <summary>Turns unfiltered rows of raw samples into RGBA floats.</summary>
    private sealed class RowConverter
    {
        private readonly PngColorType _colorType;
        private readonly int _bitDepth;
        private readonly float[]? _palette;
        private readonly int _paletteCount;
        private readonly ushort[]? _transparent;

        // Normalized value of every sample code for depths up to 8, so the hot loop only looks up.
        private readonly float[] _levels;

        public RowConverter(PngInfo info)
        {
            _colorType = info.ColorType;
            _bitDepth = info.BitDepth;
            _palette = info.Palette;
            _paletteCount = info.PaletteCount;
            _transparent = info.TransparentColor;
            int levelCount = _bitDepth <= 8 ? 1 << _bitDepth : 0;
            _levels = new float[levelCount];
            for (int v = 0; v < levelCount; v++) _levels[v] = v / (float)(levelCount - 1);
        }

        public void Convert(ReadOnlySpan<byte> row, int columns, float[] pixels, long firstPixel, int stride)
        {
            var dest = pixels.AsSpan((int)firstPixel);
            switch (_colorType)
            {
                case PngColorType.Gray when _bitDepth == 16: Gray16(row, columns, dest, stride); break;
                case PngColorType.Gray: GrayPacked(row, columns, dest, stride); break;
                case PngColorType.Palette: PalettePacked(row, columns, dest, stride); break;
                case PngColorType.GrayAlpha when _bitDepth == 16: GrayAlpha16(row, columns, dest, stride); break;
                case PngColorType.GrayAlpha: GrayAlpha8(row, columns, dest, stride); break;
                case PngColorType.Rgb when _bitDepth == 16: Rgb16(row, columns, dest, stride); break;
                case PngColorType.Rgb: Rgb8(row, columns, dest, stride); break;
                case PngColorType.Rgba when _bitDepth == 16: Rgba16(row, columns, dest, stride); break;
                default: Rgba8(row, columns, dest, stride); break;
            }
        }

        private static int ReadPacked(ReadOnlySpan<byte> row, int index, int bitDepth)
        {
            int bit = index * bitDepth;
            int shift = 8 - bitDepth - (bit & 7);
            return (row[bit >> 3] >> shift) & ((1 << bitDepth) - 1);
        }

        // code / 65535 for every 16-bit code: a lookup is several times cheaper than a division per sample.
        private static readonly float[] Unorm16Table = BuildUnorm16Table();

        private static float[] BuildUnorm16Table()
        {
            var table = new float[65536];
            for (int v = 0; v < table.Length; v++) table[v] = v / 65535f;
            return table;
        }

        private static float Unorm16(ReadOnlySpan<byte> row, int at) => Unorm16Table[row[at] << 8 | row[at + 1]];

        private void GrayPacked(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            int transparent = _transparent is null ? -1 : _transparent[0];
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int v = _bitDepth == 8 ? row[i] : ReadPacked(row, i, _bitDepth);
                float g = _levels[v];
                dest[o] = g; dest[o + 1] = g; dest[o + 2] = g;
                dest[o + 3] = v == transparent ? 0f : 1f;
            }
        }

        private void Gray16(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            int transparent = _transparent is null ? -1 : _transparent[0];
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int v = row[2 * i] << 8 | row[2 * i + 1];
                float g = Unorm16Table[v];
                dest[o] = g; dest[o + 1] = g; dest[o + 2] = g;
                dest[o + 3] = v == transparent ? 0f : 1f;
            }
        }

        private void PalettePacked(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            var palette = _palette!;
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int index = _bitDepth == 8 ? row[i] : ReadPacked(row, i, _bitDepth);
                if (index >= _paletteCount)
                    throw new ImageFormatException($"PNG: palette index {index} out of range (PLTE has {_paletteCount} entries)");
                palette.AsSpan(index * 4, 4).CopyTo(dest.Slice(o, 4));
            }
        }

        private void GrayAlpha8(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                float g = _levels[row[2 * i]];
                dest[o] = g; dest[o + 1] = g; dest[o + 2] = g;
                dest[o + 3] = _levels[row[2 * i + 1]];
            }
        }

        private static void GrayAlpha16(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                float g = Unorm16(row, 4 * i);
                dest[o] = g; dest[o + 1] = g; dest[o + 2] = g;
                dest[o + 3] = Unorm16(row, 4 * i + 2);
            }
        }

        private void Rgb8(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            bool keyed = _transparent is not null;
            int tr = keyed ? _transparent![0] : -1, tg = keyed ? _transparent![1] : -1, tb = keyed ? _transparent![2] : -1;
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int r = row[3 * i], g = row[3 * i + 1], b = row[3 * i + 2];
                dest[o] = _levels[r]; dest[o + 1] = _levels[g]; dest[o + 2] = _levels[b];
                dest[o + 3] = r == tr && g == tg && b == tb ? 0f : 1f;
            }
        }

        private void Rgb16(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            bool keyed = _transparent is not null;
            int tr = keyed ? _transparent![0] : -1, tg = keyed ? _transparent![1] : -1, tb = keyed ? _transparent![2] : -1;
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int at = 6 * i;
                int r = row[at] << 8 | row[at + 1], g = row[at + 2] << 8 | row[at + 3], b = row[at + 4] << 8 | row[at + 5];
                dest[o] = Unorm16Table[r]; dest[o + 1] = Unorm16Table[g]; dest[o + 2] = Unorm16Table[b];
                dest[o + 3] = r == tr && g == tg && b == tb ? 0f : 1f;
            }
        }

        private void Rgba8(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            var levels = _levels;
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int at = 4 * i;
                dest[o] = levels[row[at]]; dest[o + 1] = levels[row[at + 1]];
                dest[o + 2] = levels[row[at + 2]]; dest[o + 3] = levels[row[at + 3]];
            }
        }

        private static void Rgba16(ReadOnlySpan<byte> row, int columns, Span<float> dest, int stride)
        {
            for (int i = 0, o = 0; i < columns; i++, o += stride)
            {
                int at = 8 * i;
                dest[o] = Unorm16(row, at); dest[o + 1] = Unorm16(row, at + 2);
                dest[o + 2] = Unorm16(row, at + 4); dest[o + 3] = Unorm16(row, at + 6);
            }
        }
    }
}
