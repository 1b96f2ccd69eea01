namespace Compositor.Nodes.Operations.Matte;

/// <summary>The color model conversions the keying nodes insert around their operations.</summary>
public enum ColorSpaceConversion
{
    /// <summary>RGB to hue, saturation, value.</summary>
    RgbToHsv,

    /// <summary>Hue, saturation, value to RGB (negative results clamped to 0).</summary>
    HsvToRgb,

    /// <summary>RGB to Y'UV (BT.709).</summary>
    RgbToYuv,

    /// <summary>Y'UV (BT.709) to RGB.</summary>
    YuvToRgb,

    /// <summary>RGB to Y'CbCr (BT.709, normalized by 255).</summary>
    RgbToYcc,

    /// <summary>Y'CbCr (BT.709, normalized by 255) to RGB.</summary>
    YccToRgb,
}
