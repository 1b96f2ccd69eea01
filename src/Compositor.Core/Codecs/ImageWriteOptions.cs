using System.IO.Compression;
using Compositor.Codecs.Exr;

namespace Compositor.Codecs;

/// <summary>Which channels an encoder writes; the value is the channel count.</summary>
public enum ImageChannels
{
    /// <summary>One gray channel (EXR: <c>Y</c>), from R=G=B or, when they differ, Rec.709 luminance.</summary>
    Gray = 1,
    /// <summary>Gray plus alpha (EXR: <c>Y</c>, <c>A</c>).</summary>
    GrayAlpha = 2,
    /// <summary>Red, green, blue.</summary>
    Rgb = 3,
    /// <summary>Red, green, blue, alpha.</summary>
    Rgba = 4,
}

/// <summary>How the PNG encoder picks each row's filter.</summary>
public enum PngFilterStrategy
{
    /// <summary>Per row, the filter whose output has the smallest sum of absolute (signed) bytes.</summary>
    Adaptive,
    /// <summary>Always filter 0 (fastest; good for flat synthetic images).</summary>
    None,
    /// <summary>Always Sub.</summary>
    Sub,
    /// <summary>Always Up.</summary>
    Up,
    /// <summary>Always Average.</summary>
    Average,
    /// <summary>Always Paeth.</summary>
    Paeth,
}

/// <summary>Options for writing images; each encoder reads the settings that concern it.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>Channels to store. Default RGBA.</summary>
    public ImageChannels Channels { get; init; } = ImageChannels.Rgba;

    /// <summary>
    /// Bits per sample: PNG 8 or 16 (default 8); EXR 16 (half) or 32 (float) (default 16).
    /// Null picks the format's default.
    /// </summary>
    public int? BitDepth { get; init; }

    /// <summary>Deflate effort for PNG. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel PngCompressionLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>PNG row filter choice. Default adaptive.</summary>
    public PngFilterStrategy PngFilter { get; init; } = PngFilterStrategy.Adaptive;

    /// <summary>EXR compression: None, Rle, Zips or Zip. Default Zip.</summary>
    public ExrCompression ExrCompression { get; init; } = ExrCompression.Zip;

    /// <summary>Deflate effort for EXR ZIP/ZIPS. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel ExrZipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Defaults: RGBA, PNG 8-bit, EXR half ZIP.</summary>
    public static ImageWriteOptions Default { get; } = new();
}

/// <summary>Helpers shared by the encoders.</summary>
internal static class EncoderInput
{
    /// <summary>Checks that <paramref name="rgba"/> holds a <paramref name="width"/> x <paramref name="height"/> RGBA image of a size the codecs support.</summary>
    public static void Validate(int width, int height, ReadOnlySpan<float> rgba, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > maxPixels)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} exceeds the limit of {maxPixels} pixels");
        if (rgba.Length != (long)width * height * 4)
            throw new ArgumentException($"expected {(long)width * height * 4} floats for {width}x{height} RGBA, got {rgba.Length}", nameof(rgba));
    }

    /// <summary>The gray value stored for a color: exact when R=G=B, else Rec.709 luminance.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Gray(float r, float g, float b) =>
        r == g && g == b ? r : 0.2126f * r + 0.7152f * g + 0.0722f * b;
}
