using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>
/// The Hue Correct node in one pass. Blender builds it from four operations (RGB to HSV, the curve
/// correction, HSV to RGB, Mix blend by the factor); this computes the same steps per pixel in the
/// same order. The hue curve (clipped) shifts the hue by its value − 0.5; Blender 3.4 then reads
/// the saturation and value curves at the already shifted hue and scales saturation and value by
/// twice their values; the hue wraps into 0..1, saturation is clamped to 0..1, negative RGB results
/// become 0, and the result is mixed into the input by the factor. Alpha is the input's. Inputs:
/// factor, image; the canvas is the image's.
/// </summary>
public sealed class HueCorrectOperation : PixelOperation
{
    /// <summary>Creates the operation for <paramref name="mapping"/> (hue, saturation, value curves).</summary>
    public HueCorrectOperation(CurveMapping mapping) : base(DataType.Color)
    {
        Mapping = mapping;
        AddInput(DataType.Value);
        AddInput(DataType.Color);
    }

    /// <summary>The mapping.</summary>
    public CurveMapping Mapping { get; }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        // Blender's final Mix takes the image's canvas when it has one, else the factor's.
        var image = Inputs[1];
        CanvasInputIndex = image.IsConnected && !resolver.Resolve(image.Link!, Rect.Empty).IsEmpty ? 1 : 0;
        return base.DetermineCanvas(preferred, resolver);
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var c = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            Hsv.FromRgb(c[i], c[i + 1], c[i + 2], out float h, out float s, out float v);
            h += Mapping.EvaluateClipped(0, h) - 0.5f;
            s *= Mapping.EvaluateClipped(1, h) * 2f;
            v *= Mapping.EvaluateClipped(2, h) * 2f;
            h -= MathF.Floor(h);
            s = s < 0f ? 0f : s > 1f ? 1f : s;
            Hsv.ToRgb(h, s, v, out float r, out float g, out float b);
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
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Mapping.Fingerprint);
        return true;
    }
}
