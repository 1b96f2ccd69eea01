using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Color Balance, lift/gamma/gain (Blender's ColorBalanceLGGOperation): per channel, in sRGB-encoded
/// values, ((srgb(c) − 1) × lift + 1) × gain, negative results 0, decoded back and raised to
/// 1 / gamma; mixed with the input by the factor (at most 1). Alpha is the input's. Inputs: factor,
/// image; the canvas is the image's.
/// </summary>
public sealed class ColorBalanceLggOperation : PixelOperation
{
    private readonly float[] _lift;
    private readonly float[] _gammaInverse;
    private readonly float[] _gain;

    /// <summary>Creates the operation from the node's lift, gamma and gain (RGB).</summary>
    public ColorBalanceLggOperation(ReadOnlySpan<float> lift, ReadOnlySpan<float> gamma, ReadOnlySpan<float> gain) : base(DataType.Color)
    {
        _lift = new float[3];
        _gammaInverse = new float[3];
        _gain = gain[..3].ToArray();
        for (int c = 0; c < 3; c++)
        {
            _lift[c] = 2f - lift[c];
            _gammaInverse[c] = gamma[c] != 0f ? 1f / gamma[c] : 1000000f;
        }

        AddInput(DataType.Value);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var c = inputs.In1;
        int done = Vector256.IsHardwareAccelerated ? ProcessPairs(o, fac, c, width) : 0;
        for (int x = done, i = done * 4; x < width; x++, i += 4)
        {
            float f = MathF.Min(1f, fac[x]);
            float m = 1f - f;
            for (int k = 0; k < 3; k++)
            {
                float v = c[i + k];
                float s = ((VectorMath.LinearToSrgb(v) - 1f) * _lift[k] + 1f) * _gain[k];
                if (s < 0f) s = 0f;
                float linear = VectorMath.SrgbToLinear(s);
                if (_gammaInverse[k] != 1f) linear = VectorMath.PowPositive(linear, _gammaInverse[k]);
                o[i + k] = m * v + f * linear;
            }

            o[i + 3] = c[i + 3];
        }
    }

    /// <summary>The vector form of the row loop, two pixels at a time; returns the pixels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ProcessPairs(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> c, int width)
    {
        var one = Vector256<float>.One;
        var lift = VectorMath.PerChannel(_lift);
        var gain = VectorMath.PerChannel(_gain);
        var gammaInverse = VectorMath.PerChannel(_gammaInverse);
        bool linearGamma = _gammaInverse[0] == 1f && _gammaInverse[1] == 1f && _gammaInverse[2] == 1f;
        var alpha = VectorMath.AlphaLanes;
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four pixels at a time: the same operations lane for lane as the pairs below.
            var one4 = Vector512<float>.One;
            var lift4 = Vector512.Create(lift, lift);
            var gain4 = Vector512.Create(gain, gain);
            var gammaInverse4 = Vector512.Create(gammaInverse, gammaInverse);
            var alpha4 = VectorMath.AlphaLanes512;
            for (; x + 4 <= width; x += 4)
            {
                int i = x * 4;
                var v = Vector512.Create(c.Slice(i, 16));
                var f = Vector512.Min(one4, VectorMath.PerPixel4(fac, x));
                var s = ((VectorMath.LinearToSrgb(v) - one4) * lift4 + one4) * gain4;
                s = Vector512.ConditionalSelect(Vector512.LessThan(s, Vector512<float>.Zero), Vector512<float>.Zero, s);
                var linear = VectorMath.SrgbToLinear(s);
                if (!linearGamma) linear = Vector512.ConditionalSelect(Vector512.Equals(gammaInverse4, one4), linear, VectorMath.PowPositive(linear, gammaInverse4));
                var r = (one4 - f) * v + f * linear;
                Vector512.ConditionalSelect(alpha4, v, r).CopyTo(o.Slice(i, 16));
            }
        }

        for (; x + 2 <= width; x += 2)
        {
            int i = x * 4;
            var v = Vector256.Create(c.Slice(i, 8));
            var f = Vector256.Min(one, VectorMath.PerPixel(fac, x));
            var s = ((VectorMath.LinearToSrgb(v) - one) * lift + one) * gain;
            s = Vector256.ConditionalSelect(Vector256.LessThan(s, Vector256<float>.Zero), Vector256<float>.Zero, s);
            var linear = VectorMath.SrgbToLinear(s);
            // A channel with gamma 1 keeps its value exactly (as the scalar tail does); pow(0, y) = 0.
            if (!linearGamma) linear = Vector256.ConditionalSelect(Vector256.Equals(gammaInverse, one), linear, VectorMath.PowPositive(linear, gammaInverse));
            var r = (one - f) * v + f * linear;
            Vector256.ConditionalSelect(alpha, v, r).CopyTo(o.Slice(i, 8));
        }

        return x;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_lift);
        hash.Add(_gammaInverse);
        hash.Add(_gain);
        return true;
    }
}

/// <summary>
/// Color Balance, offset/power/slope (ASC CDL; Blender's ColorBalanceASCCDLOperation): per
/// channel (c × slope + offset), negative results 0, raised to power; mixed with the input by the
/// factor (at most 1). Alpha is the input's. Inputs: factor, image; the canvas is the image's.
/// </summary>
public sealed class ColorBalanceCdlOperation : PixelOperation
{
    private readonly float[] _offset;
    private readonly float[] _power;
    private readonly float[] _slope;

    /// <summary>Creates the operation; <paramref name="offset"/> already includes the offset basis.</summary>
    public ColorBalanceCdlOperation(ReadOnlySpan<float> offset, ReadOnlySpan<float> power, ReadOnlySpan<float> slope) : base(DataType.Color)
    {
        _offset = offset[..3].ToArray();
        _power = power[..3].ToArray();
        _slope = slope[..3].ToArray();
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var c = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float f = MathF.Min(1f, fac[x]);
            float m = 1f - f;
            for (int k = 0; k < 3; k++)
            {
                float v = c[i + k];
                float s = v * _slope[k] + _offset[k];
                if (s < 0f) s = 0f;
                o[i + k] = m * v + f * MathF.Pow(s, _power[k]);
            }

            o[i + 3] = c[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_offset);
        hash.Add(_power);
        hash.Add(_slope);
        return true;
    }
}
