namespace Compositor.Nodes.Filter;

/// <summary>
/// SMAA's precomputed area textures (Jimenez et al., "SMAA: Enhanced Subpixel Morphological
/// Antialiasing"), generated here rather than embedded, in the layout Blender 3.4's CPU SMAA reads:
/// two 80 × 80 textures of (weight at one side, weight at the other side) pairs, without subpixel
/// offsets (SMAA 1x).
/// </summary>
/// <remarks>
/// <para>Orthogonal texture: 4 × 4 blocks of 20 × 20, one block per pair of crossing-edge codes
/// (e1 at the left/top end, e2 at the right/bottom end; 0 none, 1 on the negative side, 2 on the
/// positive side, 3 both). Inside a block, x = √d1 and y = √d2 (distances stored quadratically,
/// so 20 texels reach a distance of 361). Each texel is the area between the pixel's edge and the
/// line that reconstructs the pattern's real edge, integrated over the pixel as a trapezoid (or two
/// triangles where the line crosses the edge inside the pixel). U shapes follow a quadratic curve
/// rather than two lines.</para>
/// <para>Diagonal texture: the same 4 × 4 blocks (codes: 0 none, 1 vertical, 2 horizontal, 3 both)
/// with x = d1 and y = d2 linearly; the areas under a 45° line are computed analytically for the
/// pixel and its opposite neighbour; patterns whose ends are unknown blend both possible lines.</para>
/// </remarks>
public static class SmaaAreaTexture
{
    /// <summary>Width and height of each texture.</summary>
    public const int Size = 80;

    /// <summary>Side of one crossing-edge block in the orthogonal texture (in √distance).</summary>
    public const int MaxDistance = 20;

    /// <summary>Side of one crossing-edge block in the diagonal texture.</summary>
    public const int MaxDistanceDiagonal = 20;

    private static readonly Lazy<float[]> OrthogonalTable = new(() => Build(Orthogonal));
    private static readonly Lazy<float[]> DiagonalTable = new(() => Build(Diagonal));

    /// <summary>The orthogonal texture: <see cref="Size"/>² (x + y · Size) texels of two floats.</summary>
    public static ReadOnlySpan<float> OrthogonalTexture => OrthogonalTable.Value;

    /// <summary>The diagonal texture: <see cref="Size"/>² (x + y · Size) texels of two floats.</summary>
    public static ReadOnlySpan<float> DiagonalTexture => DiagonalTable.Value;

    /// <summary>The orthogonal texel at (<paramref name="x"/>, <paramref name="y"/>), clamped to the texture.</summary>
    public static (float A, float B) OrthogonalAt(int x, int y) => At(OrthogonalTable.Value, x, y);

    /// <summary>The diagonal texel at (<paramref name="x"/>, <paramref name="y"/>), clamped to the texture.</summary>
    public static (float A, float B) DiagonalAt(int x, int y) => At(DiagonalTable.Value, x, y);

    private static (float A, float B) At(float[] table, int x, int y)
    {
        int i = (Math.Clamp(x, 0, Size - 1) + Math.Clamp(y, 0, Size - 1) * Size) * 2;
        return (table[i], table[i + 1]);
    }

    private static float[] Build(Func<int, int, int, int, (double A, double B)> texel)
    {
        var table = new float[Size * Size * 2];
        for (int e1 = 0; e1 < 4; e1++)
        for (int e2 = 0; e2 < 4; e2++)
        for (int d1 = 0; d1 < MaxDistance; d1++)
        for (int d2 = 0; d2 < MaxDistance; d2++)
        {
            var (a, b) = texel(e1, e2, d1, d2);
            int i = ((e1 * MaxDistance + d1) + (e2 * MaxDistance + d2) * Size) * 2;
            // Blender reads a table printed with 8 decimals.
            table[i] = (float)Math.Round(a, 8);
            table[i + 1] = (float)Math.Round(b, 8);
        }

        return table;
    }

    // ---------------------------------------------------------------------------------------------
    // Orthogonal patterns.

