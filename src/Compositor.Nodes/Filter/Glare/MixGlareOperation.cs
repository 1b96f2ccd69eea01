using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// Blends the glare over the image (Blender's MixGlareOperation). With v = mix: below
/// zero the image keeps weight 1 and the glare 1 + v, otherwise the image has 1 − v and the glare 1.
/// Negative image channels count as zero; alpha is the image's. Inputs: value, image (decides the
/// canvas), glare (fitted with FitAny, so a reduced-quality glare is scaled up).
/// </summary>
public sealed class MixGlareOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public MixGlareOperation() : base(DataType.Color)
    {
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        AddInput(DataType.Color, ResizeMode.FitAny);
        CanvasInputIndex = 1;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var value = inputs.In0;
        var image = inputs.In1;
        var glare = inputs.In2;
        for (int x = 0; x < width; x++)
        {
            float v = value[x];
            float wi, wg;
            if (v < 0f) { wi = 1f; wg = 1f + v; }
            else { wi = 1f - v; wg = 1f; }
            int i = x * 4;
            output[i] = wi * MathF.Max(image[i], 0f) + wg * glare[i];
            output[i + 1] = wi * MathF.Max(image[i + 1], 0f) + wg * glare[i + 1];
            output[i + 2] = wi * MathF.Max(image[i + 2], 0f) + wg * glare[i + 2];
            output[i + 3] = image[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
