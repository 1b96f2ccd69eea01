using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Color Key's matte (Blender's ColorMatteOperation), on HSV image and key colors: transparent
/// where saturation and value differ from the key's by less than their tolerances and the hue
/// (wrapping around) by less than its tolerance; elsewhere the pixel's alpha.
/// </summary>
public sealed class ColorMatteOperation : PixelOperation
{
    /// <summary>Creates the operation with the node's hue, saturation and value tolerances.</summary>
    public ColorMatteOperation(float hue, float saturation, float value) : base(DataType.Value)
    {
        Hue = hue;
        Saturation = saturation;
        Value = value;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <summary>Hue tolerance (<c>color_hue</c>).</summary>
    public float Hue { get; }

    /// <summary>Saturation tolerance (<c>color_saturation</c>).</summary>
    public float Saturation { get; }

    /// <summary>Value tolerance (<c>color_value</c>).</summary>
    public float Value { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var k = inputs.In1;
        float hue = Hue, sat = Saturation, val = Value;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            bool keyed = MathF.Abs(c[i + 1] - k[i + 1]) < sat && MathF.Abs(c[i + 2] - k[i + 2]) < val;
            if (keyed)
            {
                float wrap = 2f * MathF.Abs(c[i] - k[i]);
                keyed = wrap < hue || 2f - wrap < hue;
            }

            o[x] = keyed ? 0f : c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Hue);
        hash.Add(Saturation);
        hash.Add(Value);
        return true;
    }
}
