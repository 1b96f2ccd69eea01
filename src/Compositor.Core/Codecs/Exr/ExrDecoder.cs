using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Compositor.Codecs.Exr;

/// <summary>
/// Decodes OpenEXR files, single- or multi-part (one part at a time), scanline or tiled (full-resolution level only), with
/// compression NONE, RLE, ZIPS, ZIP, PIZ, PXR24, B44, B44A, DWAA or DWAB, and half, float or uint channels.
/// </summary>
public static class ExrDecoder
{
    /// <summary>True when <paramref name="data"/> starts with the OpenEXR magic number.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(data) == ExrHeader.Magic;

    /// <summary>Compressions this decoder handles.</summary>
    public static bool IsSupported(ExrCompression compression) => compression is
        ExrCompression.None or ExrCompression.Rle or ExrCompression.Zips or ExrCompression.Zip or ExrCompression.Piz
        or ExrCompression.Pxr24 or ExrCompression.B44 or ExrCompression.B44A or ExrCompression.Dwaa or ExrCompression.Dwab;

    /// <summary>Decodes an OpenEXR file held in memory: its only part, or the first part of a multi-part file.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt or not an OpenEXR file.</exception>
    /// <exception cref="NotSupportedException">The part uses an unsupported feature (deep data, an unknown part type).</exception>
    public static ExrImage Decode(byte[] file) => DecodePart(file, 0);

    /// <summary>Decodes the first part of an OpenEXR file within the size limits of <paramref name="options"/>.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt, not an OpenEXR file, or exceeds the limits.</exception>
    /// <exception cref="NotSupportedException">The part uses an unsupported feature (deep data, an unknown part type).</exception>
    public static ExrImage Decode(byte[] file, ImageReadOptions options) => DecodePart(file, 0, options);

    /// <summary>Decodes the part named <paramref name="partName"/> (its <c>name</c> attribute) of an OpenEXR file.</summary>
    /// <exception cref="ArgumentException">No part has that name.</exception>
    /// <exception cref="ImageFormatException">The file is corrupt or not an OpenEXR file.</exception>
    /// <exception cref="NotSupportedException">The part uses an unsupported feature (deep data).</exception>
    public static ExrImage Decode(byte[] file, string partName, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(partName);
        var headers = ParseHeaders(file);
        int index = headers.ToList().FindIndex(h => h.Name == partName);
        if (index < 0)
            throw new ArgumentException($"EXR: no part named '{partName}' (parts: {string.Join(", ", headers.Select(h => $"'{h.Name}'"))})", nameof(partName));
        return Decode(file, headers[index], options ?? ImageReadOptions.Default);
    }

    /// <summary>Decodes part <paramref name="index"/> (0-based) of an OpenEXR file; a single-part file has only part 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The file has no such part.</exception>
    /// <exception cref="ImageFormatException">The file is corrupt or not an OpenEXR file.</exception>
    /// <exception cref="NotSupportedException">The part uses an unsupported feature (deep data).</exception>
    public static ExrImage DecodePart(byte[] file, int index, ImageReadOptions? options = null)
    {
        var headers = ParseHeaders(file);
        if (index < 0 || index >= headers.Count)
            throw new ArgumentOutOfRangeException(nameof(index), $"EXR: the file has {headers.Count} part(s), not {index + 1}");
        return Decode(file, headers[index], options ?? ImageReadOptions.Default);
    }

    /// <summary>Describes every part of an OpenEXR file (one for a single-part file) without decoding pixels.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt or not an OpenEXR file.</exception>
    public static IReadOnlyList<ExrPartInfo> ReadParts(byte[] file) =>
        ParseHeaders(file).Select(h => new ExrPartInfo(h.PartIndex, h.Name, h.PartType ?? (h.Tiles is null ? "scanlineimage" : "tiledimage"),
            h.DataWindow, h.DisplayWindow, h.Compression, h.Tiles is not null, h.IsDeep,
            h.Channels.Select(c => new ExrChannelDescription(c.Name, c.PixelType, c.XSampling, c.YSampling)).ToArray())).ToArray();

