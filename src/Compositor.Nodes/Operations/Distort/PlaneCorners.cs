using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The four corners of a Corner Pin plane in the operations' order (lower left, lower right, upper
/// right, upper left), in units of the canvas size, and the geometry built on them.
/// </summary>
internal static class PlaneCorners
{
    /// <summary>The default corners: the unit square.</summary>
    private static readonly float[] Default = [0f, 0f, 1f, 0f, 1f, 1f, 0f, 1f];

    /// <summary>
    /// Reads the corners from four inputs starting at <paramref name="first"/>: a constant's x and
    /// y, the default corner for a varying input; non-convex or degenerate corners fall back to the
    /// unit square (Blender's read_input_corners).
    /// </summary>
    public static float[] Read(NodeOperation op, int first)
    {
        var corners = new float[8];
        for (int i = 0; i < 4; i++)
        {
            if (op.Inputs[first + i].Link is ConstantOperation c)
            {
                corners[i * 2] = c.Value[0];
                corners[i * 2 + 1] = c.Value.Length > 1 ? c.Value[1] : c.Value[0];
            }
            else
            {
                corners[i * 2] = Default[i * 2];
                corners[i * 2 + 1] = Default[i * 2 + 1];
            }
        }

        if (!IsConvex(corners)) Default.CopyTo(corners, 0);
        return corners;
    }

    /// <summary>True when the quadrilateral turns the same way at every corner, never (nearly) straight.</summary>
    public static bool IsConvex(ReadOnlySpan<float> c)
    {
        float cross = 0f;
        for (int i = 0; i < 4; i++)
        {
            int next = (i + 1) % 4, prev = (i + 3) % 4;
            float v1x = c[i * 2] - c[prev * 2], v1y = c[i * 2 + 1] - c[prev * 2 + 1];
            float v2x = c[next * 2] - c[i * 2], v2y = c[next * 2 + 1] - c[i * 2 + 1];
            float cur = v1x * v2y - v1y * v2x;
            if (MathF.Abs(cur) <= 1.1920929e-7f) return false;
            if (cross == 0f) cross = cur;
            else if (cross * cur < 0f) return false;
        }

        return true;
    }

    /// <summary>
    /// The projective map (row-major 3×3, last element 1) taking each point of
    /// <paramref name="from"/> to the matching point of <paramref name="to"/> (four (x, y) pairs each).
    /// </summary>
    public static float[] Homography(ReadOnlySpan<float> from, ReadOnlySpan<float> to)
    {
        // Solve the 8 unknowns h00..h21 of u = (h00 x + h01 y + h02) / (h20 x + h21 y + 1), likewise v.
        var m = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            double x = from[i * 2], y = from[i * 2 + 1], u = to[i * 2], v = to[i * 2 + 1];
            int r = i * 2;
            m[r, 0] = x; m[r, 1] = y; m[r, 2] = 1; m[r, 6] = -u * x; m[r, 7] = -u * y; m[r, 8] = u;
            m[r + 1, 3] = x; m[r + 1, 4] = y; m[r + 1, 5] = 1; m[r + 1, 6] = -v * x; m[r + 1, 7] = -v * y; m[r + 1, 8] = v;
        }

        for (int col = 0; col < 8; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 8; r++)
                if (System.Math.Abs(m[r, col]) > System.Math.Abs(m[pivot, col])) pivot = r;
            if (pivot != col)
                for (int k = 0; k < 9; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            double p = m[col, col];
            if (p == 0) continue;
            for (int r = 0; r < 8; r++)
            {
                if (r == col) continue;
                double f = m[r, col] / p;
                if (f == 0) continue;
                for (int k = col; k < 9; k++) m[r, k] -= f * m[col, k];
            }
        }

        var h = new float[9];
        for (int i = 0; i < 8; i++) h[i] = m[i, i] == 0 ? 0f : (float)(m[i, 8] / m[i, i]);
        h[8] = 1f;
        return h;
    }

    /// <summary>
    /// True when (<paramref name="px"/>, <paramref name="py"/>) lies in the triangle a, b, c (on an
    /// edge counts; either winding), as Blender's isect_point_tri_v2.
    /// </summary>
    public static bool InTriangle(float px, float py, float ax, float ay, float bx, float by, float cx, float cy)
    {
        static float Side(float l1x, float l1y, float l2x, float l2y, float x, float y) =>
            (l1x - x) * (l2y - y) - (l2x - x) * (l1y - y);

        if (Side(ax, ay, bx, by, px, py) >= 0f)
            return Side(bx, by, cx, cy, px, py) >= 0f && Side(cx, cy, ax, ay, px, py) >= 0f;
        return !(Side(bx, by, cx, cy, px, py) >= 0f) && !(Side(cx, cy, ax, ay, px, py) >= 0f);
    }
}