    /// <summary>
    /// The orthogonal areas for crossing-edge codes <paramref name="e1"/>, <paramref name="e2"/> and
    /// texel distances <paramref name="sqrtLeft"/>, <paramref name="sqrtRight"/> (the square roots of
    /// the distances to the line's ends).
    /// </summary>
    public static (double A, double B) Orthogonal(int e1, int e2, int sqrtLeft, int sqrtRight)
    {
        int left = sqrtLeft * sqrtLeft, right = sqrtRight * sqrtRight;
        double d = left + right + 1;
        const double up = 0.5, down = -0.5;
        const int none = 0, neg = 1, pos = 2, both = 3;
        switch (e1, e2)
        {
            case (pos, none):
                return left <= right ? Trapezoid(0, down, d / 2, 0, left) : (0, 0);
            case (neg, none):
                return left <= right ? Trapezoid(0, up, d / 2, 0, left) : (0, 0);
            case (none, pos):
                return left >= right ? Trapezoid(d / 2, 0, d, down, left) : (0, 0);
            case (none, neg):
                return left >= right ? Trapezoid(d / 2, 0, d, up, left) : (0, 0);
            case (pos, pos):
                return UShape(left, d, down);
            case (neg, neg):
                return UShape(left, d, up);
            case (neg, pos) or (both, pos) or (neg, both):
                return Trapezoid(0, up, d, down, left);
            case (pos, neg) or (pos, both) or (both, neg):
                return Trapezoid(0, down, d, up, left);
            default:
                // No crossing edge, or crossing edges on both sides at one end: nothing to smooth.
                return (0, 0);
        }
    }

    /// <summary>A U shape: the edge follows a parabola through both ends, flattened for short lines.</summary>
    private static (double, double) UShape(int left, double d, double height)
    {
        double Y(double x) => (1 - Math.Min(4, d) * x * (d - x) / (d * d)) * height;
        return Trapezoid(left, Y(left), left + 1, Y(left + 1), left);
    }

    /// <summary>
    /// The area between y = 0 and the line (x1, y1)–(x2, y2) over pixel [px, px + 1], split into the
    /// part below (first) and above (second) the pixel's edge.
    /// </summary>
    private static (double, double) Trapezoid(double x1, double y1, double x2, double y2, int px)
    {
        double dx = x2 - x1, dy = y2 - y1;
        double a = px, b = px + 1.0;
        bool inside = (a >= x1 && a < x2) || (b > x1 && b <= x2);
        if (!inside) return (0, 0);
        double ya = y1 + (a - x1) * dy / dx;
        double yb = y1 + (b - x1) * dy / dx;
        if (Math.CopySign(1.0, ya) == Math.CopySign(1.0, yb) || Math.Abs(ya) < 1e-4 || Math.Abs(yb) < 1e-4)
        {
            double area = (ya + yb) / 2;
            return area < 0 ? (Math.Abs(area), 0) : (0, Math.Abs(area));
        }

        // The line crosses the edge inside the pixel: two triangles.
        double cross = x1 - y1 * dx / dy;
        double frac = cross - Math.Truncate(cross);
        double t1 = cross > x1 ? ya * frac / 2 : 0;
        double t2 = cross < x2 ? yb * (1 - frac) / 2 : 0;
        double larger = Math.Abs(t1) > Math.Abs(t2) ? t1 : -t2;
        return larger < 0 ? (Math.Abs(t1), Math.Abs(t2)) : (Math.Abs(t2), Math.Abs(t1));
    }

    // ---------------------------------------------------------------------------------------------
    // Diagonal patterns.

    /// <summary>
    /// The diagonal areas for crossing-edge codes <paramref name="e1"/>, <paramref name="e2"/>
    /// (0 none, 1 vertical, 2 horizontal, 3 both) and distances <paramref name="left"/>,
    /// <paramref name="right"/> along the diagonal.
    /// </summary>
    public static (double A, double B) Diagonal(int e1, int e2, int left, int right)
    {
        double d = left + right + 1;
        const int none = 0, vert = 1, horz = 2, both = 3;
        // Start points: (1, 1) enters from a horizontal edge, (1, 0) from a vertical one, (0, 0) is
        // the line through the corner. End points: (1 + d, d) ends on a horizontal edge, (1 + d, 1 + d)
        // on a vertical one, (d, d) through the corner.
        (double, double) Line(double x1, double y1, double x2, double y2) => DiagonalArea(x1, y1, x2, y2, left);
        (double, double) Mean((double, double) p, (double, double) q) => ((p.Item1 + q.Item1) / 2, (p.Item2 + q.Item2) / 2);
        switch (e1, e2)
        {
            case (none, none):
                return Mean(Line(1, 1, 1 + d, 1 + d), Line(1, 0, 1 + d, d));
            case (vert, none):
                return Mean(Line(1, 0, d, d), Line(1, 0, 1 + d, d));
            case (none, horz):
                return Mean(Line(0, 0, 1 + d, d), Line(1, 0, 1 + d, d));
            case (vert, horz):
                return Triangle(1, 0, 1 + d, 1 + d, 0, 0, 1 + d, d, left);
            case (horz, none):
                return Mean(Line(1, 1, d, d), Line(1, 1, 1 + d, d));
            case (both, none):
                return Mean(Line(1, 1, d, d), Line(1, 0, 1 + d, d));
            case (horz, horz):
                return Line(1, 1, 1 + d, d);
            case (both, horz):
                return Mean(Line(1, 1, 1 + d, d), Line(1, 0, 1 + d, d));
            case (none, vert):
                return Mean(Line(0, 0, 1 + d, 1 + d), Line(1, 0, 1 + d, 1 + d));
            case (vert, vert):
                return Line(1, 0, 1 + d, 1 + d);
            case (none, both):
                return Mean(Line(0, 0, 1 + d, 1 + d), Line(1, 0, 1 + d, d));
            case (vert, both):
                return Mean(Line(1, 0, 1 + d, 1 + d), Line(1, 0, 1 + d, d));
            case (horz, vert):
                return Triangle(1, 1, 2 + d, 1 + d, 1, 0, 1 + d, 1 + d, left);
            case (both, vert):
                return Mean(Line(1, 1, 1 + d, 1 + d), Line(1, 0, 1 + d, 1 + d));
            case (horz, both):
                return Mean(Line(1, 1, 1 + d, 1 + d), Line(1, 1, 1 + d, d));
            default: // (both, both)
                return Mean(Line(1, 1, 1 + d, 1 + d), Line(1, 0, 1 + d, d));
        }
    }

