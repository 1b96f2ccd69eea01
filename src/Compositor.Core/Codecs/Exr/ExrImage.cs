namespace Compositor.Codecs.Exr;

/// <summary>OpenEXR compression methods, numbered as in the file's <c>compression</c> attribute.</summary>
public enum ExrCompression : byte
{
    /// <summary>Uncompressed.</summary>
    None = 0,
    /// <summary>Run-length encoding of byte differences, one scanline per block.</summary>
    Rle = 1,
    /// <summary>Deflate, one scanline per block.</summary>
    Zips = 2,
    /// <summary>Deflate, 16 scanlines per block.</summary>
    Zip = 3,
    /// <summary>Wavelet + Huffman, 32 scanlines per block (lossless).</summary>
    Piz = 4,
    /// <summary>Float rounded to 24 bits + deflate, 16 scanlines per block (lossy for float).</summary>
    Pxr24 = 5,
    /// <summary>4x4 blocks of half packed into 14 bytes, 32 scanlines per block (lossy).</summary>
    B44 = 6,
    /// <summary>B44 with flat blocks packed into 3 bytes (lossy).</summary>
    B44A = 7,
    /// <summary>DCT based, 32 scanlines per block (lossy).</summary>
    Dwaa = 8,
    /// <summary>DCT based, 256 scanlines per block (lossy).</summary>
    Dwab = 9,
}

/// <summary>Sample types of an OpenEXR channel.</summary>
public enum ExrPixelType
{
    /// <summary>32-bit unsigned integer.</summary>
    UInt = 0,
    /// <summary>16-bit IEEE half float.</summary>
    Half = 1,
    /// <summary>32-bit IEEE float.</summary>
    Float = 2,
}

/// <summary>The order in which a scanline file stores its blocks.</summary>
public enum ExrLineOrder : byte
{
    /// <summary>Top to bottom.</summary>
    IncreasingY = 0,
    /// <summary>Bottom to top.</summary>
    DecreasingY = 1,
    /// <summary>Any order (tiled files only).</summary>
    RandomY = 2,
}

/// <summary>An inclusive integer rectangle (OpenEXR <c>box2i</c>): both corners belong to the box.</summary>
/// <param name="XMin">Leftmost column.</param>
/// <param name="YMin">Top row.</param>
/// <param name="XMax">Rightmost column (inclusive).</param>
/// <param name="YMax">Bottom row (inclusive).</param>
public readonly record struct ExrBox(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>Number of columns (as long: a hostile file could overflow int).</summary>
    public long Width => (long)XMax - XMin + 1;

    /// <summary>Number of rows (as long: a hostile file could overflow int).</summary>
    public long Height => (long)YMax - YMin + 1;
}

/// <summary>A header attribute exactly as stored: its type name and raw little-endian bytes.</summary>
/// <param name="Type">The attribute type name, e.g. <c>box2i</c>, <c>string</c>, <c>chromaticities</c>.</param>
/// <param name="Value">The value bytes.</param>
public sealed record ExrAttribute(string Type, byte[] Value);

/// <summary>A channel as a part header lists it (no samples).</summary>
/// <param name="Name">Full channel name.</param>
/// <param name="PixelType">Stored sample type.</param>
/// <param name="XSampling">Horizontal subsampling.</param>
/// <param name="YSampling">Vertical subsampling.</param>
public sealed record ExrChannelDescription(string Name, ExrPixelType PixelType, int XSampling, int YSampling);

