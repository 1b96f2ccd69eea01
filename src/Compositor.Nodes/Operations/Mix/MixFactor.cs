using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// How a Mix kernel gets its factor: a type parameter, so the choice is made once per row and
/// compiled out of the pixel loop.
/// </summary>
public interface IMixFactor
{
    /// <summary>The effective factor from the factor input and the second image's alpha.</summary>
    static abstract float Get(float factor, float secondAlpha);

    /// <summary>The effective factors of four pixels (each value spread over its pixel's four lanes).</summary>
    static abstract Vector512<float> Get(Vector512<float> factor, Vector512<float> secondAlpha);
}

/// <summary>The factor as given (<c>use_alpha</c> off).</summary>
public readonly struct PlainFactor : IMixFactor
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Get(float factor, float secondAlpha) => factor;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Get(Vector512<float> factor, Vector512<float> secondAlpha) => factor;
}

/// <summary>The factor times the second image's alpha (<c>use_alpha</c> on).</summary>
public readonly struct AlphaFactor : IMixFactor
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Get(float factor, float secondAlpha) => factor * secondAlpha;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Get(Vector512<float> factor, Vector512<float> secondAlpha) => factor * secondAlpha;
}