    private static IReadOnlyList<ExrHeader> ParseHeaders(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!HasSignature(file)) throw new ImageFormatException("EXR: bad magic number (not an OpenEXR file)");
        return ExrHeader.ParseAll(file);
    }

    private static ExrImage Decode(byte[] file, ExrHeader header, ImageReadOptions options)
    {
        options.CheckSize("EXR: data window", header.DataWindow.Width, header.DataWindow.Height);
        options.CheckSize("EXR: display window", header.DisplayWindow.Width, header.DisplayWindow.Height);
        if (header.IsDeep)
            throw new NotSupportedException(header.IsMultiPart ? $"EXR: deep data (part '{header.Name}') is not supported" : "EXR: deep (non-image) data is not supported");
        if (!IsSupported(header.Compression))
            throw new NotSupportedException($"EXR: unsupported compression {header.Compression.ToString().ToUpperInvariant()}");

        var layout = new ExrBlockLayout(header);
        CheckPlausibleSize(file, header, layout);
        var planes = new float[header.Channels.Length][];
        for (int c = 0; c < planes.Length; c++) planes[c] = new float[(long)layout.PlaneWidth(c) * layout.PlaneHeight(c)];

        var offsets = layout.ReadOffsetTable(file);
        // Chunks write disjoint parts of the planes, so they decode in parallel.
        var blockOfEntry = new int[offsets.Length];
        CodecParallel.For(offsets.Length,
            () => new ExrBlockDecoder(file, header, layout, planes),
            (decoder, i) => blockOfEntry[i] = decoder.DecodeChunk(offsets[i], i));
        var seen = new bool[offsets.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            int index = blockOfEntry[i];
            if (seen[index]) throw new ImageFormatException($"EXR: block {index} is stored twice (offset table entry {i})");
            seen[index] = true;
        }

        var channels = new ExrChannel[header.Channels.Length];
        for (int c = 0; c < channels.Length; c++)
        {
            var info = header.Channels[c];
            channels[c] = new ExrChannel(info.Name, info.PixelType, info.PerceptuallyLinear, info.XSampling, info.YSampling,
                layout.PlaneWidth(c), layout.PlaneHeight(c), planes[c]);
        }
        return new ExrImage(header.DataWindow, header.DisplayWindow, header.Compression, header.LineOrder,
            header.Tiles is not null, channels, header.Attributes)
        {
            PartName = header.Name,
            PartIndex = header.PartIndex,
        };
    }

    /// <summary>
    /// Rejects files far too small to hold the pixels their header claims, before allocating the
    /// channel planes: each codec has a largest possible expansion ratio, so a tiny corrupt file
    /// cannot make us allocate gigabytes.
    /// </summary>
    private static void CheckPlausibleSize(byte[] file, ExrHeader header, ExrBlockLayout layout)
    {
        long rawBytes = 0;
        for (int c = 0; c < header.Channels.Length; c++)
            rawBytes += (long)layout.PlaneWidth(c) * layout.PlaneHeight(c) * header.Channels[c].BytesPerSample;
        long maxRatio = header.Compression switch
        {
            ExrCompression.None => 1,
            ExrCompression.Rle => 64,       // a 2-byte run expands to at most 128 bytes
            ExrCompression.Zip or ExrCompression.Zips => 1032, // deflate's limit
            ExrCompression.Dwaa or ExrCompression.Dwab => 65536, // flat blocks cost a few bits each
            _ => 8192,                      // Huffman run codes: generous
        };
        long dataBytes = file.Length - header.OffsetTableStart;
        if (rawBytes > dataBytes * maxRatio + 4096)
            throw new ImageFormatException($"EXR: truncated file: {dataBytes} bytes of {header.Compression.ToString().ToUpperInvariant()} data cannot hold the {rawBytes} bytes of a {header.DataWindow.Width}x{header.DataWindow.Height} data window with {header.Channels.Length} channels");
    }

    /// <summary>Decodes an OpenEXR file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is corrupt or not an OpenEXR file.</exception>
    /// <exception cref="NotSupportedException">The file uses an unsupported compression or feature.</exception>
    public static ExrImage Decode(Stream stream) => Decode(StreamBytes.ReadAll(stream));
}

