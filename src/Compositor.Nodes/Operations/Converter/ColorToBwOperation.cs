using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// Luminance of a color (Blender's ConvertColorToBWOperation, IMB_colormanagement_get_luminance):
/// the dot product of R, G, B with the scene-linear (Rec.709) luma coefficients. Alpha is ignored.
/// </summary>
public sealed class ColorToBwOperation : PixelOperation
{
    /// <summary>Red weight.</summary>
    public const float RedWeight = 0.2126f;

    /// <summary>Green weight.</summary>
    public const float GreenWeight = 0.7152f;

    /// <summary>Blue weight.</summary>
    public const float BlueWeight = 0.0722f;

    /// <summary>Creates the operation.</summary>
    public ColorToBwOperation() : base(DataType.Value) => AddInput(DataType.Color);

    /// <summary>The luminance of one color.</summary>
    public static float Luminance(float r, float g, float b) => RedWeight * r + GreenWeight * g + BlueWeight * b;

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        for (int x = 0, i = 0; x < width; x++, i += 4) o[x] = Luminance(c[i], c[i + 1], c[i + 2]);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
