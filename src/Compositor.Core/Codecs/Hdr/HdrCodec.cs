using System.Globalization;
using System.Text;

namespace Compositor.Codecs.Hdr;

/// <summary>
/// Decodes Radiance RGBE files (<c>.hdr</c>, <c>.pic</c>): the text header, any of the eight
/// resolution-string orientations, and flat, old run-length or new (per-component) run-length
/// scanlines. Samples are converted as Radiance and Blender do: (mantissa + 0.5) * 2^(exponent - 136).
/// </summary>
/// <remarks>XYZE files (<c>FORMAT=32-bit_rle_xyze</c>) are not supported.</remarks>
public static class HdrDecoder
{
    /// <summary>True when <paramref name="data"/> starts with <c>#?RADIANCE</c> or <c>#?RGBE</c> (or another <c>#?</c> program name followed by a newline).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.StartsWith("#?RADIANCE"u8) || data.StartsWith("#?RGBE"u8);

    /// <summary>Decodes a whole Radiance file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid Radiance file or exceeds the limits.</exception>
    /// <exception cref="NotSupportedException">The file stores XYZE instead of RGBE.</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ImageReadOptions.Default;
        if (!data.AsSpan().StartsWith("#?"u8)) throw new ImageFormatException("HDR: missing '#?' magic (not a Radiance file)");
        int pos = 0;
        string? format = null;
        // Header lines up to an empty line; the first is the magic.
        ReadLine(data, ref pos);
        while (true)
        {
            string line = ReadLine(data, ref pos) ?? throw new ImageFormatException("HDR: truncated header (no empty line before the resolution)");
            if (line.Length == 0) break;
            if (line.StartsWith("FORMAT=", StringComparison.Ordinal)) format = line[7..].Trim();
        }
        if (format == "32-bit_rle_xyze") throw new NotSupportedException("HDR: XYZE files are not supported (RGBE only)");
        if (format is not null && format != "32-bit_rle_rgbe") throw new ImageFormatException($"HDR: unknown FORMAT '{format}'");

        int resolutionAt = pos;
        string resolution = ReadLine(data, ref pos) ?? throw new ImageFormatException("HDR: truncated file: no resolution string");
        var parts = resolution.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || parts[0].Length != 2 || parts[2].Length != 2 || parts[0][1] == parts[2][1]
            || "+-".IndexOf(parts[0][0]) < 0 || "+-".IndexOf(parts[2][0]) < 0 || "XY".IndexOf(parts[0][1]) < 0 || "XY".IndexOf(parts[2][1]) < 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
            throw new ImageFormatException($"HDR: invalid resolution string '{Truncate(resolution)}' at offset {resolutionAt}");
        // The first axis is the slow one (scanlines along the second). "-Y H +X W" is the standard top-down, left-to-right order.
        bool rowsAreY = parts[0][1] == 'Y';
        int width = rowsAreY ? minor : major, height = rowsAreY ? major : minor;
        options.CheckSize("HDR", width, height);
        int lineLength = minor, lines = major;
        // Every scanline takes at least 4 bytes (a run-length header or a pixel).
        if ((long)lines * 4 > data.Length - pos)
            throw new ImageFormatException($"HDR: truncated file: {data.Length - pos} bytes cannot hold {lines} scanlines");

        // Scanlines are decoded one by one, so a corrupt file fails before a large image is allocated.
        var scanlines = new byte[lines][];
        for (int line = 0; line < lines; line++)
        {
            scanlines[line] = new byte[lineLength * 4];
            ReadScanline(data, ref pos, scanlines[line], line);
        }

