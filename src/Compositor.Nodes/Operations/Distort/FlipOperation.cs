using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Mirrors an image along x, y or both (Blender 3.4's full-frame FlipOperation). With the input
/// canvas [m, m + w) along x, the canvas is mirrored to [−m, w − m) and output pixel x reads input
/// pixel <c>w − 1 − x</c> (x absolute; the same for y). An image at the origin is mirrored in
/// place; a canvas moved by Transform or Translate lands mirrored about x = w / 2, as in Blender.
/// </summary>
public sealed class FlipOperation : NodeOperation
{
    /// <summary>Creates a flip.</summary>
    public FlipOperation(bool flipX, bool flipY) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.None);
        FlipX = flipX;
        FlipY = flipY;
        Flags = OperationFlags.Complex | OperationFlags.CanBeConstant;
        CanvasInputIndex = 0;
    }

    /// <summary>Mirrors along x.</summary>
    public bool FlipX { get; }

    /// <summary>Mirrors along y.</summary>
    public bool FlipY { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (outputArea.IsEmpty) return outputArea;
        int xmin = outputArea.XMin, xmax = outputArea.XMax, ymin = outputArea.YMin, ymax = outputArea.YMax;
        if (FlipX)
        {
            int last = Canvas.Width - 1;
            (xmin, xmax) = (last - (outputArea.XMax - 1), last - outputArea.XMin + 1);
        }

        if (FlipY)
        {
            int last = Canvas.Height - 1;
            (ymin, ymax) = (last - (outputArea.YMax - 1), last - outputArea.YMin + 1);
        }

        return new Rect(xmin, ymin, xmax, ymax);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        if (input.IsSingleElement)
        {
            if (o.IsSingleElement) input.SingleElement.CopyTo(o.DangerousGetArray());
            else o.CopyFrom(input, area);
            return;
        }

        int w = area.Width;
        int lastX = Canvas.Width - 1, lastY = Canvas.Height - 1;
        var scratch = new float[w * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            int sy = FlipY ? lastY - y : y;
            var dst = o.GetRow(y, area.XMin, w);
            if (!FlipX)
            {
                input.ReadRow(sy, area.XMin, w, scratch).CopyTo(dst);
                continue;
            }

            // Source x runs backwards from lastX - xmin: read that run once, then reverse it.
            ReversePixels(input.ReadRow(sy, lastX - (area.XMax - 1), w, scratch), dst);
        }
    }

    /// <summary>Writes the 4-float pixels of <paramref name="src"/> into <paramref name="dst"/> in reverse order.</summary>
    private static void ReversePixels(ReadOnlySpan<float> src, Span<float> dst)
    {
        int w = src.Length / 4, i = 0;
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated)
            for (; i + 2 <= w; i += 2)
            {
                // Two pixels per vector: swapping its halves reverses them.
                var pair = Vector256.LoadUnsafe(ref s, (nuint)((w - 2 - i) * 4));
                Vector256.Create(pair.GetUpper(), pair.GetLower()).StoreUnsafe(ref d, (nuint)(i * 4));
            }

        for (; i < w; i++) Vector128.LoadUnsafe(ref s, (nuint)((w - 1 - i) * 4)).StoreUnsafe(ref d, (nuint)(i * 4));
    }

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined)
    {
        if (determined.IsEmpty) return determined;
        int w = determined.Width, h = determined.Height;
        var r = determined;
        if (FlipX) r = r with { XMin = w - determined.XMax, XMax = w - determined.XMin };
        if (FlipY) r = r with { YMin = h - determined.YMax, YMax = h - determined.YMin };
        return r;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(FlipX);
        hash.Add(FlipY);
        return true;
    }
}
