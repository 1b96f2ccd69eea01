using System.Runtime.CompilerServices;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>How a curve point's Bézier handles are computed (Blender's CurveMapPoint.handle_type).</summary>
public enum CurveHandleType
{
    /// <summary>Smooth automatic handles (Blender's AUTO).</summary>
    Auto,

    /// <summary>Automatic handles kept flat at extremes (Blender's AUTO_CLAMPED).</summary>
    AutoClamped,

    /// <summary>Handles pointing a third of the way to the neighbours: corners (Blender's VECTOR).</summary>
    Vector,
}

/// <summary>One control point of a curve.</summary>
/// <param name="X">Input coordinate.</param>
/// <param name="Y">Output coordinate.</param>
/// <param name="Handle">Handle type.</param>
/// <param name="Selected">Whether the point is selected: Blender shifts selected points into the clipping rectangle.</param>
public readonly record struct CurvePoint(float X, float Y, CurveHandleType Handle = CurveHandleType.Auto, bool Selected = false);

/// <summary>
/// One curve of a curve mapping, evaluated as Blender 3.4 does (colortools.c): the control points
/// become a Bézier spline (handles from <see cref="CurveHandleType"/>), which is sampled into 32
/// points per segment and then into a table of 257 equally spaced values over the table range (the
/// clipping rectangle's x range widened to every point); a value is read from the table with linear
/// interpolation, and outside it the curve is extended horizontally or along its end handles.
/// Immutable once built; safe to evaluate from many threads.
/// </summary>
public sealed class CurveMap
{
    /// <summary>Intervals in the evaluation table (Blender's CM_TABLE).</summary>
    public const int TableSize = 256;

    /// <summary>Samples per Bézier segment (Blender's CM_RESOL).</summary>
    public const int SegmentResolution = 32;

    private const float FltEpsilon = 1.1920929e-07f;
    private const int HandleFree = 0, HandleAuto = 1, HandleVector = 2, HandleAutoClamped = 4;

    private readonly float[] _tableX = new float[TableSize + 1];
    private readonly float[] _tableY = new float[TableSize + 1];

    private CurveMap(bool extrapolate) => Extrapolate = extrapolate;

    /// <summary>Extend along the end handles (true) or horizontally (false).</summary>
    public bool Extrapolate { get; }

    /// <summary>Start of the table range.</summary>
    public float MinTable { get; private set; }

    /// <summary>End of the table range.</summary>
    public float MaxTable { get; private set; }

    /// <summary>Table intervals per unit of input (Blender's range: 1 / ((max − min) / 256)).</summary>
    public float InverseStep { get; private set; }

    /// <summary>Direction of the curve's extension before its first point (unit vector).</summary>
    public (float X, float Y) ExtendIn { get; private set; }

    /// <summary>Direction of the curve's extension after its last point (unit vector, pointing back).</summary>
    public (float X, float Y) ExtendOut { get; private set; }

    /// <summary>The table's x values.</summary>
    public ReadOnlySpan<float> TableX => _tableX;

    /// <summary>The table's y values.</summary>
    public ReadOnlySpan<float> TableY => _tableY;

    /// <summary>
    /// Builds the table of a curve through <paramref name="points"/> (sorted by x, at least two) for
    /// the clipping rectangle's x range <paramref name="clipMinX"/>..<paramref name="clipMaxX"/>.
    /// </summary>
    public static CurveMap Build(IReadOnlyList<CurvePoint> points, float clipMinX, float clipMaxX, bool extrapolate)
    {
        if (points.Count < 2) throw new ArgumentException("a curve needs at least two points", nameof(points));
        var map = new CurveMap(extrapolate);
        map.MakeTable(points, clipMinX, clipMaxX);
        return map;
    }

    /// <summary>
    /// This curve's table run through <paramref name="after"/> (Blender's premultiplied tables: the
    /// combined curve of RGB Curves applied to each channel curve's output); the extension
    /// directions are multiplied component by component, as Blender does.
    /// </summary>
    public CurveMap ComposeWith(CurveMap after)
    {
        var map = new CurveMap(Extrapolate)
        {
            MinTable = MinTable,
            MaxTable = MaxTable,
            InverseStep = InverseStep,
            ExtendIn = (ExtendIn.X * after.ExtendIn.X, ExtendIn.Y * after.ExtendIn.Y),
            ExtendOut = (ExtendOut.X * after.ExtendOut.X, ExtendOut.Y * after.ExtendOut.Y),
        };
        _tableX.CopyTo(map._tableX, 0);
        for (int i = 0; i <= TableSize; i++) map._tableY[i] = after.Evaluate(_tableY[i]);
        return map;
    }