        // Map (line, index along the line) to image (x, y): signs say which way the axes run.
        bool majorDown = parts[0][0] == '-', minorDown = parts[2][0] == '-';
        // For Y, "-" means top to bottom; for X, "+" means left to right.
        var pixels = new float[(long)width * height * 4];
        CodecParallel.For(lines, () => 0, (_, line) =>
        {
            for (int i = 0; i < lineLength; i++)
            {
                int x, y;
                if (rowsAreY)
                {
                    y = majorDown ? line : lines - 1 - line;
                    x = minorDown ? lineLength - 1 - i : i;
                }
                else
                {
                    x = majorDown ? lines - 1 - line : line;
                    y = minorDown ? i : lineLength - 1 - i;
                }
                var rgbe = scanlines[line];
                int source = i * 4, dest = (y * width + x) * 4;
                int e = rgbe[source + 3];
                if (e == 0)
                {
                    pixels[dest] = pixels[dest + 1] = pixels[dest + 2] = 0f;
                }
                else
                {
                    float f = MathF.ScaleB(1f, e - 136);
                    pixels[dest] = (rgbe[source] + 0.5f) * f;
                    pixels[dest + 1] = (rgbe[source + 1] + 0.5f) * f;
                    pixels[dest + 2] = (rgbe[source + 2] + 0.5f) * f;
                }
                pixels[dest + 3] = 1f;
            }
        });
        return new DecodedImage(width, height, pixels)
        {
            Format = ImageFileFormat.Hdr,
            IsFloat = true,
            BitDepth = 32,
            SourceChannels = 3,
            HasAlpha = false,
        };
    }

    /// <summary>Decodes a Radiance file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid Radiance file.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";

    /// <summary>The next line (without its newline) of at most 4096 bytes, or null at the end of the data.</summary>
    private static string? ReadLine(byte[] data, ref int pos)
    {
        if (pos >= data.Length) return null;
        int end = Array.IndexOf(data, (byte)'\n', pos, Math.Min(4096, data.Length - pos));
        if (end < 0) return null;
        string line = Encoding.ASCII.GetString(data, pos, end - pos).TrimEnd('\r');
        pos = end + 1;
        return line;
    }

    private static void ReadScanline(byte[] data, ref int pos, Span<byte> dest, int line)
    {
        int width = dest.Length / 4;
        if (data.Length - pos < 4) throw new ImageFormatException($"HDR: truncated file in scanline {line} (offset {pos})");
        bool newRle = width is >= 8 and < 32768 && data[pos] == 2 && data[pos + 1] == 2 && (data[pos + 2] & 0x80) == 0;
        if (newRle)
        {
            int length = data[pos + 2] << 8 | data[pos + 3];
            if (length != width) throw new ImageFormatException($"HDR: scanline {line} (offset {pos}) says width {length}, expected {width}");
            pos += 4;
            for (int component = 0; component < 4; component++)
            {
                int x = 0;
                while (x < width)
                {
                    if (pos >= data.Length) throw new ImageFormatException($"HDR: truncated run-length data in scanline {line}");
                    int count = data[pos++];
                    if (count > 128)
                    {
                        count -= 128;
                        if (x + count > width || pos >= data.Length) throw new ImageFormatException($"HDR: run overruns scanline {line} (offset {pos})");
                        byte value = data[pos++];
                        for (int i = 0; i < count; i++) dest[4 * (x + i) + component] = value;
                    }
                    else
                    {
                        if (count == 0 || x + count > width || data.Length - pos < count)
                            throw new ImageFormatException($"HDR: literal run of {count} overruns scanline {line} (offset {pos})");
                        for (int i = 0; i < count; i++) dest[4 * (x + i) + component] = data[pos + i];
                        pos += count;
                    }
                    x += count;
                }
            }
            return;
        }

        // Flat RGBE pixels, possibly with old-style runs: (1, 1, 1, n) repeats the previous pixel n << shift times.
        int at = 0, shift = 0;
        while (at < width)
        {
            if (data.Length - pos < 4) throw new ImageFormatException($"HDR: truncated file in scanline {line} (offset {pos})");
            if (data[pos] == 1 && data[pos + 1] == 1 && data[pos + 2] == 1)
            {
                if (at == 0) throw new ImageFormatException($"HDR: run-length repeat at the start of scanline {line} (offset {pos})");
                long count = (long)data[pos + 3] << shift;
                if (at + count > width) throw new ImageFormatException($"HDR: run overruns scanline {line} (offset {pos})");
                for (long i = 0; i < count; i++) dest.Slice(4 * (at - 1), 4).CopyTo(dest[(4 * (at + (int)i))..]);
                at += (int)count;
                shift += 8;
                if (shift > 24) throw new ImageFormatException($"HDR: too many consecutive run-length repeats in scanline {line}");
            }
            else
            {
                data.AsSpan(pos, 4).CopyTo(dest[(4 * at)..]);
                at++;
                shift = 0;
            }
            pos += 4;
        }
    }
}

