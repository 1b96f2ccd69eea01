using System.Runtime.InteropServices;

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

    /// <summary>
    /// True when every value of <paramref name="row"/> has the same bits (a constant input arrives
    /// broadcast along the row). Compared as integers, which the runtime vectorises; a float search
    /// is an element-by-element loop (it has to treat NaN and −0 specially) and costs as much as a
    /// simple operation's whole row.
    /// </summary>
    public static bool IsUniform(ReadOnlySpan<float> row)
    {
        var bits = MemoryMarshal.Cast<float, int>(row);
        return bits.Length == 0 || bits.IndexOfAnyExcept(bits[0]) < 0;
    }
}
