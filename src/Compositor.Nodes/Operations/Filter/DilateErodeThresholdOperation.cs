using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>
/// Dilate/Erode in THRESHOLD mode (Blender's DilateErodeThresholdOperation): each pixel's signed
/// distance to the nearest pixel on the other side of 0.5 (negative inside), searched in a square
/// window of half-size <c>scope</c>, is compared with the distance; the edge (inset) softens the
/// border linearly.
/// </summary>
public sealed class DilateErodeThresholdOperation : NodeOperation
{
    private const float Switch = 0.5f;

    /// <summary>Creates the operation for <paramref name="distance"/> pixels (negative erodes) and edge <paramref name="inset"/>.</summary>
    public DilateErodeThresholdOperation(float distance, float inset) : base(DataType.Value)
    {
        Distance = distance;
        Inset = inset;
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
        float scope;
        if (distance < 0f) scope = -distance + inset;
        else if (inset * 2 > distance) scope = MathF.Max(inset * 2 - distance, distance);
        else scope = distance;
        Scope = System.Math.Max((int)scope, 3);
    }

    /// <summary>Distance in pixels; negative erodes.</summary>
    public float Distance { get; }

    /// <summary>Width of the soft border (<c>edge</c>).</summary>
    public float Inset { get; }

    /// <summary>Half-size of the search window (at least 3).</summary>
    public int Scope { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Expand(Scope, Scope);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var domain = MorphologyRows.Domain(this, input);
        int scope = Scope;
        float rd = scope * scope;
        float none = rd * 2, distance = Distance, inset = Inset;
        if (input.IsSingleElement)
        {
            // One value everywhere: no pixel lies on the other side, so the distance stays "none".
            float only = Result(input.SingleElement[0] > Switch ? -MathF.Sqrt(none) : MathF.Sqrt(none), distance, inset);
            for (int y = area.YMin; y < area.YMax; y++) o.GetRow(y, area.XMin, area.Width).Fill(only);
            return;
        }

        var data = input.DangerousGetArray();
        int stride = input.RowStride, origin = input.IndexOf(input.Rect.XMin, input.Rect.YMin) - input.Rect.XMin - input.Rect.YMin * stride;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int y0 = System.Math.Max(y - scope, domain.YMin), y1 = System.Math.Min(y + scope, domain.YMax);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                int x0 = System.Math.Max(x - scope, domain.XMin), x1 = System.Math.Min(x + scope, domain.XMax);
                bool inside = data[origin + y * stride + x] > Switch;
                float min = none;
                for (int yi = y0; yi < y1; yi++)
                {
                    float dy = yi - y;
                    float distY = dy * dy;
                    var row = data.AsSpan(origin + yi * stride + x0, x1 - x0);
                    for (int k = 0; k < row.Length; k++)
                    {
                        float v = row[k];
                        if (inside ? v < Switch : v > Switch)
                        {
                            float dx = x0 + k - x;
                            float dist = dx * dx + distY;
                            if (dist < min) min = dist;
                        }
                    }
                }

                dst[x - area.XMin] = Result(inside ? -MathF.Sqrt(min) : MathF.Sqrt(min), distance, inset);
            }
        }
    }

    /// <summary>The output for a pixel at signed distance <paramref name="pixel"/> from the 0.5 border.</summary>
    private static float Result(float pixel, float distance, float inset)
    {
        if (distance > 0f)
        {
            float delta = distance - pixel;
            return delta >= 0f ? (delta >= inset ? 1f : delta / inset) : 0f;
        }
        else
        {
            float delta = -distance + pixel;
            return delta < 0f ? (delta < -inset ? 1f : -delta / inset) : 0f;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Distance);
        hash.Add(Inset);
        return true;
    }
}