/// <summary>A rectangle of the data window held by one chunk (scanline block or tile), inclusive.</summary>
internal readonly record struct ExrBlockRect(int X0, int Y0, int X1, int Y1)
{
    public int Width => X1 - X0 + 1;
    public int Height => Y1 - Y0 + 1;
}

/// <summary>How the data window is cut into chunks and how a chunk's bytes are laid out.</summary>
internal sealed class ExrBlockLayout
{
    private readonly ExrHeader _header;

    public ExrBlockLayout(ExrHeader header)
    {
        _header = header;
        var window = header.DataWindow;
        if (header.Tiles is { } tiles)
        {
            long tilesX = (window.Width + tiles.TileWidth - 1) / tiles.TileWidth;
            long tilesY = (window.Height + tiles.TileHeight - 1) / tiles.TileHeight;
            // Both are at most 2^28 (the window's pixel limit), but so may be their product.
            if (tilesX * tilesY > ExrHeader.MaxPixels)
                throw new ImageFormatException($"EXR: {tilesX}x{tilesY} tiles exceed the supported count");
            TilesX = (int)tilesX;
            TilesY = (int)tilesY;
            BlockCount = TilesX * TilesY;
        }
        else
        {
            LinesPerBlock = ExrHeader.LinesPerBlock(header.Compression);
            BlockCount = (int)((window.Height + LinesPerBlock - 1) / LinesPerBlock);
        }
    }

    public int LinesPerBlock { get; }
    public int TilesX { get; }
    public int TilesY { get; }
    public int BlockCount { get; }

    public int PlaneWidth(int channel) => (int)(_header.DataWindow.Width / _header.Channels[channel].XSampling);
    public int PlaneHeight(int channel) => (int)(_header.DataWindow.Height / _header.Channels[channel].YSampling);

    /// <summary>Reads the offset table that follows the header: one file offset per chunk (for tiled files, of the full-resolution level).</summary>
    public long[] ReadOffsetTable(byte[] file)
    {
        if ((long)BlockCount * 8 > file.Length - _header.OffsetTableStart)
            throw new ImageFormatException($"EXR: truncated file: the offset table of {BlockCount} chunks does not fit in the {file.Length - _header.OffsetTableStart} bytes after the header");
        var reader = new ExrReader(file, _header.OffsetTableStart, "offset table");
        var offsets = new long[BlockCount];
        for (int i = 0; i < offsets.Length; i++)
        {
            ulong offset = reader.ReadUInt64();
            if (offset == 0 || offset >= (ulong)file.Length)
                throw new ImageFormatException($"EXR: offset table entry {i} ({offset}) points outside the file of {file.Length} bytes (truncated or incomplete file?)");
            offsets[i] = (long)offset;
        }
        return offsets;
    }

    /// <summary>The rectangle of scanline block <paramref name="index"/>.</summary>
    public ExrBlockRect ScanlineBlock(int index)
    {
        var window = _header.DataWindow;
        int y0 = window.YMin + index * LinesPerBlock;
        return new ExrBlockRect(window.XMin, y0, window.XMax, Math.Min(window.YMax, y0 + LinesPerBlock - 1));
    }

    /// <summary>The rectangle of full-resolution tile (<paramref name="tileX"/>, <paramref name="tileY"/>).</summary>
    public ExrBlockRect Tile(int tileX, int tileY)
    {
        var window = _header.DataWindow;
        var tiles = _header.Tiles!.Value;
        int x0 = window.XMin + tileX * tiles.TileWidth, y0 = window.YMin + tileY * tiles.TileHeight;
        return new ExrBlockRect(x0, y0, Math.Min(window.XMax, x0 + tiles.TileWidth - 1), Math.Min(window.YMax, y0 + tiles.TileHeight - 1));
    }

