using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>Raises R, G and B to the gamma input's power (Blender's GammaOperation): non-positive values pass unchanged, alpha too.</summary>
public sealed class GammaOperation : PixelOperation
{
    /// <inheritdoc />
    /// <remarks>Each channel is raised alone; alpha is copied.</remarks>
    public override int ChannelwiseInput => 0;

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
        if (RgbaPlanes.IsSupported)
        {
            // Sixteen pixels as R, G and B planes: no pow on alpha lanes. Non-positive values and
            // NaN fail the comparison and pass unchanged, so the pow needs no checks of its own.
            for (; done + 16 <= width; done += 16)
            {
                RgbaPlanes.Load(color.Slice(done * 4, 64), out var r, out var g, out var b, out var a);
                var y = Vector512.Create(gamma.Slice(done, 16));
                r = Vector512.ConditionalSelect(Vector512.GreaterThan(r, Vector512<float>.Zero), VectorMath.RaisePositive(r, y), r);
                g = Vector512.ConditionalSelect(Vector512.GreaterThan(g, Vector512<float>.Zero), VectorMath.RaisePositive(g, y), g);
                b = Vector512.ConditionalSelect(Vector512.GreaterThan(b, Vector512<float>.Zero), VectorMath.RaisePositive(b, y), b);
                RgbaPlanes.Store(r, g, b, a, output.Slice(done * 4, 64));
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var alpha = VectorMath.AlphaLanes;
            for (; done + 2 <= width; done += 2)
            {
                var v = Vector256.Create(color.Slice(done * 4, 8));
                var raised = VectorMath.RaisePositive(v, VectorMath.PerPixel(gamma, done));
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
                output[i + c] = v > 0f ? VectorMath.RaisePositive(Vector256.Create(v), Vector256.Create(g)).ToScalar() : v;
            }

            output[i + 3] = color[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool HasPlanarForm => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessPlanes(Span<float> output, in InputRows inputs, int width)
    {
        var gamma = inputs.In1;
        for (int c = 0; c < 3; c++)
        {
            var plane = inputs.In0.Slice(c * width, width);
            var o = output.Slice(c * width, width);
            int x = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; x + 16 <= width; x += 16)
                {
                    var v = Vector512.Create(plane.Slice(x, 16));
                    Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), VectorMath.RaisePositive(v, Vector512.Create(gamma.Slice(x, 16))), v).CopyTo(o.Slice(x, 16));
                }
            }

            for (; x < width; x++)
            {
                float v = plane[x];
                o[x] = v > 0f ? VectorMath.RaisePositive(Vector256.Create(v), Vector256.Create(gamma[x])).ToScalar() : v;
            }
        }

        inputs.In0.Slice(3 * width, width).CopyTo(output.Slice(3 * width, width));
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
