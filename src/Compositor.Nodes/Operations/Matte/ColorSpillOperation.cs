using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>How Color Spill measures the spill (the node's <c>limit_method</c>).</summary>
public enum SpillLimitMethod
{
    /// <summary>Against one limit channel.</summary>
    Simple = 0,

    /// <summary>Against the mean of the two other channels.</summary>
    Average = 1,
}

/// <summary>
/// Color Spill (Blender's ColorSpillOperation): the spill is factor × (spill channel − ratio × limit),
/// the limit being one channel or the mean of the other two; where it is positive, the spill times
/// each channel's unspill amount is taken from the spill channel and added to the others. Without
/// <c>use_unspill</c> only the spill channel is reduced, by the whole spill. The factor is capped at 1.
/// </summary>
public sealed class ColorSpillOperation : PixelOperation
{
    private readonly float _mutR, _mutG, _mutB, _unspillR, _unspillG, _unspillB;
    private readonly int _other1, _other2;

    /// <summary>Creates the operation; channels are 0 (R), 1 (G), 2 (B). Inputs: image, factor.</summary>
    public ColorSpillOperation(int spillChannel, SpillLimitMethod method, int limitChannel, float ratio, bool useUnspill, float unspillRed, float unspillGreen, float unspillBlue)
        : base(DataType.Color)
    {
        if (spillChannel is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(spillChannel));
        if (limitChannel is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(limitChannel));
        SpillChannel = spillChannel;
        Method = method;
        LimitChannel = limitChannel;
        Ratio = ratio;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        _mutR = spillChannel == 0 ? -1f : 1f;
        _mutG = spillChannel == 1 ? -1f : 1f;
        _mutB = spillChannel == 2 ? -1f : 1f;
        (_other1, _other2) = spillChannel switch { 0 => (1, 2), 1 => (0, 2), _ => (0, 1) };
        if (useUnspill) (_unspillR, _unspillG, _unspillB) = (unspillRed, unspillGreen, unspillBlue);
        else (_unspillR, _unspillG, _unspillB) = (spillChannel == 0 ? 1f : 0f, spillChannel == 1 ? 1f : 0f, spillChannel == 2 ? 1f : 0f);
    }

    /// <summary>The channel with the spill (0..2).</summary>
    public int SpillChannel { get; }

    /// <summary>How the limit is taken.</summary>
    public SpillLimitMethod Method { get; }

    /// <summary>The limit channel of <see cref="SpillLimitMethod.Simple"/> (0..2).</summary>
    public int LimitChannel { get; }

    /// <summary>Scale of the limit (<c>ratio</c>).</summary>
    public float Ratio { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var fac = inputs.In1;
        int spill = SpillChannel, limit = LimitChannel, o1 = _other1, o2 = _other2;
        float ratio = Ratio;
        bool average = Method == SpillLimitMethod.Average;
        int done = Avx512F.IsSupported ? Vectorised(o, c, fac, width) : 0;
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float f = fac[x];
            float factor = 1f < f ? 1f : f;
            float limitValue = average ? (c[i + o1] + c[i + o2]) / 2f : c[i + limit];
            float map = factor * (c[i + spill] - ratio * limitValue);
            if (map > 0f)
            {
                o[i] = c[i] + _mutR * (_unspillR * map);
                o[i + 1] = c[i + 1] + _mutG * (_unspillG * map);
                o[i + 2] = c[i + 2] + _mutB * (_unspillB * map);
                o[i + 3] = c[i + 3];
            }
            else
            {
                c.Slice(i, 4).CopyTo(o.Slice(i, 4));
            }
        }
    }

    /// <summary>
    /// Four pixels at a time: each pixel's spill and limit channels are spread over its lanes by a
    /// permute, then the scalar loop's operations run lane for lane. Returns the pixels done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Vectorised(Span<float> o, ReadOnlySpan<float> c, ReadOnlySpan<float> fac, int width)
    {
        static Vector512<int> Spread(int channel) => Vector512.Create(0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12) + Vector512.Create(channel);
        var spill = Spread(SpillChannel);
        var first = Spread(Method == SpillLimitMethod.Average ? _other1 : LimitChannel);
        var second = Spread(_other2);
        bool average = Method == SpillLimitMethod.Average;
        var ratio = Vector512.Create(Ratio);
        var mut = VectorMath.PerChannel4([_mutR, _mutG, _mutB]);
        var unspill = VectorMath.PerChannel4([_unspillR, _unspillG, _unspillB]);
        var colour = ~VectorMath.AlphaLanes512;
        var one = Vector512<float>.One;
        var two = Vector512.Create(2f);
        int x = 0;
        for (; x + 4 <= width; x += 4)
        {
            int i = x * 4;
            var v = Vector512.Create(c.Slice(i, 16));
            var f = VectorMath.PerPixel4(fac, x);
            var factor = Vector512.ConditionalSelect(Vector512.LessThan(one, f), one, f);
            var limit = average ? (Avx512F.PermuteVar16x32(v, first) + Avx512F.PermuteVar16x32(v, second)) / two : Avx512F.PermuteVar16x32(v, first);
            var map = factor * (Avx512F.PermuteVar16x32(v, spill) - ratio * limit);
            var unspilled = v + mut * (unspill * map);
            Vector512.ConditionalSelect(Vector512.GreaterThan(map, Vector512<float>.Zero) & colour, unspilled, v).CopyTo(o.Slice(i, 16));
        }

        return x;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(SpillChannel);
        hash.Add(Method);
        hash.Add(LimitChannel);
        hash.Add(Ratio);
        hash.Add(_unspillR);
        hash.Add(_unspillG);
        hash.Add(_unspillB);
        return true;
    }
}
