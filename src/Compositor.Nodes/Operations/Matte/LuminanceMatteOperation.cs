using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Luminance Key's matte (Blender's LuminanceMatteOperation): the luminance mapped from
/// <c>limit_min</c>..<c>limit_max</c> to 0..1 (0 below, 1 above), never above the pixel's alpha.
/// </summary>
public sealed class LuminanceMatteOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public LuminanceMatteOperation(float high, float low) : base(DataType.Value)
    {
        High = high;
        Low = low;
        AddInput(DataType.Color);
    }

    /// <summary>Luminance from which the pixel is opaque (<c>limit_max</c>).</summary>
    public float High { get; }

    /// <summary>Luminance below which the pixel is transparent (<c>limit_min</c>).</summary>
    public float Low { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        float high = High, low = Low;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float luminance = ColorToBwOperation.Luminance(c[i], c[i + 1], c[i + 2]);
            float alpha = luminance > high ? 1f : luminance < low ? 0f : (luminance - low) / (high - low);
            o[x] = alpha < c[i + 3] ? alpha : c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(High);
        hash.Add(Low);
        return true;
    }
}
