using Compositor.Codecs;
using Compositor.Imaging;
using Compositor.Operations;

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
        _coded = new Lazy<CodedColors?>(() => _codeValues is { } values ? DeriveCodes(values) : null);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGBA floats, bottom row first.</summary>
    public float[] Pixels { get; }

    /// <summary>Channels the file stored (1 gray … 4 RGBA).</summary>
    public int SourceChannels { get; }

    // For images decoded from 8 bits per channel: what loading makes of each code, per channel.
    private float[]? _codeValues;
    private readonly Lazy<CodedColors?> _coded;

    /// <summary>
    /// The pixels as 8-bit codes and their values (see <see cref="CodedColors"/>), for an image
    /// decoded from at most 8 bits per channel whose every value is its code's; else null. Worked
    /// out from <see cref="Pixels"/> on first use, and kept.
    /// </summary>
    public CodedColors? Coded => _coded.Value;

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

        return new ImageSource(w, h, pixels, decoded.SourceChannels)
        {
            _codeValues = !decoded.IsFloat && decoded.BitDepth <= 8 ? CodeValues(pixel) : null,
        };
    }

    /// <summary>
    /// What loading makes of each 8-bit code (decoded as code / 255), per channel: R, G and B as in
    /// an opaque gray pixel, alpha as in a black one. Where loading mixes channels (premultiplied
    /// files, color matrices) some pixels will not match these, and <see cref="DeriveCodes"/> says so.
    /// </summary>
    private static float[] CodeValues(PixelConversion pixel)
    {
        var colors = new float[256 * 4];
        var alphas = new float[256 * 4];
        for (int k = 0; k < 256; k++)
        {
            colors[4 * k] = colors[4 * k + 1] = colors[4 * k + 2] = k / 255f;
            colors[4 * k + 3] = 1f;
            alphas[4 * k + 3] = k / 255f;
        }

        pixel.Convert(colors, colors);
        pixel.Convert(alphas, alphas);
        var values = new float[4 * 256];
        for (int k = 0; k < 256; k++)
        {
            for (int c = 0; c < 3; c++) values[c * 256 + k] = colors[4 * k + c];
            values[3 * 256 + k] = alphas[4 * k + 3];
        }

        return values;
    }

    /// <summary>Each sample's code: one whose value has the sample's exact bits; null if a sample has none.</summary>
    private CodedColors? DeriveCodes(float[] values)
    {
        // Per channel, the code of each value, found by the value's top 16 bits and checked whole;
        // the few values sharing their top bits with another's go through a dictionary.
        var slots = new short[4][];
        var shared = new Dictionary<uint, byte>[4];
        for (int c = 0; c < 4; c++)
        {
            slots[c] = new short[1 << 16];
            Array.Fill(slots[c], (short)-1);
            shared[c] = [];
            for (int k = 255; k >= 0; k--)
            {
                uint bits = BitConverter.SingleToUInt32Bits(values[c * 256 + k]);
                ref short slot = ref slots[c][bits >> 16];
                if (slot == -1 || (slot >= 0 && BitConverter.SingleToUInt32Bits(values[c * 256 + slot]) == bits)) slot = (short)k;
                else slot = -2;
                shared[c][bits] = (byte)k;
            }
        }

        var pixels = Pixels;
        var codes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            int c = i & 3;
            uint bits = BitConverter.SingleToUInt32Bits(pixels[i]);
            int code = slots[c][bits >> 16];
            if (code >= 0 && BitConverter.SingleToUInt32Bits(values[c * 256 + code]) == bits) codes[i] = (byte)code;
            else if (code == -2 && shared[c].TryGetValue(bits, out byte found)) codes[i] = found;
            else return null;
        }

        return new CodedColors(codes, values, Width, Height);
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
