using System.Buffers.Binary;
using System.Text;

namespace Compositor.Codecs.Exr;

/// <summary>A channel as the header's <c>chlist</c> describes it.</summary>
internal readonly record struct ExrChannelInfo(string Name, ExrPixelType PixelType, bool PerceptuallyLinear, int XSampling, int YSampling)
{
    public int BytesPerSample => PixelType == ExrPixelType.Half ? 2 : 4;
}

/// <summary>Tile layout of a tiled file (<c>tiledesc</c> attribute).</summary>
internal readonly record struct ExrTileDescription(int TileWidth, int TileHeight, int LevelMode, int RoundingMode);

/// <summary>The parsed header of one part of an OpenEXR file (the only part of a single-part file).</summary>
internal sealed class ExrHeader
{
    public const int Magic = 20000630;

    /// <summary>Version-field flags (bits above the version number).</summary>
    public const int TiledFlag = 0x200, LongNamesFlag = 0x400, NonImageFlag = 0x800, MultiPartFlag = 0x1000;

    /// <summary>Largest window the decoder accepts, in pixels.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>Most parts a multi-part file may have here (the format sets no limit; each needs a header).</summary>
    public const int MaxParts = 10000;

    public required ExrChannelInfo[] Channels { get; init; }
    public required ExrCompression Compression { get; init; }
    public required ExrBox DataWindow { get; init; }
    public required ExrBox DisplayWindow { get; init; }
    public required ExrLineOrder LineOrder { get; init; }
    public ExrTileDescription? Tiles { get; init; }
    public required Dictionary<string, ExrAttribute> Attributes { get; init; }

    /// <summary>Offset of this part's chunk offset table (for a single-part file: the first byte after the header).</summary>
    public required int OffsetTableStart { get; init; }

    /// <summary>Index of the part (0 for single-part files).</summary>
    public int PartIndex { get; init; }

    /// <summary>True in multi-part files: every chunk then starts with its part number.</summary>
    public bool IsMultiPart { get; init; }

    /// <summary>The part's <c>name</c> attribute, or null (single-part files need none).</summary>
    public string? Name { get; init; }

    /// <summary>The part's <c>type</c> attribute (<c>scanlineimage</c>, <c>tiledimage</c>, <c>deepscanline</c>, <c>deeptile</c>), or null.</summary>
    public string? PartType { get; init; }

    /// <summary>True for deep data (a deep part, or the non-image flag of a single-part file): listed but not decoded.</summary>
    public bool IsDeep { get; init; }

    /// <summary>Scanlines per compressed block for each compression.</summary>
    public static int LinesPerBlock(ExrCompression compression) => compression switch
    {
        ExrCompression.None or ExrCompression.Rle or ExrCompression.Zips => 1,
        ExrCompression.Zip or ExrCompression.Pxr24 => 16,
        ExrCompression.Piz or ExrCompression.B44 or ExrCompression.B44A or ExrCompression.Dwaa => 32,
        ExrCompression.Dwab => 256,
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>Parses and validates the header of the first part of <paramref name="file"/>.</summary>
    public static ExrHeader Parse(byte[] file) => ParseAll(file)[0];

    /// <summary>Parses and validates every part header of <paramref name="file"/> (one for single-part files).</summary>
    public static IReadOnlyList<ExrHeader> ParseAll(byte[] file)
    {
        var reader = new ExrReader(file, 0, "header");
        if (reader.ReadInt32() != Magic) throw new ImageFormatException("EXR: bad magic number (not an OpenEXR file)");
        int version = reader.ReadInt32();
        if ((version & 0xFF) != 2) throw new ImageFormatException($"EXR: unsupported file format version {version & 0xFF} (expected 2)");
        int unknownFlags = version & ~0xFF & ~(TiledFlag | LongNamesFlag | NonImageFlag | MultiPartFlag);
        if (unknownFlags != 0) throw new ImageFormatException($"EXR: unknown version flags 0x{unknownFlags:X}");
        bool multiPart = (version & MultiPartFlag) != 0;
        if (!multiPart)
        {
            var attributes = ReadAttributes(ref reader);
            bool deep = (version & NonImageFlag) != 0;
            return [Build(attributes, (version & TiledFlag) != 0, deep, reader.Position, 0, false)];
        }
        if ((version & TiledFlag) != 0) throw new ImageFormatException("EXR: a multi-part file must not set the single-part tiled flag");

        var parts = new List<Dictionary<string, ExrAttribute>>();
        while (true)
        {
            if (reader.PeekByte() == 0)
            {
                reader.ReadByte();
                break;
            }
            if (parts.Count == MaxParts) throw new ImageFormatException($"EXR: more than {MaxParts} parts");
            parts.Add(ReadAttributes(ref reader));
        }
        if (parts.Count == 0) throw new ImageFormatException("EXR: multi-part file without parts");
        var headers = new List<ExrHeader>(parts.Count);
        long tableAt = reader.Position;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < parts.Count; i++)
        {
            var attributes = parts[i];
            string name = ReadString(Required(attributes, "name", "string"));
            string type = ReadString(Required(attributes, "type", "string"));
            if (!names.Add(name)) throw new ImageFormatException($"EXR: two parts are named '{name}'");
            var countValue = Required(attributes, "chunkCount", "int");
            if (countValue.Length != 4) throw new ImageFormatException($"EXR: attribute 'chunkCount' of part '{name}' must be 4 bytes");
            int chunkCount = BinaryPrimitives.ReadInt32LittleEndian(countValue);
            if (chunkCount < 0) throw new ImageFormatException($"EXR: part '{name}' has a negative chunk count {chunkCount}");
            bool tiled = type is "tiledimage" or "deeptile";
            bool deep = type is "deepscanline" or "deeptile";
            if (!tiled && !deep && type != "scanlineimage") throw new NotSupportedException($"EXR: part '{name}' has unknown type '{type}'");
            if (tableAt > int.MaxValue) throw new ImageFormatException("EXR: offset tables beyond 2 GiB");
            var header = Build(attributes, tiled, deep, (int)tableAt, i, true, name, type);
            headers.Add(header);
            tableAt += 8L * chunkCount;
        }
        return headers;
    }

