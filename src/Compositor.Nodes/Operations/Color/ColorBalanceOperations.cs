using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Color Balance, lift/gamma/gain (Blender's ColorBalanceLGGOperation): per channel, in sRGB-encoded
/// values, ((srgb(c) − 1) × lift + 1) × gain, negative results 0, decoded back and raised to
/// 1 / gamma (skipped exactly where gamma is 1; otherwise decoding and raising share one pow);
/// mixed with the input by the factor (at most 1). Alpha is the input's. Inputs: factor,
/// image; the canvas is the image's.
/// </summary>
public sealed class ColorBalanceLggOperation : PixelOperation
{
    /// <inheritdoc />
    /// <remarks>Each channel is corrected and mixed alone; alpha is copied.</remarks>
    public override int ChannelwiseInput => 1;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var c = inputs.In1;
        int x = RgbaPlanes.IsSupported ? ProcessPlanes(o, fac, c, width) : 0;

        // Two pixels per vector, a last odd pixel alone in the low half: every lane takes the steps
        // the planes take, so a pixel's bits do not depend on where it falls in the row.
        var one = Vector256<float>.One;
        var lift = VectorMath.PerChannel(_lift);
        var gain = VectorMath.PerChannel(_gain);
        var gammaInverse = VectorMath.PerChannel(_gammaInverse);
        var gammaOne = Vector256.Equals(gammaInverse, one);
        var encodedGamma = gammaInverse * 2.4f;
        var alpha = VectorMath.AlphaLanes;
        for (; x < width; x += 2)
        {
            int i = x * 4;
            bool pair = x + 2 <= width;
            var v = pair ? Vector256.Create(c.Slice(i, 8)) : Vector256.Create(Vector128.Create(c.Slice(i, 4)), Vector128<float>.Zero);
            var f = Vector256.Min(one, pair ? VectorMath.PerPixel(fac, x) : Vector256.Create(fac[x]));
            var s = Encoded(v, lift, gain);
            var linear = Vector256.ConditionalSelect(gammaOne, VectorMath.SrgbToLinear(s), DecodedRaised(s, gammaInverse, encodedGamma));
            var r = Vector256.ConditionalSelect(alpha, v, (one - f) * v + f * linear);
            if (pair) r.CopyTo(o.Slice(i, 8));
            else r.GetLower().CopyTo(o.Slice(i, 4));
        }
    }

    /// <summary>Sixteen pixels at a time as R, G and B planes (no alpha lanes); returns the pixels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ProcessPlanes(Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> c, int width)
    {
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            int i = x * 4;
            RgbaPlanes.Load(c.Slice(i, 64), out var r, out var g, out var b, out var a);
            var f = Vector512.Min(Vector512<float>.One, Vector512.Create(fac.Slice(x, 16)));
            r = Channel(r, f, 0);
            g = Channel(g, f, 1);
            b = Channel(b, f, 2);
            RgbaPlanes.Store(r, g, b, a, o.Slice(i, 64));
        }

        return x;
    }

    /// <summary>One channel plane: the balanced value mixed with the input by the factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<float> Channel(Vector512<float> v, Vector512<float> f, int k)
    {
        var s = Encoded(v, Vector512.Create(_lift[k]), Vector512.Create(_gain[k]));
        float gammaInverse = _gammaInverse[k];
        var linear = gammaInverse == 1f
            ? VectorMath.SrgbToLinear(s)
            : DecodedRaised(s, Vector512.Create(gammaInverse), Vector512.Create(gammaInverse * 2.4f));
        return (Vector512<float>.One - f) * v + f * linear;
    }

    /// <summary>((sRGB(v) − 1) × lift + 1) × gain, negative results 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Encoded(Vector256<float> v, Vector256<float> lift, Vector256<float> gain)
    {
        var s = ((VectorMath.LinearToSrgb(v) - Vector256<float>.One) * lift + Vector256<float>.One) * gain;
        return Vector256.ConditionalSelect(Vector256.LessThan(s, Vector256<float>.Zero), Vector256<float>.Zero, s);
    }

    /// <summary>The 16-lane <see cref="Encoded(Vector256{float}, Vector256{float}, Vector256{float})"/>, lane for lane the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Encoded(Vector512<float> v, Vector512<float> lift, Vector512<float> gain)
    {
        var s = ((VectorMath.LinearToSrgb(v) - Vector512<float>.One) * lift + Vector512<float>.One) * gain;
        return Vector512.ConditionalSelect(Vector512.LessThan(s, Vector512<float>.Zero), Vector512<float>.Zero, s);
    }

    /// <summary>
    /// Blender's pow(srgb_to_linear(s), 1 / gamma) (s ≥ 0) as one pow: (s / 12.92)^(1/γ) on the
    /// linear segment, ((s + 0.055) / 1.055)^(2.4/γ) above it, instead of decoding and raising apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> DecodedRaised(Vector256<float> s, Vector256<float> gammaInverse, Vector256<float> encodedGamma)
    {
        var segment = Vector256.LessThan(s, Vector256.Create(0.04045f));
        var basis = Vector256.ConditionalSelect(segment, s * (1f / 12.92f), (s + Vector256.Create(0.055f)) * (1f / 1.055f));
        return VectorMath.PowPositive(basis, Vector256.ConditionalSelect(segment, gammaInverse, encodedGamma));
    }

    /// <summary>The 16-lane <see cref="DecodedRaised(Vector256{float}, Vector256{float}, Vector256{float})"/>, lane for lane the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> DecodedRaised(Vector512<float> s, Vector512<float> gammaInverse, Vector512<float> encodedGamma)
    {
        var segment = Vector512.LessThan(s, Vector512.Create(0.04045f));
        var basis = Vector512.ConditionalSelect(segment, s * (1f / 12.92f), (s + Vector512.Create(0.055f)) * (1f / 1.055f));
        return VectorMath.PowPositive(basis, Vector512.ConditionalSelect(segment, gammaInverse, encodedGamma));
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
