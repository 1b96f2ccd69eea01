using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Bright/Contrast (Blender's BrightnessOperation): color × a + b with a and b from the brightness
/// (divided by 100) and contrast (Werner D. Streidt's formula, as OpenCV's demhist); with
/// <see cref="UsePremultiply"/> the color is un-premultiplied first and premultiplied again after.
/// Inputs: image, brightness, contrast.
/// </summary>
public sealed class BrightnessOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public BrightnessOperation(bool usePremultiply) : base(DataType.Color)
    {
        UsePremultiply = usePremultiply;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
    }

    /// <summary>Work on straight (un-premultiplied) colors.</summary>
    public bool UsePremultiply { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var bright = inputs.In1;
        var contrastRow = inputs.In2;
        if (!UsePremultiply && Vector128.IsHardwareAccelerated)
        {
            ProcessStraight(o, c, bright, contrastRow, width);
            return;
        }

        int done = UsePremultiply && Vector512.IsHardwareAccelerated ? ProcessPremultipliedBlocks(o, c, bright, contrastRow, width) : 0;
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            Coefficients(bright[x], contrastRow[x], out float a, out float b);
            float r = c[i], g = c[i + 1], bl = c[i + 2], alpha = c[i + 3];
            if (UsePremultiply && alpha != 0f && alpha != 1f)
            {
                float inverse = 1f / alpha;
                r *= inverse;
                g *= inverse;
                bl *= inverse;
            }

            r = a * r + b;
            g = a * g + b;
            bl = a * bl + b;
            if (UsePremultiply)
            {
                r *= alpha;
                g *= alpha;
                bl *= alpha;
            }

            o[i] = r;
            o[i + 1] = g;
            o[i + 2] = bl;
            o[i + 3] = alpha;
        }
    }

    /// <summary>
    /// With premultiplication and one brightness and contrast for the row (the usual case): four
    /// pixels a step, each lane the per-pixel loop's operations (divided by its pixel's alpha unless
    /// that is 0 or 1, times a, plus b, times alpha), so both give the same bits; the division is
    /// skipped where no pixel of the step needs it. Returns the pixels done; the loop does the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ProcessPremultipliedBlocks(Span<float> o, ReadOnlySpan<float> c, ReadOnlySpan<float> bright, ReadOnlySpan<float> contrastRow, int width)
    {
        if (width < 4 || !RowMath.IsUniform(bright[..width]) || !RowMath.IsUniform(contrastRow[..width])) return 0;
        Coefficients(bright[0], contrastRow[0], out float ca, out float cb);
        var a = Vector512.Create(ca);
        var b = Vector512.Create(cb);
        var one = Vector512<float>.One;
        var alphaLanes = VectorMath.AlphaLanes512;
        var alphaOfPixel = Vector512.Create(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
        int x = 0;
        for (; x + 4 <= width; x += 4)
        {
            var v = Vector512.Create(c.Slice(x * 4, 16));
            var alpha = Vector512.Shuffle(v, alphaOfPixel);
            var unchanged = Vector512.Equals(alpha, Vector512<float>.Zero) | Vector512.Equals(alpha, one);
            var straight = unchanged == Vector512<float>.AllBitsSet ? v : Vector512.ConditionalSelect(unchanged, v, v * (one / alpha));
            var r = (a * straight + b) * alpha;
            Vector512.ConditionalSelect(alphaLanes, v, r).CopyTo(o.Slice(x * 4, 16));
        }

        return x;
    }

    /// <summary>
    /// Without premultiplication: a pixel at a time in one vector, the coefficients recomputed only
    /// where brightness or contrast changes along the row (usually never).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ProcessStraight(Span<float> o, ReadOnlySpan<float> c, ReadOnlySpan<float> bright, ReadOnlySpan<float> contrastRow, int width)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated && width >= 4 &&
            RowMath.IsUniform(bright[..width]) && RowMath.IsUniform(contrastRow[..width]))
        {
            // One brightness and contrast for the whole row (the usual case): four pixels a step;
            // the per-pixel loop below does the tail.
            Coefficients(bright[0], contrastRow[0], out float ca, out float cb);
            var a4 = Vector512.Create(ca);
            var b4 = Vector512.Create(cb);
            var alpha4 = VectorMath.AlphaLanes512;
            for (; done + 4 <= width; done += 4)
            {
                var v = Vector512.Create(c.Slice(done * 4, 16));
                Vector512.ConditionalSelect(alpha4, v, a4 * v + b4).CopyTo(o.Slice(done * 4, 16));
            }
        }

        float lastBright = float.NaN, lastContrast = float.NaN;
        var a = Vector128<float>.Zero;
        var b = Vector128<float>.Zero;
        var alpha = Vector128.Create(0, 0, 0, -1).AsSingle();
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            if (bright[x] != lastBright || contrastRow[x] != lastContrast)
            {
                lastBright = bright[x];
                lastContrast = contrastRow[x];
                Coefficients(lastBright, lastContrast, out float sa, out float sb);
                a = Vector128.Create(sa);
                b = Vector128.Create(sb);
            }

            var v = Vector128.Create(c.Slice(i, 4));
            Vector128.ConditionalSelect(alpha, v, a * v + b).CopyTo(o.Slice(i, 4));
        }
    }

    /// <inheritdoc />
    public override bool HasPlanarForm => true;

    /// <inheritdoc />
    /// <remarks>Each lane the per-pixel loop's operations, as in the row form, so both give the same bits.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessPlanes(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var bright = inputs.In1;
        var contrastRow = inputs.In2;
        var alphaPlane = c.Slice(3 * width, width);
        int done = 0;
        if (Vector512.IsHardwareAccelerated && width >= 16 && RowMath.IsUniform(bright[..width]) && RowMath.IsUniform(contrastRow[..width]))
        {
            Coefficients(bright[0], contrastRow[0], out float ca, out float cb);
            var a = Vector512.Create(ca);
            var b = Vector512.Create(cb);
            var one = Vector512<float>.One;
            for (; done + 16 <= width; done += 16)
            {
                if (!UsePremultiply)
                {
                    for (int ch = 0; ch < 3; ch++)
                        (a * Vector512.Create(c.Slice(ch * width + done, 16)) + b).CopyTo(o.Slice(ch * width + done, 16));
                    continue;
                }

                var alpha = Vector512.Create(alphaPlane.Slice(done, 16));
                var unchanged = Vector512.Equals(alpha, Vector512<float>.Zero) | Vector512.Equals(alpha, one);
                bool divide = unchanged != Vector512<float>.AllBitsSet;
                var inverse = one / alpha;
                for (int ch = 0; ch < 3; ch++)
                {
                    var v = Vector512.Create(c.Slice(ch * width + done, 16));
                    var straight = divide ? Vector512.ConditionalSelect(unchanged, v, v * inverse) : v;
                    ((a * straight + b) * alpha).CopyTo(o.Slice(ch * width + done, 16));
                }
            }
        }

        for (int x = done; x < width; x++)
        {
            Coefficients(bright[x], contrastRow[x], out float a, out float b);
            float alpha = alphaPlane[x];
            bool divide = UsePremultiply && alpha != 0f && alpha != 1f;
            float inverse = divide ? 1f / alpha : 1f;
            for (int ch = 0; ch < 3; ch++)
            {
                float v = c[ch * width + x];
                if (divide) v *= inverse;
                v = a * v + b;
                if (UsePremultiply) v *= alpha;
                o[ch * width + x] = v;
            }
        }

        alphaPlane.CopyTo(o.Slice(3 * width, width));
    }

    private static void Coefficients(float bright, float contrast, out float a, out float b)
    {
        float brightness = bright / 100f;
        float delta = contrast / 200f;
        if (contrast > 0f)
        {
            a = 1f - delta * 2f;
            a = 1f / MathF.Max(a, 1.1920929e-07f);
            b = a * (brightness - delta);
        }
        else
        {
            delta *= -1f;
            a = MathF.Max(1f - delta * 2f, 0f);
            b = a * brightness + delta;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(UsePremultiply);
        return true;
    }
}
