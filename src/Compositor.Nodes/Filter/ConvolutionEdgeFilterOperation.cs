using Compositor.Imaging;

namespace Compositor.Nodes.Filter;

/// <summary>
/// An edge-detecting 3×3 convolution (Blender's ConvolutionEdgeFilterOperation): the colour is
/// convolved with the kernel and with its transpose, the two results combine as the length of the
/// gradient, mixed with the centre pixel by the factor and clamped at zero; alpha is the centre
/// pixel's.
/// </summary>
public sealed class ConvolutionEdgeFilterOperation : ConvolutionFilterOperation
{
    /// <summary>Creates the operation with the nine kernel weights, lower row first.</summary>
    public ConvolutionEdgeFilterOperation(ReadOnlySpan<float> kernel) : base(kernel)
    {
    }

    /// <inheritdoc />
    protected override void ComputeRow(Span<float> dst, float[] data, RowOffsets rows, int elem, int x0, Rect canvas, ReadOnlySpan<float> fac)
    {
        var k = Kernel;
        float k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4], k5 = k[5], k6 = k[6], k7 = k[7], k8 = k[8];
        int width = fac.Length;
        for (int i = 0; i < width; i++)
        {
            int x = x0 + i;
            int l = (x > canvas.XMin ? -elem : 0), r = (x < canvas.XMax - 1 ? elem : 0);
            int c = i * elem;
            int d = rows.Down + c, m = rows.Center + c, u = rows.Up + c;
            float f = fac[i], g = 1f - f;
            for (int ch = 0; ch < 3; ch++)
            {
                float dl = data[d + l + ch], dc = data[d + ch], dr = data[d + r + ch];
                float ml = data[m + l + ch], mc = data[m + ch], mr = data[m + r + ch];
                float ul = data[u + l + ch], uc = data[u + ch], ur = data[u + r + ch];
                float a = dl * k0 + dc * k1 + dr * k2 + ml * k3 + mc * k4 + mr * k5 + ul * k6 + uc * k7 + ur * k8;
                float b = dl * k0 + dc * k3 + dr * k6 + ml * k1 + mc * k4 + mr * k7 + ul * k2 + uc * k5 + ur * k8;
                dst[i * 4 + ch] = MathF.Max(MathF.Sqrt(a * a + b * b) * f + mc * g, 0f);
            }

            dst[i * 4 + 3] = MathF.Max(data[m + 3], 0f);
        }
    }
}
