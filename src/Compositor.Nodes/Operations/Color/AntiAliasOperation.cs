using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>
/// Blender's AntiAliasOperation, which Z Combine uses to soften its depth mask: Scale3x edge
/// extrapolation over each 3×3 neighbourhood (values equal within 1e-3 count as the same); where
/// an edge is found the pixel becomes the weighted mean of the nine extrapolated sub-pixels
/// (weights 3 5 3 / 5 6 5 / 3 5 3 over 38), quantised to 1/255 as Blender does; pixels on the
/// input canvas's border are copied. Input and output are values.
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
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        new(outputArea.XMin - 1, outputArea.YMin - 1, outputArea.XMax + 1, outputArea.YMax + 1);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var canvas = Inputs[0].Link is { IsCanvasSet: true } producer ? producer.Canvas : Canvas;
        int width = area.Width;
        // Rows y-1, y, y+1 over x-1 .. x+width (clamped reads only ever touch pixels inside the canvas).
        var prev = new float[width + 2];
        var curr = new float[width + 2];
        var next = new float[width + 2];
        var scratch = new float[width + 2];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            Read(input, y - 1, area.XMin - 1, prev, scratch, canvas);
            Read(input, y, area.XMin - 1, curr, scratch, canvas);
            Read(input, y + 1, area.XMin - 1, next, scratch, canvas);
            var row = o.GetRow(y, area.XMin, width);
            for (int x = area.XMin, k = 1; x < area.XMax; x++, k++)
            {
                float e = curr[k];
                if (x == canvas.XMin || x == canvas.XMax - 1 || y == canvas.YMin || y == canvas.YMax - 1)
                {
                    row[k - 1] = e;
                    continue;
                }

                row[k - 1] = Extrapolate(prev[k - 1], prev[k], prev[k + 1], curr[k - 1], e, curr[k + 1], next[k - 1], next[k], next[k + 1]);
            }
        }
    }

    private static void Read(MemoryBuffer input, int y, int xmin, float[] row, float[] scratch, Rect canvas)
    {
        if (y < canvas.YMin || y >= canvas.YMax)
        {
            Array.Clear(row);
            return;
        }

        input.ReadRow(y, xmin, row.Length, scratch).CopyTo(row);
    }

    private static bool Same(float a, float b) => MathF.Abs(a - b) < 1e-3f;

    /// <summary>Scale3x on one neighbourhood: a b c the row below (y − 1), d e f the pixel's row, g h i the row above, as Blender reads them.</summary>
    public static float Extrapolate(float a, float b, float c, float d, float e, float f, float g, float h, float i)
    {
        if (Same(b, h) || Same(d, f)) return e;
        float e0 = Same(d, b) ? d : e;
        float e1 = (Same(d, b) && !Same(e, c)) || (Same(b, f) && !Same(e, a)) ? b : e;
        float e2 = Same(b, f) ? f : e;
        float e3 = (Same(d, b) && !Same(e, g)) || (Same(d, h) && !Same(e, a)) ? d : e;
        float e5 = (Same(b, f) && !Same(e, i)) || (Same(h, f) && !Same(e, c)) ? f : e;
        float e6 = Same(d, h) ? d : e;
        float e7 = (Same(d, h) && !Same(e, i)) || (Same(h, f) && !Same(e, g)) ? h : e;
        float e8 = Same(h, f) ? f : e;
        float sum = 3 * e0 + 5 * e1 + 3 * e2 + 5 * e3 + 6 * e + 5 * e5 + 3 * e6 + 5 * e7 + 3 * e8;
        float scaled = (sum * 255f + 19f) / 38f;
        // Blender stores the result in an unsigned char: truncation, wrapping modulo 256.
        byte quantised = unchecked((byte)(int)scaled);
        return quantised / 255f;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
