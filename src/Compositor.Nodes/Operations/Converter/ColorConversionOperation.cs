using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>Which color model conversion a <see cref="ColorConversionOperation"/> applies.</summary>
public enum ColorConversion
{
    /// <summary>RGB to HSV (Blender's ConvertRGBToHSVOperation).</summary>
    RgbToHsv,

    /// <summary>HSV to RGB, negative results raised to 0 (ConvertHSVToRGBOperation).</summary>
    HsvToRgb,

    /// <summary>RGB to HSL (ConvertRGBToHSLOperation).</summary>
    RgbToHsl,

    /// <summary>HSL to RGB, negative results raised to 0 (ConvertHSLToRGBOperation).</summary>
    HslToRgb,

    /// <summary>RGB to Y'CbCr, normalized from 0..255 to 0..1 (ConvertRGBToYCCOperation).</summary>
    RgbToYcc,

    /// <summary>Y'CbCr in 0..1 to RGB (ConvertYCCToRGBOperation).</summary>
    YccToRgb,

    /// <summary>RGB to YUV, BT.709 (ConvertRGBToYUVOperation).</summary>
    RgbToYuv,

    /// <summary>YUV (BT.709) to RGB (ConvertYUVToRGBOperation).</summary>
    YuvToRgb,
}

/// <summary>
/// Converts the R, G, B channels of a color between color models as Blender's color conversion
/// operations do; alpha passes through unchanged. The Separate/Combine Color nodes and their legacy
/// HSVA, YCbCrA and YUVA versions use it.
/// </summary>
public sealed class ColorConversionOperation : PixelOperation
{
    /// <summary>Creates the operation; <paramref name="ycc"/> matters only for the YCC conversions.</summary>
    public ColorConversionOperation(ColorConversion conversion, YccStandard ycc = YccStandard.ItuBt709) : base(DataType.Color)
    {
        Conversion = conversion;
        Ycc = ycc;
        AddInput(DataType.Color);
    }

    /// <summary>The conversion applied.</summary>
    public ColorConversion Conversion { get; }

    /// <summary>The Y'CbCr standard of the YCC conversions.</summary>
    public YccStandard Ycc { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        int n = width * 4;
        switch (Conversion)
        {
            case ColorConversion.RgbToHsv:
                for (int i = 0; i < n; i += 4)
                {
                    Hsv.FromRgb(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.HsvToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    Hsv.ToRgb(c[i], c[i + 1], c[i + 2], out float r, out float g, out float b);
                    o[i] = NonNegative(r);
                    o[i + 1] = NonNegative(g);
                    o[i + 2] = NonNegative(b);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.RgbToHsl:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.RgbToHsl(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.HslToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.HslToRgb(c[i], c[i + 1], c[i + 2], out float r, out float g, out float b);
                    o[i] = NonNegative(r);
                    o[i + 1] = NonNegative(g);
                    o[i + 2] = NonNegative(b);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.RgbToYcc:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.RgbToYcc(c[i], c[i + 1], c[i + 2], Ycc, out float y, out float cb, out float cr);
                    const float scale = 1f / 255f;
                    o[i] = y * scale;
                    o[i + 1] = cb * scale;
                    o[i + 2] = cr * scale;
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.YccToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.YccToRgb(c[i] * 255f, c[i + 1] * 255f, c[i + 2] * 255f, Ycc, out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.RgbToYuv:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.RgbToYuv(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            case ColorConversion.YuvToRgb:
                for (int i = 0; i < n; i += 4)
                {
                    ColorModels.YuvToRgb(c[i], c[i + 1], c[i + 2], out o[i], out o[i + 1], out o[i + 2]);
                    o[i + 3] = c[i + 3];
                }

                break;
            default:
                throw new InvalidOperationException($"unknown conversion {Conversion}");
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Conversion);
        hash.Add(Conversion is ColorConversion.RgbToYcc or ColorConversion.YccToRgb ? Ycc : YccStandard.ItuBt709);
        return true;
    }

    // Blender's max_ff(x, 0): NaN becomes 0.
    private static float NonNegative(float x) => x > 0f ? x : 0f;
}
