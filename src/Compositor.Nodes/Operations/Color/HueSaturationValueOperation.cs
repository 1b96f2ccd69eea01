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
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            Hsv.FromRgb(c[i], c[i + 1], c[i + 2], out float h, out float s, out float v);
            h += hue[x] - 0.5f;
            if (h > 1f) h -= 1f;
            else if (h < 0f) h += 1f;
            Hsv.ToRgb(h, s * sat[x], v * val[x], out float r, out float g, out float b);
            r = r > 0f ? r : 0f;
            g = g > 0f ? g : 0f;
            b = b > 0f ? b : 0f;
            float f = fac[x];
            float m = 1f - f;
            o[i] = m * c[i] + f * r;
            o[i + 1] = m * c[i + 1] + f * g;
            o[i + 2] = m * c[i + 2] + f * b;
            o[i + 3] = c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
