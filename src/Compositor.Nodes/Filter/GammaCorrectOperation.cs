using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Squares the un-premultiplied color (Blender's GammaCorrectOperation, used around a blur with
/// <c>use_gamma_correction</c>): color / alpha, squared (negatives become 0), times alpha again;
/// alpha passes through.
/// </summary>
public sealed class GammaCorrectOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public GammaCorrectOperation() : base(DataType.Color) => AddInput(DataType.Color);

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var src = inputs.In0;
        for (int i = 0; i < width * 4; i += 4)
        {
            float a = src[i + 3];
            for (int k = 0; k < 3; k++)
            {
                float c = src[i + k];
                if (a > 0f) c /= a;
                c = c > 0f ? c * c : 0f;
                output[i + k] = a > 0f ? c * a : c;
            }

            output[i + 3] = a;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
