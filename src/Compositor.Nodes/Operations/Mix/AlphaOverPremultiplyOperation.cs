using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// Alpha Over of a premultiplied foreground (Blender's AlphaOverPremultiplyOperation, the default):
/// background × (1 − factor × foreground alpha) + factor × foreground. A foreground with zero alpha
/// still adds its color; only a negative alpha leaves the background untouched.
/// </summary>
public sealed class AlphaOverPremultiplyOperation : MixBaseOperation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var a = inputs.In1;
        var b = inputs.In2;
        int done = AlphaOverKernels.Rows(o, fac, a, b, width, new PremultipliedBlend());
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float f = fac[x];
            float over = b[i + 3];
            if (over < 0f)
            {
                a.Slice(i, 4).CopyTo(o.Slice(i, 4));
            }
            else if (f == 1f && over >= 1f)
            {
                b.Slice(i, 4).CopyTo(o.Slice(i, 4));
            }
            else
            {
                float mul = 1f - f * over;
                o[i] = mul * a[i] + f * b[i];
                o[i + 1] = mul * a[i + 1] + f * b[i + 1];
                o[i + 2] = mul * a[i + 2] + f * b[i + 2];
                o[i + 3] = mul * a[i + 3] + f * over;
            }
        }
    }

    private readonly struct PremultipliedBlend : IAlphaOverBlend
    {
        public Vector512<float> KeepsFirst(Vector512<float> over) => Vector512.LessThan(over, Vector512<float>.Zero);

        public Vector512<float> Blend(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> over) =>
            (Vector512<float>.One - f * over) * a + f * b;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