    /// <summary>U shapes of the diagonal texture: the lower of two lines meeting at their crossing.</summary>
    private static (double, double) Triangle(double lx1, double ly1, double lx2, double ly2,
        double rx1, double ry1, double rx2, double ry2, int left)
    {
        double x1 = 1 + left, x2 = x1 + 1;
        double sl = (ly2 - ly1) / (lx2 - lx1), sr = (ry2 - ry1) / (rx2 - rx1);
        double xm = ((lx1 * sl - ly1) - (rx1 * sr - ry1)) / (sl - sr);
        double Y(double x) => x < xm ? ly1 + (x - lx1) * sl : ry1 + (x - rx1) * sr;
        return DiagonalArea(x1, Y(x1), x2, Y(x2), left);
    }

    /// <summary>
    /// The areas of pixel (1 + left, left) above the line (x1, y1)–(x2, y2) (first) and of pixel
    /// (1 + left, 1 + left) below it (second), computed analytically.
    /// </summary>
    private static (double, double) DiagonalArea(double px1, double py1, double px2, double py2, int left)
    {
        double dx = px2 - px1, dy = py2 - py1;
        if (dx == 0) return (0, 1);
        if (dy == 0) return (1, 0);
        double x1 = 1 + left, x2 = x1 + 1;
        double ymid = x1;
        double XAt(double y) => px1 + (y - py1) * dx / dy;
        double xtop = XAt(ymid + 1), xmid = XAt(ymid), xbot = XAt(ymid - 1);
        double y1 = py1 + (x1 - px1) * dy / dx;
        double y2 = py1 + (x2 - px1) * dy / dx;
        double f1 = y1 - Math.Floor(y1), f2 = y2 - Math.Floor(y2);
        int row1 = (int)Math.Floor(y1 - ymid), row2 = (int)Math.Floor(y2 - ymid);
        row1 = Math.Clamp(row1, -2, 1);
        row2 = Math.Clamp(row2, -2, 1);
        // Rows: -2 below the lower pixel, -1 the lower pixel, 0 the upper pixel, 1 above it.
        return (row1, row2) switch
        {
            (-2, -2) => (1, 0),
            (-2, -1) => (1 - (x2 - xbot) * f2 / 2, 0),
            (-2, 0) => ((xmid + xbot) / 2 - x1, (x2 - xmid) * f2 / 2),
            (-2, _) => ((xmid + xbot) / 2 - x1, x2 - (xtop + xmid) / 2),
            (-1, -2) => (1 - (xbot - x1) * f1 / 2, 0),
            (-1, -1) => (1 - (f1 + f2) / 2, 0),
            (-1, 0) => ((xmid - x1) * (1 - f1) / 2, (x2 - xmid) * f2 / 2),
            (-1, _) => ((xmid - x1) * (1 - f1) / 2, x2 - (xtop + xmid) / 2),
            (0, -2) => (x2 - (xmid + xbot) / 2, (xmid - x1) * f1 / 2),
            (0, -1) => ((x2 - xmid) * (1 - f2) / 2, (xmid - x1) * f1 / 2),
            (0, 0) => (0, (f1 + f2) / 2),
            (0, _) => (0, 1 - (xtop - x1) * (1 - f1) / 2),
            (_, -2) => (x2 - (xmid + xbot) / 2, (xtop + xmid) / 2 - x1),
            (_, -1) => ((x2 - xtop) * (1 - f2) / 2, (xtop + xmid) / 2 - x1),
            (_, 0) => (0, 1 - (x1 - xtop) * (1 - f2) / 2),
            _ => (0, 1),
        };
    }
}
