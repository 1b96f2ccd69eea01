namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Crop node's bounds (Blender's NodeTwoXYs): pixel bounds <c>X1..X2</c>, <c>Y1..Y2</c> (in
/// either order) or, when <see cref="Relative"/>, factors of the input's size.
/// </summary>
/// <param name="X1">min_x.</param>
/// <param name="X2">max_x.</param>
/// <param name="Y1">max_y.</param>
/// <param name="Y2">min_y.</param>
/// <param name="FacX1">rel_min_x.</param>
/// <param name="FacX2">rel_max_x.</param>
/// <param name="FacY1">rel_max_y.</param>
/// <param name="FacY2">rel_min_y.</param>
/// <param name="Relative">Use the factors.</param>
public readonly record struct CropSettings(int X1, int X2, int Y1, int Y2, float FacX1, float FacX2, float FacY1, float FacY2, bool Relative)
{
    /// <summary>
    /// The cropped rectangle of an input <paramref name="width"/> × <paramref name="height"/>
    /// (Blender 3.4's CropBaseOperation::update_area): factors are scaled by the size and
    /// truncated, bounds past the size are clamped to it, and the rectangle spans from the smaller
    /// to the larger bound of each axis. An empty input crops to nothing.
    /// </summary>
    public (int XMin, int YMin, int XMax, int YMax) Bounds(int width, int height)
    {
        if (width <= 0 || height <= 0) return (0, 0, 0, 0);
        float w = width, h = height;
        int x1 = X1, x2 = X2, y1 = Y1, y2 = Y2;
        if (Relative)
        {
            x1 = (short)(w * FacX1);
            x2 = (short)(w * FacX2);
            y1 = (short)(h * FacY1);
            y2 = (short)(h * FacY2);
        }

        if (w < x1) x1 = width;
        if (h < y1) y1 = height;
        if (w < x2) x2 = width;
        if (h < y2) y2 = height;
        return (System.Math.Min(x1, x2), System.Math.Min(y1, y2), System.Math.Max(x1, x2), System.Math.Max(y1, y2));
    }
}