    /// <summary>The curve's value at <paramref name="x"/> (Blender's BKE_curvemap_evaluateF, without clipping).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Evaluate(float x)
    {
        float fi = (x - MinTable) * InverseStep;
        if (fi < 0f || fi > TableSize)
            return Extend(x, _tableX[0], _tableY[0], _tableX[TableSize], _tableY[TableSize]);
        if (float.IsNaN(fi)) return _tableY[0];
        int i = (int)fi;
        if (i >= TableSize) return _tableY[TableSize];
        fi -= i;
        return (1f - fi) * _tableY[i] + fi * _tableY[i + 1];
    }

    private float Extend(float x, float firstX, float firstY, float lastX, float lastY)
    {
        if (x <= firstX)
        {
            if (!Extrapolate) return firstY;
            if (ExtendIn.X == 0f) return firstY + ExtendIn.Y * 10000f;
            return firstY + ExtendIn.Y * (x - firstX) / ExtendIn.X;
        }

        if (x >= lastX)
        {
            if (!Extrapolate) return lastY;
            if (ExtendOut.X == 0f) return lastY - ExtendOut.Y * 10000f;
            return lastY + ExtendOut.Y * (x - lastX) / ExtendOut.X;
        }

        return 0f;
    }

    private struct Bezier
    {
        // Left handle, point, right handle (Blender's BezTriple vec[0..2]); z is always 0.
        public float H1X, H1Y, X, Y, H2X, H2Y;
        public int Type1, Type2;
    }

