using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>Raises R, G and B to the gamma input's power (Blender's GammaOperation): non-positive values pass unchanged, alpha too.</summary>
public sealed class GammaOperation : PixelOperation
{
    /// <summary>Creates the operation: inputs Image (color) and Gamma (value).</summary>
    public GammaOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var color = inputs.In0;
        var gamma = inputs.In1;
        for (int x = 0; x < width; x++)
        {
            int i = x * 4;
            float g = gamma[x];
            for (int c = 0; c < 3; c++)
            {
                float v = color[i + c];
                output[i + c] = v > 0f ? MathF.Pow(v, g) : v;
            }

            output[i + 3] = color[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