/// <summary>One part of an OpenEXR file, as its header describes it.</summary>
/// <param name="Index">0-based position of the part in the file.</param>
/// <param name="Name">The part's <c>name</c> attribute (null in single-part files without one).</param>
/// <param name="Type"><c>scanlineimage</c>, <c>tiledimage</c>, <c>deepscanline</c> or <c>deeptile</c>.</param>
/// <param name="DataWindow">Where the part has pixels.</param>
/// <param name="DisplayWindow">The part's image frame.</param>
/// <param name="Compression">How the part's chunks are compressed.</param>
/// <param name="IsTiled">True for tiled parts.</param>
/// <param name="IsDeep">True for deep data (listed, not decoded).</param>
/// <param name="Channels">The part's channels.</param>
public sealed record ExrPartInfo(int Index, string? Name, string Type, ExrBox DataWindow, ExrBox DisplayWindow, ExrCompression Compression,
    bool IsTiled, bool IsDeep, IReadOnlyList<ExrChannelDescription> Channels);

/// <summary>One decoded channel: its description and its samples over the data window.</summary>
public sealed class ExrChannel
{
    /// <summary>Creates a channel description with its samples.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold <paramref name="width"/> x <paramref name="height"/> samples.</exception>
    public ExrChannel(string name, ExrPixelType pixelType, bool perceptuallyLinear, int xSampling, int ySampling, int width, int height, float[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(xSampling);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ySampling);
        if (values.Length != (long)width * height)
            throw new ArgumentException($"channel '{name}': {values.Length} samples for {width}x{height}", nameof(values));
        Name = name;
        PixelType = pixelType;
        PerceptuallyLinear = perceptuallyLinear;
        XSampling = xSampling;
        YSampling = ySampling;
        Width = width;
        Height = height;
        Values = values;
    }

    /// <summary>Full channel name, e.g. <c>R</c> or <c>ViewLayer.Combined.R</c>.</summary>
    public string Name { get; }

    /// <summary>How the file stored the samples.</summary>
    public ExrPixelType PixelType { get; }

    /// <summary>The <c>pLinear</c> hint: the values are perceptually linear (lossy codecs may quantize them so).</summary>
    public bool PerceptuallyLinear { get; }

    /// <summary>Horizontal subsampling (1 = a sample in every column).</summary>
    public int XSampling { get; }

    /// <summary>Vertical subsampling (1 = a sample in every row).</summary>
    public int YSampling { get; }

    /// <summary>Samples per row: the data window width divided by <see cref="XSampling"/>.</summary>
    public int Width { get; }

    /// <summary>Rows of samples: the data window height divided by <see cref="YSampling"/>.</summary>
    public int Height { get; }

    /// <summary>Samples, <see cref="Width"/> x <see cref="Height"/>, rows top to bottom, starting at the data window's top-left corner. uint samples are converted to float.</summary>
    public float[] Values { get; }

    /// <summary>The part of the name after the last dot (<c>R</c> for <c>ViewLayer.Combined.R</c>).</summary>
    public string Suffix => Name[(Name.LastIndexOf('.') + 1)..];

    /// <summary>The part of the name before the last dot, or "" for an unprefixed channel.</summary>
    public string Layer => Name.LastIndexOf('.') is var dot and >= 0 ? Name[..dot] : "";
}

/// <summary>A decoded OpenEXR image: header information and every channel by name.</summary>
public sealed class ExrImage
{
    private readonly Dictionary<string, ExrChannel> _byName;

    /// <summary>Creates an image from decoded parts (see <see cref="ExrDecoder"/>).</summary>
    public ExrImage(ExrBox dataWindow, ExrBox displayWindow, ExrCompression compression, ExrLineOrder lineOrder,
        bool isTiled, IReadOnlyList<ExrChannel> channels, IReadOnlyDictionary<string, ExrAttribute> attributes)
    {
        DataWindow = dataWindow;
        DisplayWindow = displayWindow;
        Compression = compression;
        LineOrder = lineOrder;
        IsTiled = isTiled;
        Channels = channels;
        Attributes = attributes;
        _byName = new Dictionary<string, ExrChannel>(StringComparer.Ordinal);
        foreach (var channel in channels) _byName[channel.Name] = channel;
    }

    /// <summary>The rectangle that holds pixel data.</summary>
    public ExrBox DataWindow { get; }

