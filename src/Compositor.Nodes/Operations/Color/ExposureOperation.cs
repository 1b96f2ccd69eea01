using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>Exposure (Blender's ExposureOperation): R, G and B × 2^exposure (computed in double precision, as Blender's pow(2, x)); alpha unchanged. Inputs: image, exposure.</summary>
public sealed class ExposureOperation : PixelOperation
{
    /// <inheritdoc />
    /// <remarks>Each of R, G and B is scaled alone; alpha is copied.</remarks>
    public override int ChannelwiseInput => 0;

    /// <summary>Creates the operation.</summary>
    public ExposureOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var exposure = inputs.In1;
        float lastExposure = float.NaN, factor = 1f;
        int done = 0;
        if (Vector512.IsHardwareAccelerated && width >= 4 && RowMath.IsUniform(exposure[..width]))
        {
            // One exposure for the row (the usual case): four pixels a step, the loop below does the tail.
            lastExposure = exposure[0];
            factor = (float)System.Math.Pow(2.0, lastExposure);
            var scale4 = Vector512.Create(factor);
            var alpha4 = VectorMath.AlphaLanes512;
            for (; done + 4 <= width; done += 4)
            {
                var v = Vector512.Create(c.Slice(done * 4, 16));
                Vector512.ConditionalSelect(alpha4, v, v * scale4).CopyTo(o.Slice(done * 4, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            // Two pixels at a time while the exposure stays the same (it is almost always constant).
            var alpha = VectorMath.AlphaLanes;
            var scale = Vector256<float>.One;
            for (; done + 2 <= width; done += 2)
            {
                float e = exposure[done];
                if (exposure[done + 1] != e) break;
                if (e != lastExposure)
                {
                    factor = (float)System.Math.Pow(2.0, e);
                    lastExposure = e;
                    scale = Vector256.Create(factor);
                }

                var v = Vector256.Create(c.Slice(done * 4, 8));
                Vector256.ConditionalSelect(alpha, v, v * scale).CopyTo(o.Slice(done * 4, 8));
            }
        }

        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float e = exposure[x];
            if (e != lastExposure)
            {
                factor = (float)System.Math.Pow(2.0, e);
                lastExposure = e;
            }

            o[i] = c[i] * factor;
            o[i + 1] = c[i + 1] * factor;
            o[i + 2] = c[i + 2] * factor;
            o[i + 3] = c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
