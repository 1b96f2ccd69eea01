using Compositor.Codecs.Exr;
using Compositor.Codecs.Png;

namespace Compositor.Codecs;

/// <summary>Reads and writes image files, picking the codec by content (reading) or extension (writing).</summary>
public static class ImageCodecs
{
    /// <summary>Reads the image file at <paramref name="path"/>; the format is recognized by the file's signature, not its extension.</summary>
    /// <exception cref="ImageFormatException">The file is corrupt or not a supported image format; the message names the file.</exception>
    /// <exception cref="NotSupportedException">The file uses a feature of its format that is not implemented (e.g. an EXR compression).</exception>
    public static DecodedImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data = File.ReadAllBytes(path);
        try
        {
            return Decode(data);
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
    public static DecodedImage Read(Stream stream) => Decode(StreamBytes.ReadAll(stream));

    /// <summary>The format <paramref name="header"/> (the first bytes of a file) belongs to, or null when unknown.</summary>
    public static ImageFileFormat? DetectFormat(ReadOnlySpan<byte> header)
    {
        if (PngDecoder.HasSignature(header)) return ImageFileFormat.Png;
        if (ExrDecoder.HasSignature(header)) return ImageFileFormat.Exr;
        return null;
    }

    private static DecodedImage Decode(byte[] data)
    {
        switch (DetectFormat(data))
        {
            case ImageFileFormat.Png: return PngDecoder.Decode(data);
            case ImageFileFormat.Exr: return ExrDecoder.Decode(data).ToDecodedImage();
        }
        // A PNG whose signature was damaged in transfer should get the PNG decoder's precise diagnosis.
        if (LooksLikeDamagedPng(data)) return PngDecoder.Decode(data);
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            throw new ImageFormatException("JPEG files are not supported (only PNG and OpenEXR)");
        if (data.Length == 0) throw new ImageFormatException("empty file");
        throw new ImageFormatException($"unrecognized image format (first bytes {Convert.ToHexString(data.AsSpan(0, Math.Min(8, data.Length)))}); PNG and OpenEXR are supported");
    }

    private static bool LooksLikeDamagedPng(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && (data[0] == 0x89 || (data[1] | 0x20) == 'p' && (data[2] | 0x20) == 'n' && (data[3] | 0x20) == 'g');
}
