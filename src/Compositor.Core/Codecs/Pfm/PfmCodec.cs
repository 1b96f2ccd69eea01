using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Compositor.Codecs.Pfm;

/// <summary>
/// Decodes portable float maps: <c>PF</c> (RGB) or <c>Pf</c> (gray), width and height, a scale
/// whose sign gives the byte order (negative: little-endian), then 32-bit floats with rows from
/// bottom to top. The scale's magnitude is reported nowhere and not applied (as most readers do).
/// </summary>
public static class PfmDecoder
{
    /// <summary>True when <paramref name="data"/> starts with <c>PF</c> or <c>Pf</c> and white space.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 'P' && (data[1] == 'F' || data[1] == 'f') && IsSpace(data[2]);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>Decodes a whole PFM file held in memory.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PFM file or exceeds the limits.</exception>
    public static DecodedImage Decode(byte[] data, ImageReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ImageReadOptions.Default;
        if (!HasSignature(data)) throw new ImageFormatException("PFM: missing 'PF' / 'Pf' magic");
        bool color = data[1] == 'F';
        int pos = 2;
        string widthText = Token(data, ref pos), heightText = Token(data, ref pos), scaleText = Token(data, ref pos);
        if (!long.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out long width)
            || !long.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out long height))
            throw new ImageFormatException($"PFM: invalid size '{widthText} {heightText}'");
        if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) || scale == 0 || !double.IsFinite(scale))
            throw new ImageFormatException($"PFM: invalid scale '{scaleText}'");
        // Exactly one white-space character separates the header from the data.
        if (pos >= data.Length || !IsSpace(data[pos])) throw new ImageFormatException("PFM: truncated header");
        pos++;
        options.CheckSize("PFM", width, height);
        int channels = color ? 3 : 1;
        long bytes = width * height * channels * 4;
        if (data.Length - pos < bytes)
            throw new ImageFormatException($"PFM: truncated file: {data.Length - pos} bytes from offset {pos} cannot hold {width}x{height}x{channels} floats");
        bool little = scale < 0;
        int w = (int)width, h = (int)height;
        var pixels = new float[width * height * 4];
        CodecParallel.For(h, () => 0, (_, fileRow) =>
        {
            var source = data.AsSpan(pos + fileRow * w * channels * 4, w * channels * 4);
            var dest = pixels.AsSpan((h - 1 - fileRow) * w * 4, w * 4);
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    var at = source[((x * channels + (color ? c : 0)) * 4)..];
                    dest[4 * x + c] = little ? BinaryPrimitives.ReadSingleLittleEndian(at) : BinaryPrimitives.ReadSingleBigEndian(at);
                }
                dest[4 * x + 3] = 1f;
            }
        });
        return new DecodedImage(w, h, pixels)
        {
            Format = ImageFileFormat.Pfm,
            IsFloat = true,
            BitDepth = 32,
            SourceChannels = channels,
            HasAlpha = false,
        };
    }

    /// <summary>Decodes a PFM file read to the end of <paramref name="stream"/>.</summary>
    /// <exception cref="ImageFormatException">The data is not a valid PFM file.</exception>
    public static DecodedImage Decode(Stream stream, ImageReadOptions? options = null) => Decode(StreamBytes.ReadAll(stream), options);

    private static string Token(byte[] data, ref int pos)
    {
        while (pos < data.Length && IsSpace(data[pos])) pos++;
        int start = pos;
        while (pos < data.Length && !IsSpace(data[pos]) && pos - start < 32) pos++;
        if (pos == start) throw new ImageFormatException("PFM: truncated header");
        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}

/// <summary>Encodes portable float maps: little-endian (scale -1), rows bottom to top, <c>PF</c> for color or <c>Pf</c> for gray.</summary>
public static class PfmEncoder
{
    /// <summary>Encodes interleaved RGBA floats (rows top to bottom); alpha is dropped. Uses Channels of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static void Encode(Stream output, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        EncoderInput.Validate(width, height, rgba, 1L << 32);
        bool gray = options?.Channels is ImageChannels.Gray or ImageChannels.GrayAlpha;
        output.Write(Encoding.ASCII.GetBytes($"{(gray ? "Pf" : "PF")}\n{width} {height}\n-1.0\n"));
        int channels = gray ? 1 : 3;
        var row = new byte[width * channels * 4];
        for (int fileRow = 0; fileRow < height; fileRow++)
        {
            var source = rgba.Slice((height - 1 - fileRow) * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                if (gray)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(4 * x), EncoderInput.Gray(source[4 * x], source[4 * x + 1], source[4 * x + 2]));
                    continue;
                }
                for (int c = 0; c < 3; c++) BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan((3 * x + c) * 4), source[4 * x + c]);
            }
            output.Write(row);
        }
    }
}
