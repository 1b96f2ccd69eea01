using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// The Hue Saturation Value node in one pass. Blender builds it from four operations (RGB to HSV,
/// ChangeHSV, HSV to RGB, Mix blend by the factor); this computes the same steps per pixel in the
/// same order: the hue is shifted by (hue − 0.5) and wrapped once into 0..1, saturation and value
/// are multiplied, negative RGB results are clamped to 0, and the result is mixed into the original
/// by the factor. Alpha is the input's. Inputs: image, hue, saturation, value, factor.
/// </summary>
public sealed class HueSaturationValueOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public HueSaturationValueOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        // Blender's final Mix takes the image's canvas when it has one, else the factor's.
        var image = Inputs[0];
        CanvasInputIndex = image.IsConnected && !resolver.Resolve(image.Link!, Rect.Empty).IsEmpty ? 0 : 4;
        return base.DetermineCanvas(preferred, resolver);
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var hue = inputs.In1;
        var sat = inputs.In2;
        var val = inputs.In3;
        var fac = inputs.In4;
        int done = RgbaPlanes.IsSupported ? ProcessBlocks(o, c, hue, sat, val, fac, width) : 0;
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            AdjustPixel(c[i], c[i + 1], c[i + 2], hue[x], sat[x], val[x], fac[x], out o[i], out o[i + 1], out o[i + 2]);
            o[i + 3] = c[i + 3];
        }
    }

    /// <summary>
    /// Sixteen pixels at a time as R, G and B planes, every step the scalar loop's
    /// operation as a lane-wise select or arithmetic, so both give the same bits; returns the pixels done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ProcessBlocks(Span<float> o, ReadOnlySpan<float> c, ReadOnlySpan<float> hue, ReadOnlySpan<float> sat,
        ReadOnlySpan<float> val, ReadOnlySpan<float> fac, int width)
    {
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            RgbaPlanes.Load(c.Slice(x * 4, 64), out var red, out var green, out var blue, out var alpha);
            Adjust(red, green, blue, Vector512.Create(hue.Slice(x, 16)), Vector512.Create(sat.Slice(x, 16)), Vector512.Create(val.Slice(x, 16)),
                Vector512.Create(fac.Slice(x, 16)), out var outR, out var outG, out var outB);
            RgbaPlanes.Store(outR, outG, outB, alpha, o.Slice(x * 4, 64));
        }

        return x;
    }

    /// <summary>One pixel through HSV and back (Blender's order of operations), negative results 0, mixed with the input by the factor.</summary>
    private static void AdjustPixel(float red, float green, float blue, float hue, float sat, float val, float fac, out float outRed, out float outGreen, out float outBlue)
    {
        Hsv.FromRgb(red, green, blue, out float h, out float s, out float v);
        h += hue - 0.5f;
        if (h > 1f) h -= 1f;
        else if (h < 0f) h += 1f;
        Hsv.ToRgb(h, s * sat, v * val, out float r, out float g, out float b);
        r = r > 0f ? r : 0f;
        g = g > 0f ? g : 0f;
        b = b > 0f ? b : 0f;
        float m = 1f - fac;
        outRed = m * red + fac * r;
        outGreen = m * green + fac * g;
        outBlue = m * blue + fac * b;
    }

    /// <summary>Sixteen pixels' R, G and B through HSV and back, mixed with the input by the factor: the scalar loop's steps lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Adjust(Vector512<float> red, Vector512<float> green, Vector512<float> blue, Vector512<float> hue, Vector512<float> sat,
        Vector512<float> val, Vector512<float> fac, out Vector512<float> outRed, out Vector512<float> outGreen, out Vector512<float> outBlue)
    {
        var zero = Vector512<float>.Zero;
        var one = Vector512<float>.One;
        var tiny = Vector512.Create(1e-20f);
        var r = red;
        var g = green;
        var b = blue;

        // RGB to HSV (Hsv.FromRgb).
        var swap = Vector512.LessThan(g, b);
        var k = Vector512.ConditionalSelect(swap, Vector512.Create(-1f), zero);
        (g, b) = (Vector512.ConditionalSelect(swap, b, g), Vector512.ConditionalSelect(swap, g, b));
        var minGb = b;
        swap = Vector512.LessThan(r, g);
        (r, g) = (Vector512.ConditionalSelect(swap, g, r), Vector512.ConditionalSelect(swap, r, g));
        k = Vector512.ConditionalSelect(swap, Vector512.Create(-2f / 6f) - k, k);
        minGb = Vector512.ConditionalSelect(swap, Vector512.ConditionalSelect(Vector512.LessThan(g, b), g, b), minGb);
        var chroma = r - minGb;
        var h = Vector512.Abs(k + (g - b) / (Vector512.Create(6f) * chroma + tiny));
        var s = chroma / (r + tiny);
        var v = r;

        h += hue - Vector512.Create(0.5f);
        h = Vector512.ConditionalSelect(Vector512.GreaterThan(h, one), h - one,
            Vector512.ConditionalSelect(Vector512.LessThan(h, zero), h + one, h));
        s *= sat;
        v *= val;

        // HSV to RGB (Hsv.ToRgb), negative results 0.
        var h6 = h * Vector512.Create(6f);
        var nr = Clamp01(Vector512.Abs(h6 - Vector512.Create(3f)) - one);
        var ng = Clamp01(Vector512.Create(2f) - Vector512.Abs(h6 - Vector512.Create(2f)));
        var nb = Clamp01(Vector512.Create(2f) - Vector512.Abs(h6 - Vector512.Create(4f)));
        var m = one - fac;
        outRed = m * red + fac * Positive(((nr - one) * s + one) * v);
        outGreen = m * green + fac * Positive(((ng - one) * s + one) * v);
        outBlue = m * blue + fac * Positive(((nb - one) * s + one) * v);
    }

    /// <inheritdoc />
    public override bool HasPlanarForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessPlanes(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var hue = inputs.In1;
        var sat = inputs.In2;
        var val = inputs.In3;
        var fac = inputs.In4;
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; x + 16 <= width; x += 16)
            {
                Adjust(Vector512.Create(c.Slice(x, 16)), Vector512.Create(c.Slice(width + x, 16)), Vector512.Create(c.Slice(2 * width + x, 16)),
                    Vector512.Create(hue.Slice(x, 16)), Vector512.Create(sat.Slice(x, 16)), Vector512.Create(val.Slice(x, 16)), Vector512.Create(fac.Slice(x, 16)),
                    out var outR, out var outG, out var outB);
                outR.CopyTo(o.Slice(x, 16));
                outG.CopyTo(o.Slice(width + x, 16));
                outB.CopyTo(o.Slice(2 * width + x, 16));
            }
        }

        for (; x < width; x++)
            AdjustPixel(c[x], c[width + x], c[2 * width + x], hue[x], sat[x], val[x], fac[x], out o[x], out o[width + x], out o[2 * width + x]);

        c.Slice(3 * width, width).CopyTo(o.Slice(3 * width, width));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp01(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512<float>.Zero,
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.One), Vector512<float>.One, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Positive(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, Vector512<float>.Zero);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