    /// <summary>Number of samples channel <paramref name="channel"/> has in row <paramref name="y"/> between columns x0..x1 (0 when the row is not sampled).</summary>
    public int SamplesInRow(int channel, int y, int x0, int x1)
    {
        var info = _header.Channels[channel];
        if (Modulo(y, info.YSampling) != 0) return 0;
        return FloorDiv(x1, info.XSampling) - CeilDiv(x0, info.XSampling) + 1;
    }

    /// <summary>Uncompressed size in bytes of the chunk covering <paramref name="rect"/>.</summary>
    public long UncompressedSize(ExrBlockRect rect)
    {
        long size = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
            for (int c = 0; c < _header.Channels.Length; c++)
                size += (long)SamplesInRow(c, y, rect.X0, rect.X1) * _header.Channels[c].BytesPerSample;
        return size;
    }

    /// <summary>Samples of a channel inside <paramref name="rect"/>: columns and rows on its sampling grid.</summary>
    public static (int Columns, int Rows) SamplesIn(ExrChannelInfo channel, ExrBlockRect rect) =>
        (FloorDiv(rect.X1, channel.XSampling) - CeilDiv(rect.X0, channel.XSampling) + 1,
         FloorDiv(rect.Y1, channel.YSampling) - CeilDiv(rect.Y0, channel.YSampling) + 1);

    public static int Modulo(int a, int b) => ((a % b) + b) % b;
    public static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    public static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}

/// <summary>Decompresses chunks and scatters their samples into the channel planes.</summary>
internal sealed class ExrBlockDecoder
{
    private readonly byte[] _file;
    private readonly ExrHeader _header;
    private readonly ExrBlockLayout _layout;
    private readonly float[][] _planes;
    private byte[] _raw = [];
    private byte[] _scratch = [];
    private ExrPiz? _piz;
    private ExrDwa? _dwa;

    public ExrBlockDecoder(byte[] file, ExrHeader header, ExrBlockLayout layout, float[][] planes)
    {
        _file = file;
        _header = header;
        _layout = layout;
        _planes = planes;
    }

