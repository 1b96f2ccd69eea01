using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// Alpha Over with "Convert Premultiplied" on (Blender's AlphaOverKeyOperation): the foreground's
/// color is treated as straight, so it is weighted by factor × its alpha.
/// </summary>
public sealed class AlphaOverKeyOperation : MixBaseOperation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var a = inputs.In1;
        var b = inputs.In2;
        int done = AlphaOverKernels.Rows(o, fac, a, b, width, new KeyBlend());
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float f = fac[x];
            float over = b[i + 3];
            if (over <= 0f)
            {
                a.Slice(i, 4).CopyTo(o.Slice(i, 4));
            }
            else if (f == 1f && over >= 1f)
            {
                b.Slice(i, 4).CopyTo(o.Slice(i, 4));
            }
            else
            {
                float premul = f * over;
                float mul = 1f - premul;
                o[i] = mul * a[i] + premul * b[i];
                o[i + 1] = mul * a[i + 1] + premul * b[i + 1];
                o[i + 2] = mul * a[i + 2] + premul * b[i + 2];
                o[i + 3] = mul * a[i + 3] + f * over;
            }
        }
    }

    private readonly struct KeyBlend : IAlphaOverBlend
    {
        public Vector512<float> KeepsFirst(Vector512<float> over) => Vector512.LessThanOrEqual(over, Vector512<float>.Zero);

        public Vector512<float> Blend(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> over)
        {
            var premul = f * over;
            // Alpha: mul · a + f · over, the alpha lane of b being over.
            return (Vector512<float>.One - premul) * a + Vector512.ConditionalSelect(VectorMath.AlphaLanes512, f, premul) * b;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
