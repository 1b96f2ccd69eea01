using Compositor.Codecs;
using Compositor.Codecs.Exr;
using Compositor.Imaging;

namespace Compositor.Nodes.Output;

/// <summary>
/// Turns a File Output slot's buffer into a file as Blender 3.4 writes it. The buffer holds the
/// slot's data type (the type of the socket linked to it): 1, 3 or 4 channels, linear,
/// premultiplied, rows bottom-up.
/// <list type="bullet">
/// <item>OpenEXR keeps the values linear and premultiplied; colors write RGBA or RGB by
/// <c>color_mode</c>; values and vectors write R, G, B (a value in all three) and no alpha.</item>
/// <item>PNG applies the sRGB transfer (the Standard view). RGBA colors are un-premultiplied first;
/// RGB and BW use the stored values, BW keeping red at 8 bits and Rec.709 luminance at 16 bits.
/// Vectors get alpha 1; values are written untransformed in every channel, alpha included.</item>
/// </list>
/// Every file is written under a temporary name and renamed into place.
/// </summary>
public static class FileOutputWriter
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> in <paramref name="format"/> (single-layer PNG or EXR).</summary>
    public static void WriteSingleLayer(MemoryBuffer image, FileOutputFormat format, string path)
    {
        if (format.FileFormat == FileOutputFileFormat.OpenExrMultilayer)
            throw new ArgumentException("multi-layer files are written with WriteMultilayer", nameof(format));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int w = image.Width, h = image.Height;
        var rgba = new float[w * h * 4];
        ImageChannels channels;
        if (format.FileFormat == FileOutputFileFormat.OpenExr)
        {
            Expand(image, rgba, display: false);
            channels = image.Type == DataType.Color && format.ColorMode == FileOutputColorMode.Rgba ? ImageChannels.Rgba : ImageChannels.Rgb;
        }
        else
        {
            Expand(image, rgba, display: true, unpremultiply: image.Type == DataType.Color && format.ColorMode == FileOutputColorMode.Rgba);
            channels = format.ColorMode switch
            {
                FileOutputColorMode.Rgba => ImageChannels.Rgba,
                FileOutputColorMode.Rgb => ImageChannels.Rgb,
                _ => ImageChannels.Gray,
            };
            if (channels == ImageChannels.Gray) ToGray(rgba, format.Depth == 16);
        }

        var options = new ImageWriteOptions
        {
            Channels = channels,
            BitDepth = format.Depth,
            ExrCompression = format.ExrCodec,
            PngCompressionLevel = format.PngLevel,
        };
        // The codecs pick the format by extension; write under one they know, then move into place.
        string temporary = TemporaryPath(path, format.FileFormat == FileOutputFileFormat.Png ? ".png" : ".exr");
        try
        {
            ImageCodecs.Write(temporary, w, h, rgba, options);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Writes one multi-layer OpenEXR file: per layer its channels (<c>name.R/G/B/A</c> for colors,
    /// <c>name.X/Y/Z</c> for vectors, <c>name.V</c> for values), half or float by <paramref name="format"/>'s depth.
    /// </summary>
    public static void WriteMultilayer(IReadOnlyList<(string Name, MemoryBuffer Image)> layers, FileOutputFormat format, string path)
    {
        if (layers.Count == 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int w = layers[0].Image.Width, h = layers[0].Image.Height;
        var pixelType = format.Depth == 16 ? ExrPixelType.Half : ExrPixelType.Float;
        // A later layer of the same name replaces an earlier one, as in Blender's channel map.
        var channels = new Dictionary<string, ExrOutputChannel>(StringComparer.Ordinal);
        foreach (var (name, image) in layers)
        {
            string[] suffixes = image.Type switch
            {
                DataType.Value => ["V"],
                DataType.Vector => ["X", "Y", "Z"],
                _ => ["R", "G", "B", "A"],
            };
            for (int c = 0; c < suffixes.Length; c++)
            {
                string full = name.Length > 0 ? $"{name}.{suffixes[c]}" : suffixes[c];
                channels[full] = new ExrOutputChannel(full, Plane(image, c), pixelType);
            }
        }

        string temporary = TemporaryPath(path, ".exr");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                ExrEncoder.EncodeChannels(file, w, h, channels.Values.ToList(), format.ExrCodec);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Fills <paramref name="rgba"/> (top-down RGBA) from <paramref name="image"/>; with
    /// <paramref name="display"/> the sRGB transfer is applied as Blender's PNG path does.
    /// </summary>
    internal static void Expand(MemoryBuffer image, float[] rgba, bool display, bool unpremultiply = false)
    {
        int w = image.Width, h = image.Height, c = image.Channels;
        var scratch = new float[w * c];
        for (int row = 0; row < h; row++)
        {
            int y = image.Rect.YMax - 1 - row;
            var src = image.ReadRow(y, image.Rect.XMin, w, scratch);
            var dst = rgba.AsSpan(row * w * 4, w * 4);
            for (int x = 0; x < w; x++)
            {
                int d = x * 4, s = x * c;
                if (c == 1)
                {
                    // Blender's colour management leaves one-channel buffers alone and copies the value to every channel.
                    float v = src[s];
                    dst[d] = dst[d + 1] = dst[d + 2] = v;
                    dst[d + 3] = display ? v : 1f;
                    continue;
                }

                float r = src[s], g = src[s + 1], b = src[s + 2];
                float a = c == 4 ? src[s + 3] : 1f;
                if (display)
                {
                    if (unpremultiply && a != 0f && a != 1f)
                    {
                        // Blender transforms the straight color and premultiplies it again, then the
                        // PNG writer divides by alpha once more: keep both roundings.
                        float k = 1f / a;
                        r = DisplayTransfer.LinearToSrgb(r * k) * a * k;
                        g = DisplayTransfer.LinearToSrgb(g * k) * a * k;
                        b = DisplayTransfer.LinearToSrgb(b * k) * a * k;
                    }
                    else
                    {
                        r = DisplayTransfer.LinearToSrgb(r);
                        g = DisplayTransfer.LinearToSrgb(g);
                        b = DisplayTransfer.LinearToSrgb(b);
                    }
                }

                dst[d] = r;
                dst[d + 1] = g;
                dst[d + 2] = b;
                dst[d + 3] = a;
            }
        }
    }

    /// <summary>Blender's PNG gray: red at 8 bits, Rec.709 luminance at 16 bits; stored in R, G and B.</summary>
    private static void ToGray(float[] rgba, bool sixteenBit)
    {
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float gray = sixteenBit ? 0.2126f * rgba[i] + 0.7152f * rgba[i + 1] + 0.0722f * rgba[i + 2] : rgba[i];
            rgba[i] = rgba[i + 1] = rgba[i + 2] = gray;
        }
    }

    /// <summary>Channel <paramref name="channel"/> of <paramref name="image"/> as a top-down plane.</summary>
    private static float[] Plane(MemoryBuffer image, int channel)
    {
        int w = image.Width, h = image.Height, c = image.Channels;
        var plane = new float[w * h];
        var scratch = new float[w * c];
        for (int row = 0; row < h; row++)
        {
            var src = image.ReadRow(image.Rect.YMax - 1 - row, image.Rect.XMin, w, scratch);
            for (int x = 0; x < w; x++) plane[row * w + x] = src[x * c + channel];
        }

        return plane;
    }

    private static string TemporaryPath(string path, string extension) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp{extension}");

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the write's own outcome matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
