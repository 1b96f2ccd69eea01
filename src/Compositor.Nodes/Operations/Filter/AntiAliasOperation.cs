using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>
/// Blender's AntiAliasOperation (used after Dilate/Erode THRESHOLD with an edge below 2): the
/// Scale3X edge extrapolation of each 3 × 3 neighbourhood, averaged with weights 3, 5, 3 / 5, 6, 5 /
/// 3, 5, 3 and rounded to 8 bits; pixels on the border of the input's canvas and neighbourhoods without a
/// diagonal edge pass through.
/// </summary>
public sealed class AntiAliasOperation : NodeOperation
{
    /// <summary>Creates the operation.</summary>
    public AntiAliasOperation() : base(DataType.Value)
    {
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Expand(1, 1);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var domain = MorphologyRows.InputCanvas(this, input);
        var data = input.DangerousGetArray();
        if (input.IsSingleElement)
        {
            // A constant has no edges.
            for (int y = area.YMin; y < area.YMax; y++) o.GetRow(y, area.XMin, area.Width).Fill(data[0]);
            return;
        }

        int stride = input.RowStride, origin = -input.Rect.XMin - input.Rect.YMin * stride;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            // Blender tests y against the rectangle's xmin here; the two agree for canvases at the origin.
            bool borderRow = y == domain.XMin || y == domain.YMax - 1;
            for (int x = area.XMin; x < area.XMax; x++)
            {
                int c = origin + y * stride + x;
                if (borderRow || x == domain.XMin || x == domain.XMax - 1)
                {
                    dst[x - area.XMin] = MorphologyRows.Read(input, data, x, y);
                    continue;
                }

                int below = c - stride, above = c + stride;
                dst[x - area.XMin] = Extrapolate(data[below - 1], data[below], data[below + 1], data[c - 1], data[c], data[c + 1],
                    data[above - 1], data[above], data[above + 1]);
            }
        }
    }

    /// <summary>
    /// The anti-aliased centre of a 3 × 3 neighbourhood (a b c / d e f / g h i, a's row first as
    /// Blender reads it): its Scale3X subpixels weighted and rounded to 8 bits, or the centre when
    /// B = H or D = F.
    /// </summary>
    public static float Extrapolate(float a, float b, float c, float d, float e, float f, float g, float h, float i)
    {
        if (Eq(b, h) || Eq(d, f)) return e;
        float e0 = Eq(d, b) ? d : e;
        float e1 = (Eq(d, b) && !Eq(e, c)) || (Eq(b, f) && !Eq(e, a)) ? b : e;
        float e2 = Eq(b, f) ? f : e;
        float e3 = (Eq(d, b) && !Eq(e, g)) || (Eq(d, h) && !Eq(e, a)) ? d : e;
        float e4 = e;
        float e5 = (Eq(b, f) && !Eq(e, i)) || (Eq(h, f) && !Eq(e, c)) ? f : e;
        float e6 = Eq(d, h) ? d : e;
        float e7 = (Eq(d, h) && !Eq(e, i)) || (Eq(h, f) && !Eq(e, g)) ? h : e;
        float e8 = Eq(h, f) ? f : e;
        float sum = 3 * e0 + 5 * e1 + 3 * e2 + 5 * e3 + 6 * e4 + 5 * e5 + 3 * e6 + 5 * e7 + 3 * e8;
        float scaled = (sum * 255f + 19f) / 38f;
        int result = (int)scaled;
        result = result < 0 ? 0 : result > 255 ? 255 : result;
        return result / 255f;
    }

    private static bool Eq(float x, float y) => MathF.Abs(x - y) < 1e-3f;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