    /// <summary>Decodes the chunk at file offset <paramref name="offset"/>; returns the block index it holds.</summary>
    public int DecodeChunk(long offset, int tableIndex)
    {
        var reader = new ExrReader(_file, (int)offset, $"chunk {tableIndex}");
        if (_header.IsMultiPart)
        {
            int part = reader.ReadInt32();
            if (part != _header.PartIndex)
                throw new ImageFormatException($"EXR: chunk {tableIndex} of part {_header.PartIndex} says it belongs to part {part}");
        }
        int blockIndex;
        ExrBlockRect rect;
        if (_header.Tiles is null)
        {
            int y = reader.ReadInt32();
            long relative = (long)y - _header.DataWindow.YMin;
            if (relative < 0 || relative % _layout.LinesPerBlock != 0 || relative / _layout.LinesPerBlock >= _layout.BlockCount)
                throw new ImageFormatException($"EXR: chunk {tableIndex} starts at scanline {y}, which is not the first line of a block");
            blockIndex = (int)(relative / _layout.LinesPerBlock);
            rect = _layout.ScanlineBlock(blockIndex);
        }
        else
        {
            int tileX = reader.ReadInt32(), tileY = reader.ReadInt32(), levelX = reader.ReadInt32(), levelY = reader.ReadInt32();
            if (levelX != 0 || levelY != 0)
                throw new ImageFormatException($"EXR: chunk {tableIndex} holds level ({levelX},{levelY}) where the full-resolution level was expected");
            if (tileX < 0 || tileY < 0 || tileX >= _layout.TilesX || tileY >= _layout.TilesY)
                throw new ImageFormatException($"EXR: chunk {tableIndex} holds tile ({tileX},{tileY}) outside the {_layout.TilesX}x{_layout.TilesY} tile grid");
            blockIndex = tileY * _layout.TilesX + tileX;
            rect = _layout.Tile(tileX, tileY);
        }
        int dataSize = reader.ReadInt32();
        int dataStart = reader.Position;
        var data = reader.ReadBytes(dataSize, $"the {dataSize} data bytes");

        long expected = _layout.UncompressedSize(rect);
        if (expected > Array.MaxLength) throw new ImageFormatException($"EXR: chunk {tableIndex} is too large ({expected} bytes)");
        if (_raw.Length < expected) _raw = new byte[expected];
        var raw = _raw.AsSpan(0, (int)expected);

        if (dataSize > expected)
            throw new ImageFormatException($"EXR: chunk {tableIndex} holds {dataSize} bytes, more than the {expected} of its uncompressed pixels");
        if (dataSize == expected)
        {
            // Writers store a chunk uncompressed whenever compression would not make it smaller.
            data.CopyTo(raw);
        }
        else
        {
            if (_scratch.Length < expected) _scratch = new byte[expected];
            var scratch = _scratch.AsSpan(0, (int)expected);
            switch (_header.Compression)
            {
                case ExrCompression.None:
                    throw new ImageFormatException($"EXR: uncompressed chunk {tableIndex} holds {dataSize} bytes, expected {expected}");
                case ExrCompression.Rle:
                    ExrCompressors.RleDecompress(data, scratch, tableIndex);
                    ExrCompressors.UndoPredictorAndInterleave(scratch, raw);
                    break;
                case ExrCompression.Zip:
                case ExrCompression.Zips:
                    ExrCompressors.ZlibDecompress(_file, dataStart, dataSize, scratch, tableIndex);
                    ExrCompressors.UndoPredictorAndInterleave(scratch, raw);
                    break;
                case ExrCompression.Piz:
                    (_piz ??= new ExrPiz()).Decompress(data, raw, rect, _header.Channels, tableIndex);
                    break;
                case ExrCompression.Pxr24:
                    ExrPxr24.Decompress(_file, dataStart, dataSize, raw, rect, _header.Channels, ref _scratch, tableIndex);
                    break;
                case ExrCompression.B44:
                case ExrCompression.B44A:
                    ExrB44.Decompress(data, raw, rect, _header.Channels, ref _scratch, tableIndex);
                    break;
                case ExrCompression.Dwaa:
                case ExrCompression.Dwab:
                    (_dwa ??= new ExrDwa()).Decompress(_file, dataStart, dataSize, raw, rect, _header.Channels, tableIndex);
                    break;
                default:
                    throw new NotSupportedException($"EXR: unsupported compression {_header.Compression}");
            }
        }
        Scatter(raw, rect);
        return blockIndex;
    }

    /// <summary>Copies the chunk's samples (line by line, channel by channel) into the planes, converting to float.</summary>
    private void Scatter(ReadOnlySpan<byte> raw, ExrBlockRect rect)
    {
        var window = _header.DataWindow;
        int at = 0;
        for (int y = rect.Y0; y <= rect.Y1; y++)
        {
            for (int c = 0; c < _header.Channels.Length; c++)
            {
                var info = _header.Channels[c];
                int count = _layout.SamplesInRow(c, y, rect.X0, rect.X1);
                if (count == 0) continue;
                int row = (y - window.YMin) / info.YSampling;
                int column = ExrBlockLayout.CeilDiv(rect.X0, info.XSampling) - window.XMin / info.XSampling;
                var dest = _planes[c].AsSpan(row * _layout.PlaneWidth(c) + column, count);
                int bytes = count * info.BytesPerSample;
                ExrSamples.ToFloat(raw.Slice(at, bytes), info.PixelType, dest);
                at += bytes;
            }
        }
    }
}

/// <summary>Conversions between stored little-endian samples and floats.</summary>
internal static class ExrSamples
{
    /// <summary>Converts <paramref name="dest"/>.Length samples of <paramref name="type"/> from little-endian bytes.</summary>
    public static void ToFloat(ReadOnlySpan<byte> source, ExrPixelType type, Span<float> dest)
    {
        switch (type)
        {
            case ExrPixelType.Half:
                HalfTable.ToFloat(source, dest);
                break;
            case ExrPixelType.Float when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(dest);
                break;
            case ExrPixelType.Float:
                for (int i = 0; i < dest.Length; i++) dest[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            default:
                for (int i = 0; i < dest.Length; i++) dest[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(4 * i)..]);
                break;
        }
    }
}
