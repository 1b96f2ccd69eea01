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
    /// Most bytes the decoded image may take as RGBA floats (16 bytes a pixel), checked from the
    /// header before any pixel is allocated; 0 (the default): no limit beyond the pixel limits. A
    /// render's memory budget sets it, so an input too big for the budget fails cleanly.
    /// </summary>
    public long MaxDecodedBytes { get; init; }

    /// <summary>
    /// When true (the default), JPEG and TIFF images with an EXIF/TIFF orientation other than 1 are
    /// rotated and flipped so that the pixels come out upright. When false the stored pixels are
    /// returned and <see cref="DecodedImage.Orientation"/> says how to display them.
    /// </summary>
    public bool ApplyOrientation { get; init; } = true;

    /// <summary>The defaults: 1,000,000 pixels per side, 2^28 pixels in all, orientation applied.</summary>
    public static ImageReadOptions Default { get; } = new();

    /// <summary>
    /// Throws when an image of <paramref name="width"/> x <paramref name="height"/> already decoded
    /// (e.g. cached under other options) is over these limits; <paramref name="what"/> starts the message.
    /// </summary>
    /// <exception cref="ImageFormatException">The image is over the size limits.</exception>
    /// <exception cref="InsufficientMemoryException">The image is over <see cref="MaxDecodedBytes"/>.</exception>
    public void EnsureWithinLimits(string what, long width, long height) => CheckSize(what, width, height);

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
        if (MaxDecodedBytes > 0 && width * height * 16 > MaxDecodedBytes)
            throw new InsufficientMemoryException(
                $"{format}: a {width}x{height} image needs {width * height * 16 / 1048576.0:0.#} MiB decoded, more than the memory budget allows ({MaxDecodedBytes / 1048576.0:0.#} MiB)");
        if (width * height * 4 > Array.MaxLength)
            throw new ImageFormatException($"{format}: image {width}x{height} is too large to decode into one array of RGBA floats");
    }
}
