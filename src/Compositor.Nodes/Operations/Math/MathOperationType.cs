namespace Compositor.Nodes.Operations.Math;

/// <summary>The Math node's operations (Blender 3.4's <c>operation</c> enum), in Blender's order.</summary>
public enum MathOperationType
{
    /// <summary>First plus second.</summary>
    Add,

    /// <summary>First minus second.</summary>
    Subtract,

    /// <summary>Product.</summary>
    Multiply,

    /// <summary>Quotient; 0 when the divisor is 0.</summary>
    Divide,

    /// <summary>First times second plus third.</summary>
    MultiplyAdd,

    /// <summary>First to the power of the second; a negative base needs a (nearly) integer exponent, else 0.</summary>
    Power,

    /// <summary>Logarithm of the first to the base of the second; 0 unless both are positive.</summary>
    Logarithm,

    /// <summary>Square root; 0 for values ≤ 0.</summary>
    Sqrt,

    /// <summary>One over the square root; 0 for values ≤ 0.</summary>
    InverseSqrt,

    /// <summary>Absolute value.</summary>
    Absolute,

    /// <summary>e to the power of the value.</summary>
    Exponent,

    /// <summary>Smaller of two.</summary>
    Minimum,

    /// <summary>Larger of two.</summary>
    Maximum,

    /// <summary>1 when first &lt; second, else 0.</summary>
    LessThan,

    /// <summary>1 when first &gt; second, else 0.</summary>
    GreaterThan,

    /// <summary>−1, 0 or 1.</summary>
    Sign,

    /// <summary>1 when the first two differ by at most the third (at least 1e-5), else 0.</summary>
    Compare,

    /// <summary>Minimum smoothed over the distance given by the third.</summary>
    SmoothMin,

    /// <summary>Maximum smoothed over the distance given by the third.</summary>
    SmoothMax,

    /// <summary>Nearest integer, halves away from zero.</summary>
    Round,

    /// <summary>Largest integer not above.</summary>
    Floor,

    /// <summary>Smallest integer not below.</summary>
    Ceil,

    /// <summary>Integer part.</summary>
    Trunc,

    /// <summary>Value minus its floor.</summary>
    Fract,

    /// <summary>Truncated remainder (C fmod); 0 when the divisor is 0.</summary>
    Modulo,

    /// <summary>Wraps the first into the range from the third to the second.</summary>
    Wrap,

    /// <summary>Floor to a multiple of the second; 0 when either is 0.</summary>
    Snap,

    /// <summary>Bounces the first between 0 and the second.</summary>
    PingPong,

    /// <summary>Sine (radians).</summary>
    Sine,

    /// <summary>Cosine (radians).</summary>
    Cosine,

    /// <summary>Tangent (radians).</summary>
    Tangent,

    /// <summary>Arcsine; 0 outside −1..1.</summary>
    Arcsine,

    /// <summary>Arccosine; 0 outside −1..1.</summary>
    Arccosine,

    /// <summary>Arctangent.</summary>
    Arctangent,

    /// <summary>Arctangent of first / second, by quadrant.</summary>
    Arctan2,

    /// <summary>Hyperbolic sine.</summary>
    Sinh,

    /// <summary>Hyperbolic cosine.</summary>
    Cosh,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Degrees to radians.</summary>
    Radians,

    /// <summary>Radians to degrees.</summary>
    Degrees,
}

/// <summary>Maps Blender's <c>operation</c> identifiers to <see cref="MathOperationType"/>.</summary>
public static class MathOperationTypes
{
    /// <summary>The operation for Blender's identifier (e.g. <c>SMOOTH_MIN</c>), or null when unknown.</summary>
    public static MathOperationType? Parse(string identifier) => identifier switch
    {
        "ADD" => MathOperationType.Add,
        "SUBTRACT" => MathOperationType.Subtract,
        "MULTIPLY" => MathOperationType.Multiply,
        "DIVIDE" => MathOperationType.Divide,
        "MULTIPLY_ADD" => MathOperationType.MultiplyAdd,
        "POWER" => MathOperationType.Power,
        "LOGARITHM" => MathOperationType.Logarithm,
        "SQRT" => MathOperationType.Sqrt,
        "INVERSE_SQRT" => MathOperationType.InverseSqrt,
        "ABSOLUTE" => MathOperationType.Absolute,
        "EXPONENT" => MathOperationType.Exponent,
        "MINIMUM" => MathOperationType.Minimum,
        "MAXIMUM" => MathOperationType.Maximum,
        "LESS_THAN" => MathOperationType.LessThan,
        "GREATER_THAN" => MathOperationType.GreaterThan,
        "SIGN" => MathOperationType.Sign,
        "COMPARE" => MathOperationType.Compare,
        "SMOOTH_MIN" => MathOperationType.SmoothMin,
        "SMOOTH_MAX" => MathOperationType.SmoothMax,
        "ROUND" => MathOperationType.Round,
        "FLOOR" => MathOperationType.Floor,
        "CEIL" => MathOperationType.Ceil,
        "TRUNC" => MathOperationType.Trunc,
        "FRACT" => MathOperationType.Fract,
        "MODULO" => MathOperationType.Modulo,
        "WRAP" => MathOperationType.Wrap,
        "SNAP" => MathOperationType.Snap,
        "PINGPONG" => MathOperationType.PingPong,
        "SINE" => MathOperationType.Sine,
        "COSINE" => MathOperationType.Cosine,
        "TANGENT" => MathOperationType.Tangent,
        "ARCSINE" => MathOperationType.Arcsine,
        "ARCCOSINE" => MathOperationType.Arccosine,
        "ARCTANGENT" => MathOperationType.Arctangent,
        "ARCTAN2" => MathOperationType.Arctan2,
        "SINH" => MathOperationType.Sinh,
        "COSH" => MathOperationType.Cosh,
        "TANH" => MathOperationType.Tanh,
        "RADIANS" => MathOperationType.Radians,
        "DEGREES" => MathOperationType.Degrees,
        _ => null,
    };
}