    private static string ReadString(byte[] value) => Encoding.UTF8.GetString(value);

    private static Dictionary<string, ExrAttribute> ReadAttributes(ref ExrReader reader)
    {
        var attributes = new Dictionary<string, ExrAttribute>(StringComparer.Ordinal);
        while (true)
        {
            string name = reader.ReadNullTerminatedString(255, "attribute name");
            if (name.Length == 0) break;
            string type = reader.ReadNullTerminatedString(255, $"type of attribute '{name}'");
            int size = reader.ReadInt32();
            if (size < 0) throw new ImageFormatException($"EXR: attribute '{name}' has negative size {size}");
            byte[] value = reader.ReadBytes(size, $"value of attribute '{name}'").ToArray();
            if (!attributes.TryAdd(name, new ExrAttribute(type, value)))
                throw new ImageFormatException($"EXR: attribute '{name}' appears twice");
        }
        return attributes;
    }

    private static ExrHeader Build(Dictionary<string, ExrAttribute> attributes, bool tiled, bool deep, int tableStart, int index, bool multiPart,
        string? name = null, string? type = null)
    {
        var channels = ParseChannels(Required(attributes, "channels", "chlist"));
        var compressionValue = Required(attributes, "compression", "compression");
        if (compressionValue.Length != 1) throw new ImageFormatException("EXR: attribute 'compression' must be 1 byte");
        if (compressionValue[0] > (byte)ExrCompression.Dwab)
            throw new ImageFormatException($"EXR: unknown compression method {compressionValue[0]}");
        var dataWindow = ParseBox(Required(attributes, "dataWindow", "box2i"), "dataWindow");
        var displayWindow = ParseBox(Required(attributes, "displayWindow", "box2i"), "displayWindow");
        var lineOrderValue = Required(attributes, "lineOrder", "lineOrder");
        if (lineOrderValue.Length != 1 || lineOrderValue[0] > 2)
            throw new ImageFormatException("EXR: attribute 'lineOrder' is invalid");

        ExrTileDescription? tiles = null;
        if (tiled)
        {
            var tileValue = Required(attributes, "tiles", "tiledesc");
            if (tileValue.Length != 9) throw new ImageFormatException("EXR: attribute 'tiles' must be 9 bytes");
            uint tileWidth = BinaryPrimitives.ReadUInt32LittleEndian(tileValue);
            uint tileHeight = BinaryPrimitives.ReadUInt32LittleEndian(tileValue.AsSpan(4));
            if (tileWidth == 0 || tileHeight == 0 || tileWidth > 1 << 20 || tileHeight > 1 << 20)
                throw new ImageFormatException($"EXR: invalid tile size {tileWidth}x{tileHeight}");
            int levelMode = tileValue[8] & 0xF, roundingMode = tileValue[8] >> 4;
            if (levelMode > 2 || roundingMode > 1) throw new ImageFormatException($"EXR: invalid tile mode byte 0x{tileValue[8]:X2}");
            tiles = new ExrTileDescription((int)tileWidth, (int)tileHeight, levelMode, roundingMode);
            foreach (var channel in channels)
                if (channel.XSampling != 1 || channel.YSampling != 1)
                    throw new ImageFormatException($"EXR: channel '{channel.Name}' is subsampled, which tiled files do not allow");
        }
        foreach (var channel in channels)
        {
            // The specification requires the data window to be aligned to every channel's sampling grid.
            if (dataWindow.XMin % channel.XSampling != 0 || dataWindow.Width % channel.XSampling != 0
                || dataWindow.YMin % channel.YSampling != 0 || dataWindow.Height % channel.YSampling != 0)
                throw new ImageFormatException($"EXR: data window is not aligned to the {channel.XSampling}x{channel.YSampling} sampling of channel '{channel.Name}'");
        }

        return new ExrHeader
        {
            Channels = channels,
            Compression = (ExrCompression)compressionValue[0],
            DataWindow = dataWindow,
            DisplayWindow = displayWindow,
            LineOrder = (ExrLineOrder)lineOrderValue[0],
            Tiles = tiles,
            Attributes = attributes,
            OffsetTableStart = tableStart,
            PartIndex = index,
            IsMultiPart = multiPart,
            Name = name ?? (attributes.TryGetValue("name", out var n) && n.Type == "string" ? ReadString(n.Value) : null),
            PartType = type,
            IsDeep = deep,
        };
    }

