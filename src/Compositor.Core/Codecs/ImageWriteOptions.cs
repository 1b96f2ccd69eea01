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

/// <summary>Chroma subsampling of a JPEG file (the sampling of Cb and Cr relative to Y).</summary>
public enum JpegSubsampling
{
    /// <summary>Cb and Cr at half resolution both ways (libjpeg's default; the smallest files).</summary>
    Yuv420,
    /// <summary>Cb and Cr at half horizontal resolution.</summary>
    Yuv422,
    /// <summary>No subsampling (best for sharp colored edges).</summary>
    Yuv444,
}

/// <summary>Compression of a TIFF file.</summary>
public enum TiffCompression
{
    /// <summary>Uncompressed.</summary>
    None,
    /// <summary>LZW with the horizontal-differencing predictor (predictor 2; 3 for float).</summary>
    Lzw,
    /// <summary>zlib (Adobe Deflate, compression 8) with the horizontal-differencing predictor (3 for float).</summary>
    Deflate,
    /// <summary>PackBits run-length coding.</summary>
    PackBits,
}

/// <summary>Options for writing images; each encoder reads the settings that concern it.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>Channels to store. Default RGBA.</summary>
    public ImageChannels Channels { get; init; } = ImageChannels.Rgba;

    /// <summary>
    /// Bits per sample: PNG 8 or 16 (default 8); EXR 16 (half) or 32 (float) (default 16);
    /// TIFF 8, 16 or 32 (float) (default 8). JPEG, TGA and BMP are always 8; HDR and PFM always float.
    /// Null picks the format's default.
    /// </summary>
    public int? BitDepth { get; init; }

    /// <summary>Deflate effort for PNG. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel PngCompressionLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>PNG row filter choice. Default adaptive.</summary>
    public PngFilterStrategy PngFilter { get; init; } = PngFilterStrategy.Adaptive;

    /// <summary>EXR compression: None, Rle, Zips, Zip or Piz. Default Zip.</summary>
    public ExrCompression ExrCompression { get; init; } = ExrCompression.Zip;

    /// <summary>Deflate effort for EXR ZIP/ZIPS. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel ExrZipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>JPEG quality 1..100, scaling the standard (Annex K) quantization tables as libjpeg does. Default 90 (Blender's default).</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>JPEG chroma subsampling. Default 4:2:0.</summary>
    public JpegSubsampling JpegSubsampling { get; init; } = JpegSubsampling.Yuv420;

    /// <summary>TGA: run-length encode the pixels (Blender's "Targa"; false is "Targa Raw"). Default true.</summary>
    public bool TgaRle { get; init; } = true;

    /// <summary>TIFF compression. Default Deflate.</summary>
    public TiffCompression TiffCompression { get; init; } = TiffCompression.Deflate;

    /// <summary>Defaults: RGBA, PNG 8-bit, EXR half ZIP, JPEG quality 90 4:2:0, TGA RLE, TIFF 8-bit Deflate.</summary>
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

    /// <summary>A normalized sample as an 8-bit code: clamped to 0..1, rounded; NaN gives 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static byte To8(float v) => (byte)((v >= 0f ? (v <= 1f ? v : 1f) : 0f) * 255f + 0.5f);

    /// <summary>A normalized sample as a 16-bit code: clamped to 0..1, rounded; NaN gives 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ushort To16(float v) => (ushort)((v >= 0f ? (v <= 1f ? v : 1f) : 0f) * 65535f + 0.5f);

    /// <summary>The gray value stored for a color: exact when R=G=B, else Rec.709 luminance.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Gray(float r, float g, float b) =>
        r == g && g == b ? r : 0.2126f * r + 0.7152f * g + 0.0722f * b;
}
