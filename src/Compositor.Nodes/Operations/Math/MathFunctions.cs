using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Math;

/// <summary>A one-argument Math function, as a type so the row loop is specialised and inlined.</summary>
internal interface IMathFunction1
{
    static abstract float Apply(float a);
}

/// <summary>A two-argument Math function.</summary>
internal interface IMathFunction2
{
    static abstract float Apply(float a, float b);
}

/// <summary>A three-argument Math function.</summary>
internal interface IMathFunction3
{
    static abstract float Apply(float a, float b, float c);
}

/// <summary>
/// Blender 3.4's Math node functions in single precision, with Blender's guards for division by
/// zero, negative bases, logarithms and square roots of non-positive values, and arcsine/arccosine
/// outside −1..1.
/// </summary>
internal static class MathFunctions
{
    private const float DegreesToRadians = (float)(System.Math.PI / 180.0);
    private const float RadiansToDegrees = (float)(180.0 / System.Math.PI);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Min(float a, float b) => b < a ? b : a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Max(float a, float b) => a < b ? b : a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Fract(float a) => a - MathF.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SmoothMin(float a, float b, float c)
    {
        if (c != 0f)
        {
            float h = Max(c - MathF.Abs(a - b), 0f) / c;
            return Min(a, b) - h * h * h * c * (1f / 6f);
        }

        return Min(a, b);
    }

    internal readonly struct Add : IMathFunction2 { public static float Apply(float a, float b) => a + b; }

    internal readonly struct Subtract : IMathFunction2 { public static float Apply(float a, float b) => a - b; }

    internal readonly struct Multiply : IMathFunction2 { public static float Apply(float a, float b) => a * b; }

    internal readonly struct Divide : IMathFunction2 { public static float Apply(float a, float b) => b == 0f ? 0f : a / b; }

    internal readonly struct MultiplyAdd : IMathFunction3 { public static float Apply(float a, float b, float c) => a * b + c; }

    internal readonly struct Power : IMathFunction2
    {
        public static float Apply(float a, float b)
        {
            if (a >= 0f) return MathF.Pow(a, b);
            // A negative base only has a real power for integer exponents; nearly integer ones are rounded.
            float frac = b % 1f;
            return frac > 0.999f || frac < 0.001f ? MathF.Pow(a, MathF.Floor(b + 0.5f)) : 0f;
        }
    }

    internal readonly struct Logarithm : IMathFunction2
    {
        public static float Apply(float a, float b) => a > 0f && b > 0f ? MathF.Log(a) / MathF.Log(b) : 0f;
    }

    internal readonly struct Sqrt : IMathFunction1 { public static float Apply(float a) => a > 0f ? MathF.Sqrt(a) : 0f; }

    internal readonly struct InverseSqrt : IMathFunction1 { public static float Apply(float a) => a > 0f ? 1f / MathF.Sqrt(a) : 0f; }

    internal readonly struct Absolute : IMathFunction1 { public static float Apply(float a) => MathF.Abs(a); }

    internal readonly struct Exponent : IMathFunction1 { public static float Apply(float a) => MathF.Exp(a); }

    internal readonly struct Minimum : IMathFunction2 { public static float Apply(float a, float b) => Min(a, b); }

    internal readonly struct Maximum : IMathFunction2 { public static float Apply(float a, float b) => Max(a, b); }

    internal readonly struct LessThan : IMathFunction2 { public static float Apply(float a, float b) => a < b ? 1f : 0f; }

    internal readonly struct GreaterThan : IMathFunction2 { public static float Apply(float a, float b) => a > b ? 1f : 0f; }

    internal readonly struct Sign : IMathFunction1 { public static float Apply(float a) => a > 0f ? 1f : a < 0f ? -1f : 0f; }

    internal readonly struct Compare : IMathFunction3
    {
        public static float Apply(float a, float b, float c) => MathF.Abs(a - b) <= Max(c, 1e-5f) ? 1f : 0f;
    }

    internal readonly struct SmoothMinimum : IMathFunction3 { public static float Apply(float a, float b, float c) => SmoothMin(a, b, c); }

    internal readonly struct SmoothMaximum : IMathFunction3 { public static float Apply(float a, float b, float c) => -SmoothMin(-a, -b, c); }

    internal readonly struct Round : IMathFunction1 { public static float Apply(float a) => MathF.Round(a, MidpointRounding.AwayFromZero); }

    internal readonly struct Floor : IMathFunction1 { public static float Apply(float a) => MathF.Floor(a); }

    internal readonly struct Ceil : IMathFunction1 { public static float Apply(float a) => MathF.Ceiling(a); }

    internal readonly struct Trunc : IMathFunction1 { public static float Apply(float a) => a >= 0f ? MathF.Floor(a) : MathF.Ceiling(a); }

    internal readonly struct Fraction : IMathFunction1 { public static float Apply(float a) => Fract(a); }

    internal readonly struct Modulo : IMathFunction2 { public static float Apply(float a, float b) => b == 0f ? 0f : a % b; }

    internal readonly struct Wrap : IMathFunction3
    {
        // Wraps a into [min, max): the second input is the maximum, the third the minimum.
        public static float Apply(float a, float max, float min)
        {
            float range = max - min;
            return range != 0f ? a - range * MathF.Floor((a - min) / range) : min;
        }
    }

    internal readonly struct Snap : IMathFunction2
    {
        public static float Apply(float a, float b) => a == 0f || b == 0f ? 0f : MathF.Floor(a / b) * b;
    }

    internal readonly struct PingPong : IMathFunction2
    {
        public static float Apply(float a, float scale) =>
            scale == 0f ? 0f : MathF.Abs(Fract((a - scale) / (scale * 2f)) * scale * 2f - scale);
    }

    internal readonly struct Sine : IMathFunction1 { public static float Apply(float a) => MathF.Sin(a); }

    internal readonly struct Cosine : IMathFunction1 { public static float Apply(float a) => MathF.Cos(a); }

    internal readonly struct Tangent : IMathFunction1 { public static float Apply(float a) => MathF.Tan(a); }

    internal readonly struct Arcsine : IMathFunction1 { public static float Apply(float a) => a <= 1f && a >= -1f ? MathF.Asin(a) : 0f; }

    internal readonly struct Arccosine : IMathFunction1 { public static float Apply(float a) => a <= 1f && a >= -1f ? MathF.Acos(a) : 0f; }

    internal readonly struct Arctangent : IMathFunction1 { public static float Apply(float a) => MathF.Atan(a); }

    internal readonly struct Arctan2 : IMathFunction2 { public static float Apply(float a, float b) => MathF.Atan2(a, b); }

    internal readonly struct Sinh : IMathFunction1 { public static float Apply(float a) => MathF.Sinh(a); }

    internal readonly struct Cosh : IMathFunction1 { public static float Apply(float a) => MathF.Cosh(a); }

    internal readonly struct Tanh : IMathFunction1 { public static float Apply(float a) => MathF.Tanh(a); }

    internal readonly struct Radians : IMathFunction1 { public static float Apply(float a) => a * DegreesToRadians; }

    internal readonly struct Degrees : IMathFunction1 { public static float Apply(float a) => a * RadiansToDegrees; }
}
