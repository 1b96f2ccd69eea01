using Compositor.Imaging;
using Compositor.Operations;
using F = Compositor.Nodes.Operations.Math.MathFunctions;

namespace Compositor.Nodes.Operations.Math;

/// <summary>
/// Blender's Math operations: one function of up to three values, per pixel; with
/// <see cref="UseClamp"/> the result is clamped to 0..1. The canvas comes from the first input if it
/// has one of its own, else from the second.
/// </summary>
public sealed class MathOperation : PixelOperation
{
    /// <summary>Creates the operation for <paramref name="type"/>.</summary>
    public MathOperation(MathOperationType type, bool useClamp) : base(DataType.Value)
    {
        Type = type;
        UseClamp = useClamp;
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
    }

    /// <summary>The function.</summary>
    public MathOperationType Type { get; }

    /// <summary>Clamp the result to 0..1.</summary>
    public bool UseClamp { get; }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var first = Inputs[0];
        CanvasInputIndex = first.IsConnected && !resolver.Resolve(first.Link!, Rect.Empty).IsEmpty ? 0 : 1;
        return base.DetermineCanvas(preferred, resolver);
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var o = output[..width];
        var a = inputs.In0[..width];
        var b = inputs.In1[..width];
        var c = inputs.In2[..width];
        switch (Type)
        {
            case MathOperationType.Add: Run<F.Add>(o, a, b); break;
            case MathOperationType.Subtract: Run<F.Subtract>(o, a, b); break;
            case MathOperationType.Multiply: Run<F.Multiply>(o, a, b); break;
            case MathOperationType.Divide: Run<F.Divide>(o, a, b); break;
            case MathOperationType.MultiplyAdd: Run<F.MultiplyAdd>(o, a, b, c); break;
            case MathOperationType.Power: Run<F.Power>(o, a, b); break;
            case MathOperationType.Logarithm: Run<F.Logarithm>(o, a, b); break;
            case MathOperationType.Sqrt: Run<F.Sqrt>(o, a); break;
            case MathOperationType.InverseSqrt: Run<F.InverseSqrt>(o, a); break;
            case MathOperationType.Absolute: Run<F.Absolute>(o, a); break;
            case MathOperationType.Exponent: Run<F.Exponent>(o, a); break;
            case MathOperationType.Minimum: Run<F.Minimum>(o, a, b); break;
            case MathOperationType.Maximum: Run<F.Maximum>(o, a, b); break;
            case MathOperationType.LessThan: Run<F.LessThan>(o, a, b); break;
            case MathOperationType.GreaterThan: Run<F.GreaterThan>(o, a, b); break;
            case MathOperationType.Sign: Run<F.Sign>(o, a); break;
            case MathOperationType.Compare: Run<F.Compare>(o, a, b, c); break;
            case MathOperationType.SmoothMin: Run<F.SmoothMinimum>(o, a, b, c); break;
            case MathOperationType.SmoothMax: Run<F.SmoothMaximum>(o, a, b, c); break;
            case MathOperationType.Round: Run<F.Round>(o, a); break;
            case MathOperationType.Floor: Run<F.Floor>(o, a); break;
            case MathOperationType.Ceil: Run<F.Ceil>(o, a); break;
            case MathOperationType.Trunc: Run<F.Trunc>(o, a); break;
            case MathOperationType.Fract: Run<F.Fraction>(o, a); break;
            case MathOperationType.Modulo: Run<F.Modulo>(o, a, b); break;
            case MathOperationType.Wrap: Run<F.Wrap>(o, a, b, c); break;
            case MathOperationType.Snap: Run<F.Snap>(o, a, b); break;
            case MathOperationType.PingPong: Run<F.PingPong>(o, a, b); break;
            case MathOperationType.Sine: Run<F.Sine>(o, a); break;
            case MathOperationType.Cosine: Run<F.Cosine>(o, a); break;
            case MathOperationType.Tangent: Run<F.Tangent>(o, a); break;
            case MathOperationType.Arcsine: Run<F.Arcsine>(o, a); break;
            case MathOperationType.Arccosine: Run<F.Arccosine>(o, a); break;
            case MathOperationType.Arctangent: Run<F.Arctangent>(o, a); break;
            case MathOperationType.Arctan2: Run<F.Arctan2>(o, a, b); break;
            case MathOperationType.Sinh: Run<F.Sinh>(o, a); break;
            case MathOperationType.Cosh: Run<F.Cosh>(o, a); break;
            case MathOperationType.Tanh: Run<F.Tanh>(o, a); break;
            case MathOperationType.Radians: Run<F.Radians>(o, a); break;
            case MathOperationType.Degrees: Run<F.Degrees>(o, a); break;
            default: throw new InvalidOperationException($"unknown math operation {Type}");
        }

        if (UseClamp) RowMath.Clamp01(o);
    }

    private static void Run<T>(Span<float> o, ReadOnlySpan<float> a) where T : struct, IMathFunction1
    {
        for (int x = 0; x < o.Length; x++) o[x] = T.Apply(a[x]);
    }

    private static void Run<T>(Span<float> o, ReadOnlySpan<float> a, ReadOnlySpan<float> b) where T : struct, IMathFunction2
    {
        for (int x = 0; x < o.Length; x++) o[x] = T.Apply(a[x], b[x]);
    }

    private static void Run<T>(Span<float> o, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c) where T : struct, IMathFunction3
    {
        for (int x = 0; x < o.Length; x++) o[x] = T.Apply(a[x], b[x], c[x]);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Type);
        hash.Add(UseClamp);
        return true;
    }
}
