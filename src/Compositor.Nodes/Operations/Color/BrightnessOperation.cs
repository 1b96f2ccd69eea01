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
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float brightness = bright[x] / 100f;
            float contrast = contrastRow[x];
            float delta = contrast / 200f;
            float a, b;
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

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(UsePremultiply);
        return true;
    }
}
