namespace Compositor.Codecs;

/// <summary>
/// EXIF/TIFF orientation (tag 274): how the stored rows and columns map to an upright picture.
/// 1 upright, 2 mirrored left-right, 3 rotated 180, 4 mirrored top-bottom, 5 transposed,
/// 6 stored rotated 90 counter-clockwise (display rotates it clockwise), 7 transverse, 8 stored
/// rotated 90 clockwise.
/// </summary>
internal static class Orientation
{
    /// <summary>True for the orientations that swap width and height (5 to 8).</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// Returns the upright RGBA image for <paramref name="pixels"/> (<paramref name="width"/> x
    /// <paramref name="height"/>, stored order) and its size; orientation 1 or an unknown value returns the input.
    /// </summary>
    public static (float[] Pixels, int Width, int Height) Apply(float[] pixels, int width, int height, int orientation)
    {
        if (orientation is < 2 or > 8) return (pixels, width, height);
        bool swap = SwapsAxes(orientation);
        int outWidth = swap ? height : width, outHeight = swap ? width : height;
        var result = new float[pixels.Length];
        CodecParallel.For(outHeight, () => 0, (_, oy) =>
        {
            var dest = result.AsSpan(oy * outWidth * 4, outWidth * 4);
            for (int ox = 0; ox < outWidth; ox++)
            {
                (int sx, int sy) = orientation switch
                {
                    2 => (width - 1 - ox, oy),
                    3 => (width - 1 - ox, height - 1 - oy),
                    4 => (ox, height - 1 - oy),
                    5 => (oy, ox),
                    6 => (oy, height - 1 - ox),
                    7 => (width - 1 - oy, height - 1 - ox),
                    _ => (width - 1 - oy, ox),
                };
                pixels.AsSpan((sy * width + sx) * 4, 4).CopyTo(dest.Slice(ox * 4, 4));
            }
        });
        return (result, outWidth, outHeight);
    }

    /// <summary>
    /// Reads the orientation tag from an EXIF block (the APP1 payload after <c>Exif\0\0</c>: a TIFF
    /// header and IFD0). Returns 1 when the block is malformed or has no valid orientation: metadata
    /// damage must not make an otherwise readable image fail.
    /// </summary>
    public static int FromExif(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return 1;
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
        else return 1;
        if (Read16(tiff, 2, little) != 42) return 1;
        uint ifd = Read32(tiff, 4, little);
        if (ifd > (uint)tiff.Length - 2) return 1;
        int count = Read16(tiff, (int)ifd, little);
        for (int i = 0; i < count; i++)
        {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > tiff.Length) return 1;
            int at = (int)entry;
            if (Read16(tiff, at, little) != 274) continue;
            // Type SHORT (3), count 1: the value sits in the first two bytes of the value field.
            if (Read16(tiff, at + 2, little) != 3 || Read32(tiff, at + 4, little) != 1) return 1;
            int value = Read16(tiff, at + 8, little);
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    private static int Read16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? data[at] | data[at + 1] << 8 : data[at] << 8 | data[at + 1];

    private static uint Read32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? (uint)(data[at] | data[at + 1] << 8 | data[at + 2] << 16 | data[at + 3] << 24)
               : (uint)(data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3]);
}
