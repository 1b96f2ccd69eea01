using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>
/// RGB Curves with black and white levels read per pixel (Blender's ColorCurveOperation, used when
/// either level socket is linked): each pixel's levels give its own multiplier, the color goes
/// through the premultiplied curves (channel curve, then the combined curve), and the result is
/// mixed with the input by the factor (a factor of 1 or more takes the curve result, 0 or less
/// the input). Alpha is the input's. Inputs: factor, image, black level, white level; the canvas
/// is the image's.
/// </summary>
public sealed class ColorCurveOperation : PixelOperation
{
    /// <summary>Creates the operation for <paramref name="mapping"/> (four curves: R, G, B, combined).</summary>
    public ColorCurveOperation(CurveMapping mapping) : base(DataType.Color)
    {
        Mapping = mapping.Premultiplied();
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <summary>The premultiplied mapping.</summary>
    public CurveMapping Mapping { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var image = inputs.In1;
        var black = inputs.In2;
        var white = inputs.In3;
        Span<float> multiplier = stackalloc float[3];
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            var b = black.Slice(i, 3);
            CurveMapping.BlackWhiteMultiplier(b, white.Slice(i, 3), multiplier);
            ColorCurveKernel.Apply(Mapping, o.Slice(i, 4), image.Slice(i, 4), fac[x], b, multiplier);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Mapping.Fingerprint);
        return true;
    }
}

/// <summary>
/// RGB Curves with constant black and white levels (Blender's ConstantLevelColorCurveOperation):
/// the levels come from the node's unlinked sockets; otherwise as <see cref="ColorCurveOperation"/>.
/// Inputs: factor, image; the canvas is the image's.
/// </summary>
public sealed class ConstantLevelColorCurveOperation : PixelOperation
{
    /// <inheritdoc />
    /// <remarks>Each channel goes through its own table (the combined curve folded in) and levels; alpha is copied.</remarks>
    public override int ChannelwiseInput => 1;

    private readonly float[] _black;
    private readonly float[] _multiplier = new float[3];
    private readonly CurveGather? _gather;

    /// <summary>Creates the operation for <paramref name="mapping"/> with levels <paramref name="black"/> and <paramref name="white"/> (RGB).</summary>
    public ConstantLevelColorCurveOperation(CurveMapping mapping, ReadOnlySpan<float> black, ReadOnlySpan<float> white) : base(DataType.Color)
    {
        Mapping = mapping.Premultiplied();
        _black = black[..3].ToArray();
        White = white[..3].ToArray();
        CurveMapping.BlackWhiteMultiplier(_black, White, _multiplier);
        _gather = CurveGather.TryCreate(Mapping);
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <summary>The premultiplied mapping.</summary>
    public CurveMapping Mapping { get; }

    /// <summary>Black level.</summary>
    public ReadOnlySpan<float> Black => _black;

    /// <summary>White level.</summary>
    public float[] White { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var fac = inputs.In0;
        var image = inputs.In1;
        int done = _gather is { } gather ? ProcessPairs(gather, o, fac, image, width) : 0;
        for (int x = done, i = done * 4; x < width; x++, i += 4)
            ColorCurveKernel.Apply(Mapping, o.Slice(i, 4), image.Slice(i, 4), fac[x], _black, _multiplier);
    }

    /// <summary>Sixteen pixels (as planes) or two at a time through the gathered tables; returns the pixels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int ProcessPairs(CurveGather gather, Span<float> o, ReadOnlySpan<float> fac, ReadOnlySpan<float> image, int width)
    {
        int x = 0;
        fixed (float* pairs = gather.Pairs)
        {
            if (RgbaPlanes.IsSupported)
            {
                var one4 = Vector512<float>.One;
                for (; x + 16 <= width; x += 16)
                {
                    int i = x * 4;
                    RgbaPlanes.Load(image.Slice(i, 64), out var r, out var g, out var b, out var a);
                    var f = Vector512.Create(fac.Slice(x, 16));
                    var keep = one4 - f;
                    var takeCurve = Vector512.GreaterThanOrEqual(f, one4);
                    var takeInput = Vector512.LessThanOrEqual(f, Vector512<float>.Zero);
                    var curveR = gather.EvaluatePlane((r - Vector512.Create(_black[0])) * Vector512.Create(_multiplier[0]), 0, pairs);
                    var curveG = gather.EvaluatePlane((g - Vector512.Create(_black[1])) * Vector512.Create(_multiplier[1]), 1, pairs);
                    var curveB = gather.EvaluatePlane((b - Vector512.Create(_black[2])) * Vector512.Create(_multiplier[2]), 2, pairs);
                    r = Vector512.ConditionalSelect(takeCurve, curveR, Vector512.ConditionalSelect(takeInput, r, keep * r + f * curveR));
                    g = Vector512.ConditionalSelect(takeCurve, curveG, Vector512.ConditionalSelect(takeInput, g, keep * g + f * curveG));
                    b = Vector512.ConditionalSelect(takeCurve, curveB, Vector512.ConditionalSelect(takeInput, b, keep * b + f * curveB));
                    RgbaPlanes.Store(r, g, b, a, o.Slice(i, 64));
                }
            }
        }

        var black = VectorMath.PerChannel(_black);
        var multiplier = VectorMath.PerChannel(_multiplier);
        var alpha = VectorMath.AlphaLanes;
        var one = Vector256<float>.One;
        fixed (float* tables = gather.Tables)
        {
            for (; x + 2 <= width; x += 2)
            {
                int i = x * 4;
                var c = Vector256.Create(image.Slice(i, 8));
                var f = VectorMath.PerPixel(fac, x);
                var curve = gather.Evaluate((c - black) * multiplier, tables);
                var mixed = (one - f) * c + f * curve;
                var r = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(f, one), curve,
                    Vector256.ConditionalSelect(Vector256.LessThanOrEqual(f, Vector256<float>.Zero), c, mixed));
                Vector256.ConditionalSelect(alpha, c, r).CopyTo(o.Slice(i, 8));
            }
        }

        return x;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Mapping.Fingerprint);
        hash.Add(_black);
        hash.Add(White);
        return true;
    }
}

/// <summary>The per-pixel step shared by the RGB Curves operations.</summary>
internal static class ColorCurveKernel
{
    public static void Apply(CurveMapping mapping, Span<float> o, ReadOnlySpan<float> c, float fac, ReadOnlySpan<float> black, ReadOnlySpan<float> multiplier)
    {
        float r = c[0], g = c[1], b = c[2], a = c[3];
        if (fac >= 1f)
        {
            mapping.EvaluateRgb(r, g, b, black, multiplier, out o[0], out o[1], out o[2]);
        }
        else if (fac <= 0f)
        {
            o[0] = r;
            o[1] = g;
            o[2] = b;
        }
        else
        {
            mapping.EvaluateRgb(r, g, b, black, multiplier, out float cr, out float cg, out float cb);
            float keep = 1f - fac;
            o[0] = keep * r + fac * cr;
            o[1] = keep * g + fac * cg;
            o[2] = keep * b + fac * cb;
        }

        o[3] = a;
    }
}
