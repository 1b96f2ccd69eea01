using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>How the Channel Key compares the matte channel (the node's <c>limit_method</c>).</summary>
public enum ChannelLimitMethod
{
    /// <summary>Against one other channel.</summary>
    Single = 0,

    /// <summary>Against the larger of the two other channels.</summary>
    Max = 1,
}

/// <summary>
/// Channel Key's matte (Blender's ChannelMatteOperation), on a color already in the node's color
/// space: one minus (matte channel − the larger of the limit channels), mapped from
/// <c>limit_min</c>..<c>limit_max</c> to 0..1; above the range it keeps the pixel's alpha, and it is
/// never more opaque than the pixel's alpha.
/// </summary>
public sealed class ChannelMatteOperation : PixelOperation
{
    private readonly int _id0, _id1, _id2;

    /// <summary>Creates the operation; channels are numbered 1..3 as Blender stores them.</summary>
    public ChannelMatteOperation(float limitMax, float limitMin, ChannelLimitMethod method, int limitChannel, int matteChannel) : base(DataType.Value)
    {
        if (matteChannel is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(matteChannel));
        if (limitChannel is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(limitChannel));
        LimitMax = limitMax;
        LimitMin = limitMin;
        Method = method;
        LimitChannel = limitChannel;
        MatteChannel = matteChannel;
        AddInput(DataType.Color);
        if (method == ChannelLimitMethod.Single)
        {
            _id0 = matteChannel - 1;
            _id1 = _id2 = limitChannel - 1;
        }
        else
        {
            (_id0, _id1, _id2) = matteChannel switch { 1 => (0, 1, 2), 2 => (1, 0, 2), _ => (2, 0, 1) };
        }
    }

    /// <summary>Upper limit (<c>limit_max</c>).</summary>
    public float LimitMax { get; }

    /// <summary>Lower limit (<c>limit_min</c>).</summary>
    public float LimitMin { get; }

    /// <summary>The comparison.</summary>
    public ChannelLimitMethod Method { get; }

    /// <summary>The channel compared against with <see cref="ChannelLimitMethod.Single"/> (1..3).</summary>
    public int LimitChannel { get; }

    /// <summary>The channel keyed (1..3).</summary>
    public int MatteChannel { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        float max = LimitMax, min = LimitMin, range = max - min;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float c1 = c[i + _id1], c2 = c[i + _id2];
            float alpha = 1f - (c[i + _id0] - (c1 > c2 ? c1 : c2));
            float a = c[i + 3];
            if (alpha > max) alpha = a;
            else if (alpha < min) alpha = 0f;
            else alpha = (alpha - min) / range;
            o[x] = alpha < a ? alpha : a;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(LimitMax);
        hash.Add(LimitMin);
        hash.Add(_id0);
        hash.Add(_id1);
        hash.Add(_id2);
        return true;
    }
}