    /// <summary>The rectangle of the image as displayed; <see cref="ToDecodedImage"/> returns this area.</summary>
    public ExrBox DisplayWindow { get; }

    /// <summary>The compression the file used.</summary>
    public ExrCompression Compression { get; }

    /// <summary>The file's block order.</summary>
    public ExrLineOrder LineOrder { get; }

    /// <summary>The part's <c>name</c> attribute (multi-part files), or null.</summary>
    public string? PartName { get; init; }

    /// <summary>Index of the decoded part (0 for single-part files).</summary>
    public int PartIndex { get; init; }

    /// <summary>True for a tiled file (only its full-resolution level is decoded).</summary>
    public bool IsTiled { get; }

    /// <summary>All channels in file order (sorted by name, as OpenEXR requires).</summary>
    public IReadOnlyList<ExrChannel> Channels { get; }

    /// <summary>All header attributes by name, raw.</summary>
    public IReadOnlyDictionary<string, ExrAttribute> Attributes { get; }

    /// <summary>All channels by full name.</summary>
    public IReadOnlyDictionary<string, ExrChannel> ChannelsByName => _byName;

    /// <summary>The channel named <paramref name="name"/>, or null.</summary>
    public ExrChannel? FindChannel(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Distinct layer prefixes in file order ("" for unprefixed channels such as <c>R</c>).</summary>
    public IReadOnlyList<string> Layers => Channels.Select(c => c.Layer).Distinct().ToArray();

    /// <summary>
    /// The channel <paramref name="name"/> as a display-window sized plane (rows top to bottom),
    /// 0 outside the data window. Subsampled channels are expanded by repetition.
    /// </summary>
    public float[] ChannelInDisplayWindow(string name)
    {
        var channel = FindChannel(name) ?? throw new KeyNotFoundException($"EXR has no channel '{name}'");
        var plane = new float[DisplayWindow.Width * DisplayWindow.Height];
        CopyIntoDisplayWindow(channel, plane, 0, 1);
        return plane;
    }

    /// <summary>
    /// The image as RGBA over the display window. Picks <c>R,G,B,A</c> of <paramref name="layer"/>
    /// (e.g. <c>"ViewLayer.Combined"</c>; null = the unprefixed channels, or else the first layer that
    /// has color channels). A layer with only <c>Y</c> becomes gray. Missing color channels are 0,
    /// missing alpha is 1; pixels outside the data window are 0 with alpha 0.
    /// </summary>
    public DecodedImage ToDecodedImage(string? layer = null)
    {
        layer ??= PickDefaultLayer();
        string prefix = layer.Length == 0 ? "" : layer + ".";
        var red = FindChannel(prefix + "R");
        var green = FindChannel(prefix + "G");
        var blue = FindChannel(prefix + "B");
        var alpha = FindChannel(prefix + "A");
        var luminance = FindChannel(prefix + "Y");
        bool hasColor = red is not null || green is not null || blue is not null;
        if (!hasColor && luminance is null && alpha is null)
        {
            // A single data pass (Z, a mask...) is shown as gray so it can still be used.
            var single = Channels.Where(c => c.Layer == layer).ToArray();
            if (single.Length == 1) luminance = single[0];
            else throw new KeyNotFoundException($"EXR layer '{layer}' has no R, G, B, A or Y channel");
        }

        long width = DisplayWindow.Width, height = DisplayWindow.Height;
        var pixels = new float[width * height * 4];
        if (hasColor)
        {
            if (red is not null) CopyIntoDisplayWindow(red, pixels, 0, 4);
            if (green is not null) CopyIntoDisplayWindow(green, pixels, 1, 4);
            if (blue is not null) CopyIntoDisplayWindow(blue, pixels, 2, 4);
        }
        else if (luminance is not null)
        {
            for (int c = 0; c < 3; c++) CopyIntoDisplayWindow(luminance, pixels, c, 4);
        }
        if (alpha is not null) CopyIntoDisplayWindow(alpha, pixels, 3, 4);
        else FillDataWindow(pixels, 3, 4, 1f);

        var used = new[] { red, green, blue, alpha, luminance }.Where(c => c is not null).ToArray();
        int bitDepth = used.All(c => c!.PixelType == ExrPixelType.Half) ? 16 : 32;
        int sourceChannels = (hasColor ? 3 : 1) + (alpha is not null ? 1 : 0);
        return new DecodedImage((int)width, (int)height, pixels)
        {
            Format = ImageFileFormat.Exr,
            IsFloat = true,
            BitDepth = bitDepth,
            SourceChannels = sourceChannels,
            HasAlpha = alpha is not null,
            Exr = this,
        };
    }

    private string PickDefaultLayer()
    {
        static bool IsColor(ExrChannel c) => c.Suffix is "R" or "G" or "B" or "Y" or "A";
        if (Channels.Any(c => c.Layer.Length == 0 && IsColor(c))) return "";
        return Channels.FirstOrDefault(IsColor)?.Layer ?? (Channels.Count > 0 ? Channels[0].Layer : "");
    }

    /// <summary>Overlap of the data and display windows, as columns/rows relative to each.</summary>
    private (int X0, int Y0, int X1, int Y1) Overlap()
    {
        int x0 = Math.Max(DataWindow.XMin, DisplayWindow.XMin), x1 = Math.Min(DataWindow.XMax, DisplayWindow.XMax);
        int y0 = Math.Max(DataWindow.YMin, DisplayWindow.YMin), y1 = Math.Min(DataWindow.YMax, DisplayWindow.YMax);
        return (x0, y0, x1, y1);
    }

    private void CopyIntoDisplayWindow(ExrChannel channel, float[] dest, int offset, int stride)
    {
        var (x0, y0, x1, y1) = Overlap();
        long displayWidth = DisplayWindow.Width;
        var values = channel.Values;
        bool fullResolution = channel.XSampling == 1 && channel.YSampling == 1;
        int firstSampleRow = CeilDiv(DataWindow.YMin, channel.YSampling);
        int firstSampleColumn = CeilDiv(DataWindow.XMin, channel.XSampling);
        for (int y = y0; y <= y1; y++)
        {
            long destRow = (y - DisplayWindow.YMin) * displayWidth - DisplayWindow.XMin;
            if (fullResolution)
            {
                var source = values.AsSpan((int)((long)(y - DataWindow.YMin) * channel.Width - DataWindow.XMin + x0), x1 - x0 + 1);
                long at = (destRow + x0) * stride + offset;
                for (int i = 0; i < source.Length; i++, at += stride) dest[at] = source[i];
                continue;
            }
            // Subsampled channels: each sample covers XSampling x YSampling pixels.
            int sourceRow = Math.Clamp(FloorDiv(y, channel.YSampling) - firstSampleRow, 0, channel.Height - 1);
            for (int x = x0; x <= x1; x++)
            {
                int sourceColumn = Math.Clamp(FloorDiv(x, channel.XSampling) - firstSampleColumn, 0, channel.Width - 1);
                dest[(destRow + x) * stride + offset] = values[(long)sourceRow * channel.Width + sourceColumn];
            }
        }
    }

    private void FillDataWindow(float[] dest, int offset, int stride, float value)
    {
        var (x0, y0, x1, y1) = Overlap();
        long displayWidth = DisplayWindow.Width;
        for (int y = y0; y <= y1; y++)
        {
            long rowStart = (y - DisplayWindow.YMin) * displayWidth;
            for (int x = x0; x <= x1; x++) dest[(rowStart + x - DisplayWindow.XMin) * stride + offset] = value;
        }
    }

    /// <summary>a / b rounded towards negative infinity (b &gt; 0), as sample positions need for negative coordinates.</summary>
    internal static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// <summary>a / b rounded towards positive infinity (b &gt; 0).</summary>
    internal static int CeilDiv(int a, int b) => (int)Math.Ceiling((double)a / b);
}