    private void MakeTable(IReadOnlyList<CurvePoint> points, float clipMinX, float clipMaxX)
    {
        int n = points.Count;
        float minTable = clipMinX, maxTable = clipMaxX;
        var bezt = new Bezier[n];
        for (int a = 0; a < n; a++)
        {
            var p = points[a];
            minTable = MathF.Min(minTable, p.X);
            maxTable = MathF.Max(maxTable, p.X);
            int type = p.Handle switch
            {
                CurveHandleType.Vector => HandleVector,
                CurveHandleType.AutoClamped => HandleAutoClamped,
                _ => HandleAuto,
            };
            bezt[a] = new Bezier { X = p.X, Y = p.Y, Type1 = type, Type2 = type };
        }

        MinTable = minTable;
        MaxTable = maxTable;

        for (int a = 0; a < n; a++)
            CalculateHandles(bezt, a, a > 0 ? a - 1 : -1, a < n - 1 ? a + 1 : -1);

        if (n > 2)
        {
            // The end points' automatic handles point at the neighbour's nearer handle instead of its centre.
            ref var first = ref bezt[0];
            if (first.Type2 == HandleAuto)
            {
                float hlen = Length3(first.H2X - first.X, first.H2Y - first.Y);
                float vx = bezt[1].H1X, vy = bezt[1].H1Y;
                if (vx < first.X) vx = first.X;
                vx -= first.X;
                vy -= first.Y;
                float nlen = Length3(vx, vy);
                if (nlen > FltEpsilon)
                {
                    float f = hlen / nlen;
                    vx *= f;
                    vy *= f;
                    first.H2X = vx + first.X;
                    first.H2Y = vy + first.Y;
                    first.H1X = first.X - vx;
                    first.H1Y = first.Y - vy;
                }
            }

            ref var last = ref bezt[n - 1];
            if (last.Type2 == HandleAuto)
            {
                float hlen = Length3(last.X - last.H1X, last.Y - last.H1Y);
                float vx = bezt[n - 2].H2X, vy = bezt[n - 2].H2Y;
                if (vx > last.X) vx = last.X;
                vx -= last.X;
                vy -= last.Y;
                float nlen = Length3(vx, vy);
                if (nlen > FltEpsilon)
                {
                    float f = hlen / nlen;
                    vx *= f;
                    vy *= f;
                    last.H1X = vx + last.X;
                    last.H1Y = vy + last.Y;
                    last.H2X = last.X - vx;
                    last.H2Y = last.Y - vy;
                }
            }
        }

        // Sample the spline: 32 points per segment (each segment's last point repeats the next one's first).
        int total = (n - 1) * SegmentResolution;
        var all = new float[total * 2];
        for (int a = 0; a < n - 1; a++)
        {
            float p1x = bezt[a].X, p1y = bezt[a].Y;
            float p2x = bezt[a].H2X, p2y = bezt[a].H2Y;
            float p3x = bezt[a + 1].H1X, p3y = bezt[a + 1].H1Y;
            float p4x = bezt[a + 1].X, p4y = bezt[a + 1].Y;
            CorrectSegment(p1x, p1y, ref p2x, ref p2y, ref p3x, ref p3y, p4x, p4y);
            ForwardDifference(p1x, p2x, p3x, p4x, all, a * SegmentResolution * 2, SegmentResolution - 1);
            ForwardDifference(p1y, p2y, p3y, p4y, all, a * SegmentResolution * 2 + 1, SegmentResolution - 1);
        }

        float inX = bezt[0].H1X - bezt[0].X, inY = bezt[0].H1Y - bezt[0].Y;
        float inLength = MathF.Sqrt(inX * inX + inY * inY);
        ExtendIn = (inX / inLength, inY / inLength);
        float outX = bezt[n - 1].X - bezt[n - 1].H2X, outY = bezt[n - 1].Y - bezt[n - 1].H2Y;
        float outLength = MathF.Sqrt(outX * outX + outY * outY);
        ExtendOut = (outX / outLength, outY / outLength);

        float step = (1f / 256f) * (maxTable - minTable);
        InverseStep = 1f / step;

        // Resample at equal x distances.
        int point = 0;
        int lastPoint = 2 * (total - 1);
        for (int a = 0; a <= TableSize; a++)
        {
            float curX = minTable + step * a;
            _tableX[a] = curX;
            while (curX >= all[point] && point != lastPoint) point += 2;
            if (point == 0 || (point == lastPoint && curX >= all[point]))
            {
                _tableY[a] = MathF.Abs(curX - all[point]) <= 1e-6f
                    ? all[point + 1]
                    : Extend(curX, all[0], all[1], all[lastPoint], all[lastPoint + 1]);
            }
            else
            {
                float fac1 = all[point] - all[point - 2];
                float fac2 = all[point] - curX;
                fac1 = fac1 > FltEpsilon ? fac2 / fac1 : 0f;
                _tableY[a] = fac1 * all[point - 1] + (1f - fac1) * all[point + 1];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Length3(float x, float y) => MathF.Sqrt(x * x + y * y + 0f * 0f);

    /// <summary>Handles of point <paramref name="a"/> from its neighbours' centres (Blender's calchandle_curvemap).</summary>
    private static void CalculateHandles(Bezier[] bezt, int a, int prev, int next)
    {
        ref var b = ref bezt[a];
        if (b.Type1 == HandleFree && b.Type2 == HandleFree) return;
        float p2x = b.X, p2y = b.Y;
        float p1x, p1y, p3x, p3y;
        if (prev < 0)
        {
            p3x = bezt[next].X;
            p3y = bezt[next].Y;
            p1x = 2f * p2x - p3x;
            p1y = 2f * p2y - p3y;
        }
        else
        {
            p1x = bezt[prev].X;
            p1y = bezt[prev].Y;
        }

        if (next < 0)
        {
            p1x = bezt[prev].X;
            p1y = bezt[prev].Y;
            p3x = 2f * p2x - p1x;
            p3y = 2f * p2y - p1y;
        }
        else
        {
            p3x = bezt[next].X;
            p3y = bezt[next].Y;
        }

        float dax = p2x - p1x, day = p2y - p1y;
        float dbx = p3x - p2x, dby = p3y - p2y;
        float lenA = MathF.Sqrt(dax * dax + day * day);
        float lenB = MathF.Sqrt(dbx * dbx + dby * dby);
        if (lenA == 0f) lenA = 1f;
        if (lenB == 0f) lenB = 1f;

        bool auto1 = b.Type1 is HandleAuto or HandleAutoClamped;
        bool auto2 = b.Type2 is HandleAuto or HandleAutoClamped;
        if (auto1 || auto2)
        {
            float tx = dbx / lenB + dax / lenA;
            float ty = dby / lenB + day / lenA;
            float len = MathF.Sqrt(tx * tx + ty * ty) * 2.5614f;
            if (len != 0f)
            {
                bool interior = prev >= 0 && next >= 0;
                if (auto1)
                {
                    lenA /= len;
                    float f = -lenA;
                    b.H1X = p2x + tx * f;
                    b.H1Y = p2y + ty * f;
                    if (b.Type1 == HandleAutoClamped && interior)
                    {
                        float prevY = bezt[prev].Y, nextY = bezt[next].Y;
                        float ydiff1 = prevY - b.Y, ydiff2 = nextY - b.Y;
                        if ((ydiff1 <= 0f && ydiff2 <= 0f) || (ydiff1 >= 0f && ydiff2 >= 0f)) b.H1Y = b.Y;
                        else if (ydiff1 <= 0f) { if (prevY > b.H1Y) b.H1Y = prevY; }
                        else if (prevY < b.H1Y) b.H1Y = prevY;
                    }
                }

                if (auto2)
                {
                    lenB /= len;
                    b.H2X = p2x + tx * lenB;
                    b.H2Y = p2y + ty * lenB;
                    if (b.Type2 == HandleAutoClamped && interior)
                    {
                        float prevY = bezt[prev].Y, nextY = bezt[next].Y;
                        float ydiff1 = prevY - b.Y, ydiff2 = nextY - b.Y;
                        if ((ydiff1 <= 0f && ydiff2 <= 0f) || (ydiff1 >= 0f && ydiff2 >= 0f)) b.H2Y = b.Y;
                        else if (ydiff1 <= 0f) { if (nextY < b.H2Y) b.H2Y = nextY; }
                        else if (nextY > b.H2Y) b.H2Y = nextY;
                    }
                }
            }
        }

        const float third = 1f / 3f;
        if (b.Type1 == HandleVector)
        {
            b.H1X = p2x + dax * -third;
            b.H1Y = p2y + day * -third;
        }

        if (b.Type2 == HandleVector)
        {
            b.H2X = p2x + dbx * third;
            b.H2Y = p2y + dby * third;
        }
    }

    /// <summary>Shortens handles that together span more than the segment (Blender's BKE_curve_correct_bezpart).</summary>
    private static void CorrectSegment(float v1x, float v1y, ref float v2x, ref float v2y, ref float v3x, ref float v3y, float v4x, float v4y)
    {
        float h1x = v1x - v2x, h1y = v1y - v2y;
        float h2x = v4x - v3x, h2y = v4y - v3y;
        float len = v4x - v1x;
        float len1 = MathF.Abs(h1x);
        float len2 = MathF.Abs(h2x);
        if (len1 + len2 == 0f) return;
        if (len1 + len2 > len)
        {
            float fac = len / (len1 + len2);
            v2x = v1x - fac * h1x;
            v2y = v1y - fac * h1y;
            v3x = v4x - fac * h2x;
            v3y = v4y - fac * h2y;
        }
    }

    /// <summary>Samples a cubic Bézier component at <paramref name="steps"/> + 1 equal parameter steps by forward differences.</summary>
    private static void ForwardDifference(float q0, float q1, float q2, float q3, float[] output, int offset, int steps)
    {
        float f = steps;
        float rt0 = q0;
        float rt1 = 3f * (q1 - q0) / f;
        f *= f;
        float rt2 = 3f * (q0 - 2f * q1 + q2) / f;
        f *= steps;
        float rt3 = (q3 - q0 + 3f * (q1 - q2)) / f;
        q0 = rt0;
        q1 = rt1 + rt2 + rt3;
        q2 = 2 * rt2 + 6 * rt3;
        q3 = 6 * rt3;
        for (int a = 0; a <= steps; a++, offset += 2)
        {
            output[offset] = q0;
            q0 += q1;
            q1 += q2;
            q2 += q3;
        }
    }
}
