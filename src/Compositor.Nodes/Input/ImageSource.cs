using Compositor.Codecs;
using Compositor.Imaging;

namespace Compositor.Nodes.Input;

/// <summary>
/// An input image ready for compositing: linear, premultiplied float RGBA, rows bottom-up, as
/// Blender's Image node sees it after color management. Built once per file, colorspace and alpha
/// mode, and shared by every render that reads it.
/// </summary>
public sealed class ImageSource
{
    private ImageSource(int width, int height, float[] pixels, int sourceChannels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
        SourceChannels = sourceChannels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGBA floats, bottom row first.</summary>
    public float[] Pixels { get; }

    /// <summary>Channels the file stored (1 gray … 4 RGBA).</summary>
    public int SourceChannels { get; }

    /// <summary>A read-only view as a buffer at the origin.</summary>
    public MemoryBuffer AsBuffer() => MemoryBuffer.Wrap(DataType.Color, Rect.FromSize(Width, Height), Pixels);

    /// <summary>An image held in memory, shared without a copy.</summary>
    public static ImageSource FromMemory(ImageInput image) => new(image.Width, image.Height, image.Pixels, 4);

    /// <summary>True when an image in colorspace <paramref name="name"/> (Blender's names) can be brought to scene linear.</summary>
    public static bool IsKnownColorspace(string name) => Operations.Color.ColorSpaces.Unsupported(name, "Linear") is null;

    /// <summary>Blender's default alpha mode for a file: premultiplied for float formats, straight otherwise.</summary>
    public static string DefaultAlphaMode(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".exr" or ".hdr" or ".dpx" or ".cin" ? "PREMUL" : "STRAIGHT";

    /// <summary>Decodes <paramref name="path"/> and applies <paramref name="colorspace"/> and <paramref name="alphaMode"/>.</summary>
    /// <remarks>
    /// Blender 3.4's compositor reads 8-bit images (byte buffers) with straight color: bytes are only
    /// linearized, and a PREMUL byte image is un-premultiplied first (clamped to 1). Float buffers
    /// (OpenEXR, 16-bit PNG) are premultiplied, as Blender's float images are: a STRAIGHT one is
    /// premultiplied after linearizing.
    /// </remarks>
    public static ImageSource Load(string path, string colorspace, string alphaMode, ImageReadOptions? limits = null)
    {
        if (Operations.Color.ColorSpaces.Unsupported(colorspace, "Linear") is { } reason)
            throw new NotSupportedException($"image colorspace: {reason}");
        // sRGB has its own exact 8-bit path below; other spaces convert as Convert Colorspace does.
        var conversion = colorspace == "sRGB" ? null : Operations.Color.ColorSpaces.Create(colorspace, "Linear");
        var decoded = ImageCodecs.Read(path, limits);
        int w = decoded.Width, h = decoded.Height;
        if ((long)w * h * 4 > Array.MaxLength) throw new NotSupportedException($"{path}: image too large");
        // Converted in place (the decoded array becomes the image): a second array the image's size
        // would only raise the peak memory of every render that loads it.
        var pixels = decoded.Pixels;
        var pixel = new PixelConversion(alphaMode, colorspace == "sRGB", decoded.IsFloat || decoded.BitDepth > 8, conversion);
        var scratch = new float[w * 4];
        for (int row = 0; row < (h + 1) / 2; row++)
        {
            // Files store the top row first; Blender's buffers start at the bottom: rows swap ends.
            var top = pixels.AsSpan(row * w * 4, w * 4);
            var bottom = pixels.AsSpan((h - 1 - row) * w * 4, w * 4);
            top.CopyTo(scratch);
            pixel.Convert(bottom, top);
            pixel.Convert(scratch, bottom);
        }

        return new ImageSource(w, h, pixels, decoded.SourceChannels);
    }

    /// <summary>Un-premultiplies an 8-bit sample as Blender does for PREMUL byte images: clamped to 1, a zero alpha gives 1 for any color.</summary>
    /// <summary>What loading does to each pixel: alpha mode, linearizing, colorspace, premultiplying.</summary>
    private readonly struct PixelConversion(string alphaMode, bool toLinear, bool floatBuffer, Operations.Color.ColorSpaceConversion? conversion)
    {
        /// <summary>Converts the pixels of <paramref name="s"/> into <paramref name="d"/> (the same length; they may be the same span).</summary>
        public void Convert(ReadOnlySpan<float> s, Span<float> d)
        {
            for (int x = 0; x < s.Length; x += 4)
            {
                float r = s[x], g = s[x + 1], b = s[x + 2], a = s[x + 3];
                if (alphaMode == "NONE") a = 1f;
                if (!floatBuffer && alphaMode == "PREMUL")
                {
                    r = Unpremultiply(r, a);
                    g = Unpremultiply(g, a);
                    b = Unpremultiply(b, a);
                }

                if (toLinear && floatBuffer)
                {
                    r = ColorTransfer.SrgbToLinear(r);
                    g = ColorTransfer.SrgbToLinear(g);
                    b = ColorTransfer.SrgbToLinear(b);
                }
                else if (toLinear)
                {
                    // Byte buffers go through Blender's 8-bit decode, code by code.
                    r = ColorTransfer.Srgb8ToLinear(r);
                    g = ColorTransfer.Srgb8ToLinear(g);
                    b = ColorTransfer.Srgb8ToLinear(b);
                }

                conversion?.Apply(ref r, ref g, ref b);

                if (floatBuffer && alphaMode == "STRAIGHT")
                {
                    r *= a;
                    g *= a;
                    b *= a;
                }

                d[x] = r; d[x + 1] = g; d[x + 2] = b; d[x + 3] = a;
            }
        }
    }

    private static float Unpremultiply(float c, float a) => c <= 0f ? 0f : a <= 0f ? 1f : MathF.Min(1f, c / a);
}
