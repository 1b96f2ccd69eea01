namespace Compositor.Codecs.Png;

/// <summary>PNG color types (IHDR byte 9).</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}

/// <summary>Constants and small helpers shared by the PNG encoder and decoder.</summary>
internal static class PngFormat
{
    /// <summary>The 8 bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Largest image the codecs accept, in pixels: keeps the float buffer within memory and array limits.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>
    /// Deflate cannot expand data by more than about 1032:1, so compressed data shorter than
    /// raw/1032 is certainly truncated; checking this first avoids allocating gigabytes for a
    /// tiny corrupt file that claims a huge size.
    /// </summary>
    public const int MaxDeflateRatio = 1032;

    /// <summary>Samples per pixel of a color type.</summary>
    public static int SamplesPerPixel(PngColorType type) => type switch
    {
        PngColorType.Gray => 1,
        PngColorType.Rgb => 3,
        PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Bytes in one row of <paramref name="width"/> pixels, without the filter-type byte.</summary>
    public static long RowBytes(long width, PngColorType type, int bitDepth) =>
        (width * SamplesPerPixel(type) * bitDepth + 7) / 8;

    /// <summary>Distance in bytes to the corresponding byte of the pixel to the left, as filters use it (at least 1).</summary>
    public static int FilterStride(PngColorType type, int bitDepth) =>
        Math.Max(1, SamplesPerPixel(type) * bitDepth / 8);

    /// <summary>One Adam7 pass: the first pixel's position and the step between pixels, in x and y.</summary>
    public readonly record struct Adam7Pass(int X0, int Y0, int DX, int DY)
    {
        /// <summary>Columns of this pass in an image <paramref name="width"/> wide (may be 0).</summary>
        public int Columns(int width) => width <= X0 ? 0 : (width - X0 + DX - 1) / DX;

        /// <summary>Rows of this pass in an image <paramref name="height"/> high (may be 0).</summary>
        public int Rows(int height) => height <= Y0 ? 0 : (height - Y0 + DY - 1) / DY;
    }

    /// <summary>The seven Adam7 interlace passes in file order.</summary>
    public static readonly Adam7Pass[] Adam7Passes =
    [
        new(0, 0, 8, 8), new(4, 0, 8, 8), new(0, 4, 4, 8), new(2, 0, 4, 4),
        new(0, 2, 2, 4), new(1, 0, 2, 2), new(0, 1, 1, 2),
    ];

    /// <summary>The single "pass" of a non-interlaced image.</summary>
    public static readonly Adam7Pass[] NoInterlace = [new(0, 0, 1, 1)];

    /// <summary>The Paeth predictor (PNG specification section 9.4): whichever of left, up, up-left is nearest to left + up - upLeft.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int distanceLeft = Math.Abs(estimate - left);
        int distanceUp = Math.Abs(estimate - up);
        int distanceUpLeft = Math.Abs(estimate - upLeft);
        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft) return left;
        return distanceUp <= distanceUpLeft ? up : upLeft;
    }
}
