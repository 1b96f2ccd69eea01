using Compositor.Codecs.Bmp;
using Compositor.Codecs.Exr;
using Compositor.Codecs.Hdr;
using Compositor.Codecs.Jpeg;
using Compositor.Codecs.Pfm;
using Compositor.Codecs.Tga;
using Compositor.Codecs.Tiff;
using Compositor.Codecs.Png;

namespace Compositor.Codecs;

/// <summary>Reads and writes image files, picking the codec by content (reading) or extension (writing).</summary>
public static class ImageCodecs
{
    /// <summary>Reads the image file at <paramref name="path"/>; the format is recognized by the file's signature, not its extension.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt or not a supported image format; the message names the file.</exception>
    /// <exception cref="NotSupportedException">The file uses a feature of its format that is not implemented (e.g. an EXR compression).</exception>
    public static DecodedImage Read(string path) => Read(path, null);

    /// <summary>Reads the image file at <paramref name="path"/> with size limits and orientation handling from <paramref name="options"/>.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt, not a supported image format, or exceeds the limits; the message names the file.</exception>
    /// <exception cref="NotSupportedException">The file uses a feature of its format that is not implemented.</exception>
    public static DecodedImage Read(string path, ImageReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data = File.ReadAllBytes(path);
        try
        {
            return Decode(data, options ?? ImageReadOptions.Default);
        }
        catch (ImageFormatException e) when (e.FileName is null)
        {
            throw e.WithFileName(path);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads an image from <paramref name="stream"/> (to its end); the format is recognized by its signature.</summary>
    /// <exception cref="ImageFormatException">The data is corrupt or not a supported image format.</exception>
    /// <exception cref="NotSupportedException">The data uses a feature of its format that is not implemented.</exception>
    public static DecodedImage Read(Stream stream, ImageReadOptions? options = null) =>
        Decode(StreamBytes.ReadAll(stream), options ?? ImageReadOptions.Default);

    /// <summary>The format <paramref name="header"/> (the first bytes of a file) belongs to, or null when unknown.</summary>
    public static ImageFileFormat? DetectFormat(ReadOnlySpan<byte> header)
    {
        if (PngDecoder.HasSignature(header)) return ImageFileFormat.Png;
        if (ExrDecoder.HasSignature(header)) return ImageFileFormat.Exr;
        if (JpegDecoder.HasSignature(header)) return ImageFileFormat.Jpeg;
        if (TiffDecoder.HasSignature(header)) return ImageFileFormat.Tiff;
        if (BmpDecoder.HasSignature(header)) return ImageFileFormat.Bmp;
        if (HdrDecoder.HasSignature(header)) return ImageFileFormat.Hdr;
        if (PfmDecoder.HasSignature(header)) return ImageFileFormat.Pfm;
        // TGA has no signature: its header must look plausible, and it is tried last.
        if (TgaDecoder.LooksLikeTga(header)) return ImageFileFormat.Tga;
        return null;
    }

    /// <summary>
    /// The format a path's extension asks for (case-insensitive): <c>.png</c>, <c>.exr</c>, <c>.jpg</c>/<c>.jpeg</c>,
    /// <c>.tif</c>/<c>.tiff</c>, <c>.tga</c>, <c>.bmp</c>, <c>.hdr</c>, <c>.pfm</c>; or null.
    /// </summary>
    public static ImageFileFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ImageFileFormat.Png,
            ".exr" => ImageFileFormat.Exr,
            ".jpg" or ".jpeg" or ".jpe" or ".jfif" => ImageFileFormat.Jpeg,
            ".tga" or ".tpic" => ImageFileFormat.Tga,
            ".bmp" or ".dib" => ImageFileFormat.Bmp,
            ".hdr" or ".rgbe" => ImageFileFormat.Hdr,
            ".pfm" => ImageFileFormat.Pfm,
            ".tif" or ".tiff" => ImageFileFormat.Tiff,
            _ => null,
        };

    /// <summary>
    /// True when <paramref name="format"/> written with <paramref name="options"/> stores scene-linear
    /// floats (OpenEXR, Radiance HDR, PFM, 32-bit float TIFF); false for display-referred integer files.
    /// </summary>
    public static bool StoresSceneLinear(ImageFileFormat format, ImageWriteOptions? options = null) => format switch
    {
        ImageFileFormat.Exr or ImageFileFormat.Hdr or ImageFileFormat.Pfm => true,
        ImageFileFormat.Tiff => options?.BitDepth == 32,
        _ => false,
    };

    /// <summary>
    /// Writes an image of interleaved RGBA floats (rows top to bottom) to <paramref name="path"/> in the
    /// format its extension names. The file is written under a temporary name in the same folder and
    /// renamed into place at the end, so a failed write never leaves a partial file behind.
    /// </summary>
    /// <exception cref="ArgumentException">The extension names no supported format (see <see cref="FormatFromExtension"/>), or the sizes do not match.</exception>
    public static void Write(string path, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = FormatFromExtension(path)
            ?? throw new ArgumentException($"{path}: unsupported image extension '{Path.GetExtension(path)}' (use .png, .exr, .jpg, .tif, .tga, .bmp, .hdr or .pfm)", nameof(path));
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(file, format, width, height, rgba, options);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="image"/>'s pixels to <paramref name="path"/>; see <see cref="Write(string, int, int, ReadOnlySpan{float}, ImageWriteOptions?)"/>.</summary>
    public static void Write(string path, DecodedImage image, ImageWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Write(path, image.Width, image.Height, image.Pixels, options);
    }

    /// <summary>Encodes an image of interleaved RGBA floats to <paramref name="output"/> in <paramref name="format"/>.</summary>
    public static void Write(Stream output, ImageFileFormat format, int width, int height, ReadOnlySpan<float> rgba, ImageWriteOptions? options = null)
    {
        switch (format)
        {
            case ImageFileFormat.Png: PngEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Exr: ExrEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Jpeg: JpegEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Tga: TgaEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Bmp: BmpEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Hdr: HdrEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Pfm: PfmEncoder.Encode(output, width, height, rgba, options); break;
            case ImageFileFormat.Tiff: TiffEncoder.Encode(output, width, height, rgba, options); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown image format");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static DecodedImage Decode(byte[] data, ImageReadOptions options)
    {
        switch (DetectFormat(data))
        {
            case ImageFileFormat.Png: return PngDecoder.Decode(data, options);
            case ImageFileFormat.Exr: return ExrDecoder.Decode(data, options).ToDecodedImage();
            case ImageFileFormat.Jpeg: return JpegDecoder.Decode(data, options);
            case ImageFileFormat.Tiff: return TiffDecoder.Decode(data, options);
            case ImageFileFormat.Bmp: return BmpDecoder.Decode(data, options);
            case ImageFileFormat.Hdr: return HdrDecoder.Decode(data, options);
            case ImageFileFormat.Pfm: return PfmDecoder.Decode(data, options);
            case ImageFileFormat.Tga: return TgaDecoder.Decode(data, options);
        }
        // A PNG whose signature was damaged in transfer should get the PNG decoder's precise diagnosis.
        if (LooksLikeDamagedPng(data)) return PngDecoder.Decode(data, options);
        if (data.Length == 0) throw new ImageFormatException("empty file");
        throw new ImageFormatException($"unrecognized image format (first bytes {Convert.ToHexString(data.AsSpan(0, Math.Min(8, data.Length)))}); PNG, OpenEXR, JPEG, TIFF, BMP, TGA, Radiance HDR and PFM are supported");
    }

    private static bool LooksLikeDamagedPng(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && (data[0] == 0x89 || (data[1] | 0x20) == 'p' && (data[2] | 0x20) == 'n' && (data[3] | 0x20) == 'g');
}
