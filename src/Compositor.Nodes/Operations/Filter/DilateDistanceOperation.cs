using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>
/// Dilate/Erode in DISTANCE mode (Blender's DilateDistanceOperation and ErodeDistanceOperation): the
/// largest (dilate, at least 0) or smallest (erode, at most 1) value within a disc of the given
/// radius, searched in a square window of half-size max(distance, 3).
/// </summary>
public sealed partial class DilateDistanceOperation : NodeOperation
{
    /// <summary>Creates the operation with radius <paramref name="distance"/> (≥ 0).</summary>
    public DilateDistanceOperation(int distance, bool erode) : base(DataType.Value)
    {
        Distance = distance;
        Erode = erode;
        Scope = System.Math.Max(distance, 3);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
    }

    /// <summary>Disc radius in pixels.</summary>
    public int Distance { get; }

    /// <summary>Minimum instead of maximum.</summary>
    public bool Erode { get; }

    /// <summary>Half-size of the search window.</summary>
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
        float minDist = Distance * Distance;
        bool erode = Erode;
        if (input.IsSingleElement)
        {
            // The disc always holds the centre: the extreme of the value and the start value.
            float v = input.SingleElement[0], start = erode ? 1f : 0f;
            float only = (erode ? v < start : v > start) ? v : start;
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
                float value = erode ? 1f : 0f;
                for (int yi = y0; yi < y1; yi++)
                {
                    float dy = yi - y;
                    float distY = dy * dy;
                    var row = data.AsSpan(origin + yi * stride + x0, x1 - x0);
                    for (int k = 0; k < row.Length; k++)
                    {
                        float dx = x0 + k - x;
                        if (dx * dx + distY > minDist) continue;
                        float v = row[k];
                        if (erode ? v < value : v > value) value = v;
                    }
                }

                dst[x - area.XMin] = value;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Distance);
        hash.Add(Erode);
        return true;
    }
}
