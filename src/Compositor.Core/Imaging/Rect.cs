namespace Compositor.Imaging;

/// <summary>
/// An integer pixel rectangle, half-open: [XMin, XMax) × [YMin, YMax). Y grows upwards as in
/// Blender (row 0 is the bottom of the image).
/// </summary>
public readonly record struct Rect(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>The empty rectangle.</summary>
    public static Rect Empty => default;

    /// <summary>A rectangle of the given size at the origin.</summary>
    public static Rect FromSize(int width, int height) => new(0, 0, width, height);

    /// <summary>Width in pixels (0 when empty).</summary>
    public int Width => Math.Max(0, XMax - XMin);

    /// <summary>Height in pixels (0 when empty).</summary>
    public int Height => Math.Max(0, YMax - YMin);

    /// <summary>True when the rectangle holds no pixel.</summary>
    public bool IsEmpty => XMax <= XMin || YMax <= YMin;

    /// <summary>Number of pixels.</summary>
    public long Area => (long)Width * Height;

    /// <summary>The overlap of two rectangles (empty when they do not overlap).</summary>
    public Rect Intersect(Rect other)
    {
        var r = new Rect(Math.Max(XMin, other.XMin), Math.Max(YMin, other.YMin), Math.Min(XMax, other.XMax), Math.Min(YMax, other.YMax));
        return r.IsEmpty ? Empty : r;
    }

    /// <summary>The smallest rectangle holding both (an empty side is ignored).</summary>
    public Rect Union(Rect other)
    {
        if (IsEmpty) return other;
        if (other.IsEmpty) return this;
        return new Rect(Math.Min(XMin, other.XMin), Math.Min(YMin, other.YMin), Math.Max(XMax, other.XMax), Math.Max(YMax, other.YMax));
    }

    /// <summary>True when <paramref name="other"/> lies wholly inside this rectangle (an empty one always does).</summary>
    public bool Contains(Rect other) =>
        other.IsEmpty || (other.XMin >= XMin && other.YMin >= YMin && other.XMax <= XMax && other.YMax <= YMax);

    /// <summary>True when the pixel (x, y) lies inside.</summary>
    public bool Contains(int x, int y) => x >= XMin && x < XMax && y >= YMin && y < YMax;

    /// <summary>The rectangle moved by (dx, dy).</summary>
    public Rect Translate(int dx, int dy) => new(XMin + dx, YMin + dy, XMax + dx, YMax + dy);

    /// <summary>The rectangle grown by dx on the left and right and dy at the bottom and top.</summary>
    public Rect Expand(int dx, int dy) => new(XMin - dx, YMin - dy, XMax + dx, YMax + dy);

    /// <inheritdoc />
    public override string ToString() => $"[{XMin},{YMin} .. {XMax},{YMax}) {Width}x{Height}";
}
