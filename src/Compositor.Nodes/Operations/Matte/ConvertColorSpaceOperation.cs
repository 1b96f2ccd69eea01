using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Converts colors between RGB and HSV, Y'UV or Y'CbCr (Blender's ConvertRGBToHSVOperation and its
/// siblings); alpha passes through.
/// </summary>
public sealed class ConvertColorSpaceOperation : PixelOperation
{
    /// <summary>Creates the conversion.</summary>
    public ConvertColorSpaceOperation(ColorSpaceConversion conversion) : base(DataType.Color)
    {
        Conversion = conversion;
        AddInput(DataType.Color);
    }

    /// <summary>What is converted to what.</summary>
    public ColorSpaceConversion Conversion { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        int n = width * 4;
        switch (Conversion)
        {
            case ColorSpaceConversion.RgbToHsv:
                for (int i = 0; i < n; i += 4)
                {
                    Hsv.FromRgb(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorSpaceConversion.HsvToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    Hsv.ToRgb(c[i], c[i + 1], c[i + 2], out float r, out float g, out float b);
                    o[i] = MathF.Max(r, 0f);
                    o[i + 1] = MathF.Max(g, 0f);
                    o[i + 2] = MathF.Max(b, 0f);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorSpaceConversion.RgbToYuv:
                for (int i = 0; i < n; i += 4)
                {
                    ColorSpaces.RgbToYuv(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorSpaceConversion.YuvToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    ColorSpaces.YuvToRgb(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorSpaceConversion.RgbToYcc:
                for (int i = 0; i < n; i += 4)
                {
                    ColorSpaces.RgbToYcc(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            default:
                for (int i = 0; i < n; i += 4)
                {
                    ColorSpaces.YccToRgb(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Conversion);
        return true;
    }
}
