using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>Small color helpers of the keying operations.</summary>
public static class ColorSpaces
{
    /// <summary>Blender's max_axis_v3: the index of the largest of three values (ties go to the later one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MaxAxis(float x, float y, float z) => x > y ? (x > z ? 0 : 2) : (y > z ? 1 : 2);
}