/// <summary>
/// Encodes Radiance RGBE files as Blender writes them: <c>#?RADIANCE</c>, <c>FORMAT=32-bit_rle_rgbe</c>,
/// <c>-Y H +X W</c> (top-down), new run-length scanlines. Alpha is dropped; negative values become 0.
/// </summary>
public static class HdrEncoder
{
    /// <summary>Encodes interleaved RGBA floats (rows top to bottom).</summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        EncoderInput.Validate(width, height, rgba, 1L << 32);
        bool gray = options?.Channels is ImageChannels.Gray or ImageChannels.GrayAlpha;
        output.Write(Encoding.ASCII.GetBytes($"#?RADIANCE\n# Made with Compositor\nFORMAT=32-bit_rle_rgbe\n\n-Y {height} +X {width}\n"));
        var line = new byte[width * 4];
        var packed = new List<byte>(width * 5);
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                float r = row[4 * x], g = row[4 * x + 1], b = row[4 * x + 2];
                if (gray) r = g = b = EncoderInput.Gray(r, g, b);
                ToRgbe(r, g, b, line.AsSpan(4 * x, 4));
            }
            if (width is < 8 or >= 32768)
            {
                output.Write(line);
                continue;
            }
            packed.Clear();
            packed.AddRange([2, 2, (byte)(width >> 8), (byte)width]);
            for (int component = 0; component < 4; component++) PackComponent(line, component, width, packed);
            output.Write(packed.ToArray());
        }
    }

    /// <summary>The shared-exponent encoding: the largest component's mantissa in 128..255.</summary>
    internal static void ToRgbe(float r, float g, float b, Span<byte> rgbe)
    {
        r = r > 0 ? r : 0; // also turns NaN into 0
        g = g > 0 ? g : 0;
        b = b > 0 ? b : 0;
        float max = MathF.Max(r, MathF.Max(g, b));
        if (!(max >= 1e-32f))
        {
            rgbe.Clear();
            return;
        }
        if (float.IsInfinity(max)) max = float.MaxValue;
        int exponent = MathF.ILogB(max) + 1; // max in [2^(e-1), 2^e)
        float scale = MathF.ScaleB(256f, -exponent);
        rgbe[0] = (byte)Math.Min(255f, r * scale);
        rgbe[1] = (byte)Math.Min(255f, g * scale);
        rgbe[2] = (byte)Math.Min(255f, b * scale);
        rgbe[3] = (byte)Math.Clamp(exponent + 128, 0, 255);
    }

    /// <summary>Run-length codes one component of a scanline: runs of 3+ equal bytes, literal runs of up to 128.</summary>
    private static void PackComponent(byte[] line, int component, int width, List<byte> output)
    {
        byte At(int x) => line[4 * x + component];
        int position = 0;
        while (position < width)
        {
            int run = 1;
            while (position + run < width && run < 127 && At(position + run) == At(position)) run++;
            if (run >= 3)
            {
                output.Add((byte)(128 + run));
                output.Add(At(position));
                position += run;
                continue;
            }
            int literal = 0;
            while (position + literal < width && literal < 128)
            {
                int next = position + literal;
                if (next + 2 < width && At(next) == At(next + 1) && At(next) == At(next + 2)) break;
                literal++;
            }
            output.Add((byte)literal);
            for (int i = 0; i < literal; i++) output.Add(At(position + i));
            position += literal;
        }
    }
}
