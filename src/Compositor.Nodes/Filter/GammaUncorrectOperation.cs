using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Undoes <see cref="GammaCorrectOperation"/> (Blender's GammaUncorrectOperation): square root of the
/// un-premultiplied color (negatives become 0), times alpha again; alpha passes through.
/// </summary>
public sealed class GammaUncorrectOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public GammaUncorrectOperation() : base(DataType.Color) => AddInput(DataType.Color);

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
                c = c > 0f ? MathF.Sqrt(c) : 0f;
                output[i + k] = a > 0f ? c * a : c;
            }

            output[i + 3] = a;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
