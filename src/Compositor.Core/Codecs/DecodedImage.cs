using Compositor.Codecs.Exr;

namespace Compositor.Codecs;

/// <summary>The file formats the codecs read and write.</summary>
public enum ImageFileFormat
{
    /// <summary>Portable Network Graphics: integer samples in the file's transfer encoding.</summary>
    Png,

    /// <summary>OpenEXR: half/float/uint samples, scene-linear by convention.</summary>
    Exr,

    /// <summary>JPEG (JFIF/EXIF): 8-bit samples, usually sRGB.</summary>
    Jpeg,

    /// <summary>Truevision TGA: 8-bit samples.</summary>
    Tga,

    /// <summary>Windows bitmap: 8-bit samples.</summary>
    Bmp,

    /// <summary>Radiance RGBE (.hdr): shared-exponent floats, scene-linear.</summary>
    Hdr,

    /// <summary>Portable float map: 32-bit floats, scene-linear.</summary>
    Pfm,

    /// <summary>TIFF: 8/16-bit integer or 32-bit float samples.</summary>
    Tiff,
}

/// <summary>
/// A decoded image as interleaved RGBA floats, rows top to bottom as stored in the file.
/// No color management has been applied: integer formats are normalized to 0..1 but stay in
/// their transfer encoding (usually sRGB); float formats hold the stored values.
/// </summary>
public sealed class DecodedImage
{
    /// <summary>Creates an image; <paramref name="pixels"/> must hold <c>width * height * 4</c> floats.</summary>
    public DecodedImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * 4)
            throw new ArgumentException($"expected {(long)width * height * 4} floats for {width}x{height} RGBA, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels (for EXR: of the display window).</summary>
    public int Width { get; }

    /// <summary>Height in pixels (for EXR: of the display window).</summary>
    public int Height { get; }

    /// <summary>Interleaved RGBA, 4 floats per pixel, rows top to bottom. Missing alpha is 1; gray is replicated to R, G and B.</summary>
    public float[] Pixels { get; }

    /// <summary>The format the image was decoded from.</summary>
    public ImageFileFormat Format { get; init; }

    /// <summary>
    /// True for float formats (EXR, HDR, PFM, float TIFF): values are the stored scene data. False for
    /// integer formats (PNG, JPEG, TIFF, TGA, BMP): values are normalized by <c>2^BitDepth - 1</c> and
    /// still in the file's transfer encoding.
    /// </summary>
    public bool IsFloat { get; init; }

    /// <summary>
    /// Bits per sample in the file: 1, 2, 4, 8 or 16 for PNG (8 for palette images); 16 (half) or 32
    /// (float/uint) for EXR; 8 for JPEG, TGA and BMP; 32 for HDR and PFM; 1..32 for integer TIFF
    /// (8 for palette images) and 16, 32 or 64 for float TIFF.
    /// </summary>
    public int BitDepth { get; init; }

    /// <summary>
    /// Channels as the file stored them: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. A PNG palette counts
    /// as 4 with a tRNS chunk and 3 without; gray or RGB with tRNS count as 2 or 4. Palette and CMYK
    /// images of other formats count as 3 (4 with alpha).
    /// </summary>
    public int SourceChannels { get; init; }

    /// <summary>True when the file stored an alpha channel (including PNG tRNS transparency).</summary>
    public bool HasAlpha { get; init; }

    /// <summary>
    /// True when the file declares its color premultiplied by alpha (TIFF "associated alpha"); the
    /// values are returned as stored. False for straight alpha and for formats that do not say.
    /// </summary>
    public bool AlphaPremultiplied { get; init; }

    /// <summary>PNG gAMA: the file's encoding gamma (e.g. 0.45455), or null when absent. Not applied.</summary>
    public double? Gamma { get; init; }

    /// <summary>True when a PNG sRGB chunk says the samples are sRGB encoded. Not applied.</summary>
    public bool IsSrgb { get; init; }

    /// <summary>The PNG sRGB chunk's rendering intent (0 perceptual .. 3 absolute colorimetric), or null.</summary>
    public int? SrgbRenderingIntent { get; init; }

    /// <summary>
    /// PNG sBIT: significant bits per stored channel (gray: 1 value, gray+alpha: 2, RGB and palette: 3,
    /// RGBA: 4), or null when absent. Not applied: samples keep the full bit depth's scale.
    /// </summary>
    public IReadOnlyList<int>? SignificantBits { get; init; }

    /// <summary>The name of the embedded ICC profile (PNG iCCP), or null.</summary>
    public string? IccProfileName { get; init; }

    /// <summary>The embedded ICC profile, decompressed (PNG iCCP), or null. Not applied.</summary>
    public byte[]? IccProfile { get; init; }

    /// <summary>
    /// The EXIF/TIFF orientation (1..8; 1 = upright) the file declared. When it was applied on reading
    /// (<see cref="ImageReadOptions.ApplyOrientation"/>) the pixels are already upright.
    /// </summary>
    public int Orientation { get; init; } = 1;

    /// <summary>True when <see cref="Orientation"/> was applied to the pixels on reading.</summary>
    public bool OrientationApplied { get; init; }

    /// <summary>For EXR files: every channel by name with the header, so a caller can pick another layer or pass.</summary>
    public ExrImage? Exr { get; init; }
}
