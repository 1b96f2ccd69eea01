using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// Alpha Over with a non-zero "Premultiplied" amount (Blender's AlphaOverMixedOperation): the
/// foreground's color is weighted between premultiplied (amount 0) and straight (amount 1).
/// </summary>
public sealed class AlphaOverMixedOperation : MixBaseOperation
{
    /// <summary>Creates the operation with the node's <c>premul</c> amount.</summary>
    public AlphaOverMixedOperation(float amount) => Amount = amount;

    /// <summary>How far the foreground is treated as straight (0..1).</summary>
    public float Amount { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var a = inputs.In1;
        var b = inputs.In2;
        float amount = Amount;
        int done = AlphaOverKernels.Rows(o, fac, a, b, width, new MixedBlend(amount));
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
                float addFac = 1f - amount + over * amount;
                float premul = f * addFac;
                float mul = 1f - f * over;
                o[i] = mul * a[i] + premul * b[i];
                o[i + 1] = mul * a[i + 1] + premul * b[i + 1];
                o[i + 2] = mul * a[i + 2] + premul * b[i + 2];
                o[i + 3] = mul * a[i + 3] + f * over;
            }
        }
    }

    private readonly struct MixedBlend(float amount) : IAlphaOverBlend
    {
        public Vector512<float> KeepsFirst(Vector512<float> over) => Vector512.LessThanOrEqual(over, Vector512<float>.Zero);

        public Vector512<float> Blend(Vector512<float> a, Vector512<float> b, Vector512<float> f, Vector512<float> over)
        {
            var one = Vector512<float>.One;
            var amountV = Vector512.Create(amount);
            var premul = f * (one - amountV + over * amountV);
            return (one - f * over) * a + Vector512.ConditionalSelect(VectorMath.AlphaLanes512, f, premul) * b;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Amount);
        return true;
    }
}
