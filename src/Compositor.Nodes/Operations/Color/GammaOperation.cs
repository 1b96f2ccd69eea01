using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var color = inputs.In0;
        var gamma = inputs.In1;
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var alpha4 = VectorMath.AlphaLanes512;
            for (; done + 4 <= width; done += 4)
            {
                var v = Vector512.Create(color.Slice(done * 4, 16));
                var raised = VectorMath.PowPositive(v, VectorMath.PerPixel4(gamma, done));
                var r = Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), raised, v);
                Vector512.ConditionalSelect(alpha4, v, r).CopyTo(output.Slice(done * 4, 16));
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var alpha = VectorMath.AlphaLanes;
            for (; done + 2 <= width; done += 2)
            {
                var v = Vector256.Create(color.Slice(done * 4, 8));
                var raised = VectorMath.PowPositive(v, VectorMath.PerPixel(gamma, done));
                var r = Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), raised, v);
                Vector256.ConditionalSelect(alpha, v, r).CopyTo(output.Slice(done * 4, 8));
            }
        }

        for (int x = done; x < width; x++)
        {
            int i = x * 4;
            float g = gamma[x];
            for (int c = 0; c < 3; c++)
            {
                float v = color[i + c];
                output[i + c] = v > 0f ? VectorMath.PowPositive(v, g) : v;
            }

            output[i + 3] = color[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
