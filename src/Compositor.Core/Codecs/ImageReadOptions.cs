namespace Compositor.Codecs;

/// <summary>
/// Options for reading images: size limits that protect against hostile or corrupt headers, and
/// how metadata that changes the pixels (EXIF orientation) is handled.
/// </summary>
public sealed record ImageReadOptions
{
    /// <summary>Largest accepted width in pixels (default 1,000,000, as libpng's default user limit).</summary>
    public int MaxWidth { get; init; } = 1_000_000;

    /// <summary>Largest accepted height in pixels (default 1,000,000).</summary>
    public int MaxHeight { get; init; } = 1_000_000;

    /// <summary>Largest accepted width x height (default 2^28, a 16384 x 16384 image; 4 GiB of RGBA floats).</summary>
    public long MaxPixels { get; init; } = 1L << 28;

    /// <summary>
    /// When true (the default), JPEG and TIFF images with an EXIF/TIFF orientation other than 1 are
    /// rotated and flipped so that the pixels come out upright. When false the stored pixels are
    /// returned and <see cref="DecodedImage.Orientation"/> says how to display them.
    /// </summary>
    public bool ApplyOrientation { get; init; } = true;

    /// <summary>The defaults: 1,000,000 pixels per side, 2^28 pixels in all, orientation applied.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>
    /// Throws <see cref="ImageFormatException"/> when a <paramref name="width"/> x <paramref name="height"/>
    /// image exceeds the limits (or is empty); <paramref name="format"/> starts the message.
    /// </summary>
    internal void CheckSize(string format, long width, long height)
    {
        if (width <= 0 || height <= 0)
            throw new ImageFormatException($"{format}: invalid image size {width}x{height}");
        if (width > MaxWidth)
            throw new ImageFormatException($"{format}: image width {width} exceeds the limit of {MaxWidth} pixels");
        if (height > MaxHeight)
            throw new ImageFormatException($"{format}: image height {height} exceeds the limit of {MaxHeight} pixels");
        if (width * height > MaxPixels)
            throw new ImageFormatException($"{format}: image {width}x{height} exceeds the limit of {MaxPixels} pixels");
        if (width * height * 4 > Array.MaxLength)
            throw new ImageFormatException($"{format}: image {width}x{height} is too large to decode into one array of RGBA floats");
    }
}
