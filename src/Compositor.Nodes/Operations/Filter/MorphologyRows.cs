using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Filter;

/// <summary>Helpers shared by the dilate/erode operations.</summary>
internal static class MorphologyRows
{
    /// <summary>Where the input's values exist: its producer's canvas within the buffer (Blender's input rectangle).</summary>
    public static Rect Domain(NodeOperation op, MemoryBuffer input)
    {
        var canvas = op.Inputs[0].Link is { IsCanvasSet: true } producer ? producer.Canvas : input.Rect;
        return input.IsSingleElement ? canvas : canvas.Intersect(input.Rect);
    }

    /// <summary>The producer's canvas (or the buffer's rectangle when unknown).</summary>
    public static Rect InputCanvas(NodeOperation op, MemoryBuffer input) =>
        op.Inputs[0].Link is { IsCanvasSet: true } producer ? producer.Canvas : input.Rect;

    /// <summary>One value; zero outside the buffer.</summary>
    public static float Read(MemoryBuffer input, float[] data, int x, int y) =>
        input.IsSingleElement ? data[0] : input.Rect.Contains(x, y) ? data[input.IndexOf(x, y)] : 0f;
}
