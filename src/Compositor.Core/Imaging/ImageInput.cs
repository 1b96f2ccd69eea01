namespace Compositor.Imaging;

/// <summary>
/// An image held in memory that an Image node reads instead of its file
/// (<see cref="Graph.GraphNode.Image"/>). Stored as the Image node hands pixels on: scene-linear
/// RGBA floats, rows bottom-up. Immutable once created, so one input may feed several renders at once.
/// </summary>
public sealed class ImageInput
{
    private static long _nextId;

    private ImageInput(int width, int height, float[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
        Id = Interlocked.Increment(ref _nextId);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Scene-linear RGBA floats, bottom row first, as the Image node outputs them. Do not modify.</summary>
    public float[] Pixels { get; }

    /// <summary>Unique within the process: identifies the image when equal operations are merged.</summary>
    public long Id { get; }

    /// <summary>
    /// An image from scene-linear float RGBA, four floats per pixel.
    /// </summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="rgba">Width × height × 4 floats; copied.</param>
    /// <param name="topRowFirst">True when the first row is the top of the picture (as in files); false for bottom-up (as Blender's buffers).</param>
    /// <param name="premultiplied">True when color is already multiplied by alpha; false for straight alpha.</param>
    public static ImageInput FromLinearRgba(int width, int height, ReadOnlySpan<float> rgba, bool topRowFirst = true, bool premultiplied = true)
    {
        var pixels = Allocate(width, height, rgba.Length);
        int row = width * 4;
        for (int y = 0; y < height; y++)
        {
            var src = rgba.Slice((topRowFirst ? height - 1 - y : y) * row, row);
            var dst = pixels.AsSpan(y * row, row);
            src.CopyTo(dst);
            if (premultiplied) continue;
            for (int x = 0; x < row; x += 4)
            {
                float a = dst[x + 3];
                dst[x] *= a;
                dst[x + 1] *= a;
                dst[x + 2] *= a;
            }
        }

        return new ImageInput(width, height, pixels);
    }

    /// <summary>
    /// An image from 8-bit sRGB RGBA bytes with straight alpha, top row first (as most image
    /// libraries hold pictures). Read exactly as an Image node reads an 8-bit PNG with straight
    /// alpha: Blender 3.4 only linearizes byte images (its compositor does not premultiply them).
    /// </summary>
    public static ImageInput FromSrgbBytes(int width, int height, ReadOnlySpan<byte> rgba)
    {
        var pixels = Allocate(width, height, rgba.Length);
        int row = width * 4;
        for (int y = 0; y < height; y++)
        {
            var src = rgba.Slice((height - 1 - y) * row, row);
            var dst = pixels.AsSpan(y * row, row);
            for (int x = 0; x < row; x += 4)
            {
                dst[x] = ColorTransfer.Srgb8ToLinear(src[x]);
                dst[x + 1] = ColorTransfer.Srgb8ToLinear(src[x + 1]);
                dst[x + 2] = ColorTransfer.Srgb8ToLinear(src[x + 2]);
                dst[x + 3] = src[x + 3] / 255f;
            }
        }

        return new ImageInput(width, height, pixels);
    }

    /// <summary>An image from a color buffer (for example a previous render's output); copied, placed at the origin.</summary>
    public static ImageInput FromBuffer(MemoryBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Type != DataType.Color) throw new ArgumentException("expected a color buffer", nameof(buffer));
        var pixels = Allocate(buffer.Width, buffer.Height, buffer.Width * buffer.Height * 4);
        var scratch = new float[buffer.Width * 4];
        for (int y = 0; y < buffer.Height; y++)
            buffer.ReadRow(buffer.Rect.YMin + y, buffer.Rect.XMin, buffer.Width, scratch).CopyTo(pixels.AsSpan(y * buffer.Width * 4));
        return new ImageInput(buffer.Width, buffer.Height, pixels);
    }

    private static float[] Allocate(int width, int height, int given)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        long needed = (long)width * height * 4;
        if (needed > Array.MaxLength) throw new ArgumentException($"a {width}x{height} image is too large");
        if (given != needed) throw new ArgumentException($"a {width}x{height} RGBA image needs {needed} values, got {given}");
        return new float[needed];
    }
}
