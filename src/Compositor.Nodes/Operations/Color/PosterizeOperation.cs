using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Posterize (Blender's PosterizeOperation): the step count is clamped to 2..1024 and R, G and B
/// are floored to multiples of 1 / steps; alpha unchanged. Inputs: image, steps.
/// </summary>
public sealed class PosterizeOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public PosterizeOperation() : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var stepsRow = inputs.In1;
        int done = 0;
        if (Vector512.IsHardwareAccelerated && width >= 4 && RowMath.IsUniform(stepsRow[..width]))
        {
            // One step count for the row (the usual case): its inverse once, four pixels a step.
            float inverseStep = InverseStep(stepsRow[0]);
            var inverse = Vector512.Create(inverseStep);
            var alpha4 = VectorMath.AlphaLanes512;
            if ((BitConverter.SingleToInt32Bits(inverseStep) & 0x007FFFFF) == 0)
            {
                // A power of two (8, 64, 256 steps): dividing by it is multiplying by its reciprocal,
                // also a power of two, exactly (both only scale the exponent), at a fraction of the cost.
                var scale = Vector512.Create(1f / inverseStep);
                for (; done + 4 <= width; done += 4)
                {
                    var v = Vector512.Create(c.Slice(done * 4, 16));
                    Vector512.ConditionalSelect(alpha4, v, Vector512.Floor(v * scale) * inverse).CopyTo(o.Slice(done * 4, 16));
                }
            }

            for (; done + 4 <= width; done += 4)
            {
                var v = Vector512.Create(c.Slice(done * 4, 16));
                Vector512.ConditionalSelect(alpha4, v, Vector512.Floor(v / inverse) * inverse).CopyTo(o.Slice(done * 4, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var alpha = VectorMath.AlphaLanes;
            for (; done + 2 <= width; done += 2)
            {
                var steps = Vector256.Clamp(VectorMath.PerPixel(stepsRow, done), Vector256.Create(2f), Vector256.Create(1024f));
                var inverse = Vector256<float>.One / steps;
                var v = Vector256.Create(c.Slice(done * 4, 8));
                var r = Vector256.Floor(v / inverse) * inverse;
                Vector256.ConditionalSelect(alpha, v, r).CopyTo(o.Slice(done * 4, 8));
            }
        }

        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float inverse = InverseStep(stepsRow[x]);
            o[i] = MathF.Floor(c[i] / inverse) * inverse;
            o[i + 1] = MathF.Floor(c[i + 1] / inverse) * inverse;
            o[i + 2] = MathF.Floor(c[i + 2] / inverse) * inverse;
            o[i + 3] = c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool HasPlanarForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessPlanes(Span<float> o, in InputRows inputs, int width)
    {
        var stepsRow = inputs.In1;
        int done = 0;
        if (Vector512.IsHardwareAccelerated && width >= 16 && RowMath.IsUniform(stepsRow[..width]))
        {
            // One step count for the row: as in the row form, a power of two multiplies by its reciprocal.
            float inverseStep = InverseStep(stepsRow[0]);
            var inverse = Vector512.Create(inverseStep);
            bool powerOfTwo = (BitConverter.SingleToInt32Bits(inverseStep) & 0x007FFFFF) == 0;
            var scale = Vector512.Create(1f / inverseStep);
            int whole = width & ~15;
            for (int c = 0; c < 3; c++)
            {
                var plane = inputs.In0.Slice(c * width, width);
                var target = o.Slice(c * width, width);
                for (int x = 0; x < whole; x += 16)
                {
                    var v = Vector512.Create(plane.Slice(x, 16));
                    (powerOfTwo ? Vector512.Floor(v * scale) * inverse : Vector512.Floor(v / inverse) * inverse).CopyTo(target.Slice(x, 16));
                }
            }

            done = whole;
        }

        for (int x = done; x < width; x++)
        {
            float inverse = InverseStep(stepsRow[x]);
            for (int c = 0; c < 3; c++) o[c * width + x] = MathF.Floor(inputs.In0[c * width + x] / inverse) * inverse;
        }

        inputs.In0.Slice(3 * width, width).CopyTo(o.Slice(3 * width, width));
    }

    /// <summary>The step size for a step count: the count clamped to 2..1024, inverted.</summary>
    private static float InverseStep(float steps) => 1f / (steps < 2f ? 2f : steps > 1024f ? 1024f : steps);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
