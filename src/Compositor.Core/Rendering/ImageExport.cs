using Compositor.Codecs;
using Compositor.Imaging;

namespace Compositor.Rendering;

/// <summary>
/// Writes a rendered buffer (linear, premultiplied RGBA, rows bottom-up) to a file as Blender saves
/// renders: float formats (OpenEXR, Radiance HDR, PFM, 32-bit TIFF) stay linear and premultiplied;
/// 8- and 16-bit formats (PNG, JPEG, TIFF, TGA, BMP) get straight alpha and the sRGB transfer (the
/// Standard view transform).
/// </summary>
public static class ImageExport
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/>, the format chosen by extension.</summary>
    public static void Save(MemoryBuffer image, string path, ImageWriteOptions? options = null)
    {
        var format = ImageCodecs.FormatFromExtension(path)
            ?? throw new NotSupportedException($"cannot tell the image format from '{Path.GetExtension(path)}' (supported: .png, .exr, .jpg, .tif, .tga, .bmp, .hdr, .pfm)");
        bool display = !ImageCodecs.StoresSceneLinear(format, options);
        int length = checked(image.Width * image.Height * 4);
        if (length < LargeArrays.MinLength)
        {
            ImageCodecs.Write(path, image.Width, image.Height, ToFileOrder(image, display), options);
            return;
        }

        // A large copy borrows an array kept from the render rather than adding one the image's size.
        var array = LargeArrays.RentAtLeast(length);
        try
        {
            var pixels = array.AsSpan(0, length);
            CopyInFileOrder(image, display, pixels);
            ImageCodecs.Write(path, image.Width, image.Height, pixels, options);
        }
        finally
        {
            LargeArrays.Return(array);
        }
    }

    /// <summary>
    /// The image as top-down RGBA floats; with <paramref name="display"/> also un-premultiplied and
    /// sRGB-encoded (values clamped to 0..1 by the encoder).
    /// </summary>
    public static float[] ToFileOrder(MemoryBuffer image, bool display)
    {
        var result = new float[image.Width * image.Height * 4];
        CopyInFileOrder(image, display, result);
        return result;
    }

    private static void CopyInFileOrder(MemoryBuffer image, bool display, Span<float> result)
    {
        if (image.Type != DataType.Color) throw new ArgumentException("expected a color buffer", nameof(image));
        int w = image.Width, h = image.Height;
        var scratch = new float[w * 4];
        for (int row = 0; row < h; row++)
        {
            int y = image.Rect.YMax - 1 - row;
            var src = image.ReadRow(y, image.Rect.XMin, w, scratch);
            var dst = result.Slice(row * w * 4, w * 4);
            src.CopyTo(dst);
            if (!display) continue;
            for (int x = 0; x < dst.Length; x += 4)
            {
                float a = dst[x + 3];
                float k = a > 0f && a != 1f ? 1f / a : 1f;
                dst[x] = ColorTransfer.LinearToSrgb(dst[x] * k);
                dst[x + 1] = ColorTransfer.LinearToSrgb(dst[x + 1] * k);
                dst[x + 2] = ColorTransfer.LinearToSrgb(dst[x + 2] * k);
            }
        }
    }
}