    private static byte[] Required(Dictionary<string, ExrAttribute> attributes, string name, string type)
    {
        if (!attributes.TryGetValue(name, out var attribute))
            throw new ImageFormatException($"EXR: missing required attribute '{name}'");
        if (attribute.Type != type)
            throw new ImageFormatException($"EXR: attribute '{name}' has type '{attribute.Type}', expected '{type}'");
        return attribute.Value;
    }

    private static ExrBox ParseBox(byte[] value, string name)
    {
        if (value.Length != 16) throw new ImageFormatException($"EXR: attribute '{name}' must be 16 bytes");
        var box = new ExrBox(
            BinaryPrimitives.ReadInt32LittleEndian(value),
            BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(4)),
            BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(8)),
            BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(12)));
        if (box.Width <= 0 || box.Height <= 0)
            throw new ImageFormatException($"EXR: {name} ({box.XMin},{box.YMin})-({box.XMax},{box.YMax}) is empty");
        if (box.Width * box.Height > MaxPixels)
            throw new ImageFormatException($"EXR: {name} of {box.Width}x{box.Height} exceeds the limit of {MaxPixels} pixels");
        // Keep coordinates well inside int so that tile and block arithmetic cannot overflow.
        const int Limit = 1 << 30;
        if (box.XMin < -Limit || box.YMin < -Limit || box.XMax > Limit || box.YMax > Limit)
            throw new ImageFormatException($"EXR: {name} coordinates exceed +-2^30");
        return box;
    }

    private static ExrChannelInfo[] ParseChannels(byte[] value)
    {
        var reader = new ExrReader(value, 0, "attribute 'channels'");
        var channels = new List<ExrChannelInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            string name = reader.ReadNullTerminatedString(255, "channel name");
            if (name.Length == 0) break;
            int pixelType = reader.ReadInt32();
            byte linear = reader.ReadByte();
            reader.ReadBytes(3, "channel reserved bytes");
            int xSampling = reader.ReadInt32(), ySampling = reader.ReadInt32();
            if (pixelType is < 0 or > 2) throw new ImageFormatException($"EXR: channel '{name}' has unknown pixel type {pixelType}");
            if (xSampling < 1 || ySampling < 1 || xSampling > 1 << 16 || ySampling > 1 << 16)
                throw new ImageFormatException($"EXR: channel '{name}' has invalid sampling {xSampling}x{ySampling}");
            if (!names.Add(name)) throw new ImageFormatException($"EXR: channel '{name}' appears twice");
            channels.Add(new ExrChannelInfo(name, (ExrPixelType)pixelType, linear != 0, xSampling, ySampling));
        }
        if (channels.Count == 0) throw new ImageFormatException("EXR: the file has no channels");
        return channels.ToArray();
    }
}

/// <summary>Bounds-checked little-endian reads over a byte array; running off the end is a clear format error.</summary>
internal struct ExrReader(byte[] data, int position, string what)
{
    private readonly byte[] _data = data;

    public int Position { get; private set; } = position;

    private void Need(int count, string item)
    {
        if (count < 0 || _data.Length - Position < count)
            throw new ImageFormatException($"EXR: truncated {what} (reading {item})");
    }

    public readonly byte PeekByte()
    {
        if (Position >= _data.Length) throw new ImageFormatException($"EXR: truncated {what} (reading a byte)");
        return _data[Position];
    }

    public byte ReadByte()
    {
        Need(1, "a byte");
        return _data[Position++];
    }

    public int ReadInt32()
    {
        Need(4, "a 32-bit integer");
        int value = BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(Position));
        Position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Need(8, "a 64-bit integer");
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(Position));
        Position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string item)
    {
        Need(count, item);
        var span = _data.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public string ReadNullTerminatedString(int maxLength, string item)
    {
        int end = Array.IndexOf(_data, (byte)0, Position, Math.Min(maxLength + 1, _data.Length - Position));
        if (end < 0) throw new ImageFormatException($"EXR: truncated or overlong {item} in {what}");
        string text = Encoding.UTF8.GetString(_data, Position, end - Position);
        Position = end + 1;
        return text;
    }
}
