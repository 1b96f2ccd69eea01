namespace Compositor.Nodes.Operations;

/// <summary>Small whole-row helpers shared by the pixel operations.</summary>
internal static class RowMath
{
    /// <summary>Clamps every float of <paramref name="values"/> to 0..1; NaN stays NaN, as in Blender.</summary>
    public static void Clamp01(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            values[i] = v < 0f ? 0f : v > 1f ? 1f : v;
        }
    }
}
