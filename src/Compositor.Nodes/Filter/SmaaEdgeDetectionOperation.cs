using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// SMAA's first pass, luma edge detection (Blender's SMAAEdgeDetectionOperation): R flags an edge
/// between a pixel and its left neighbour, G one between it and the neighbour below (y − 1), where
/// their luminances differ by at least the threshold and no neighbouring difference exceeds
/// <c>contrast limit</c> × that difference (local contrast adaptation). B is 0 and A 1. Pixels
/// outside the image read as black; column 0 and row 0 have no left and lower edges.
/// </summary>
public sealed class SmaaEdgeDetectionOperation : NodeOperation
{
    private readonly float _threshold;
    private readonly float _contrastLimit;

    /// <summary>
    /// Creates the operation from the node's settings in [0, 1]: <paramref name="threshold"/> maps to
    /// [0, 0.5] and <paramref name="contrastLimit"/> to [1, 10], as Blender does.
    /// </summary>
    public SmaaEdgeDetectionOperation(float threshold, float contrastLimit) : base(DataType.Color)
    {
        _threshold = threshold * 0.5f;
        _contrastLimit = contrastLimit * 9f + 1f;
        AddInput(DataType.Color);
        CanvasInputIndex = 0;
        Flags = OperationFlags.Complex;
    }

    /// <summary>The luminance difference that makes an edge (in [0, 0.5]).</summary>
    public float Threshold => _threshold;

    /// <summary>The local contrast adaptation factor (in [1, 10]).</summary>
    public float ContrastLimit => _contrastLimit;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        new(outputArea.XMin - 2, outputArea.YMin - 2, outputArea.XMax + 1, outputArea.YMax + 1);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[0];
        Span<float> c = stackalloc float[4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            for (int i = 0; i < area.Width; i++)
            {
                int x = area.XMin + i;
                var px = row.Slice(i * 4, 4);
                float l = Luma(image, x, y, c);
                float lLeft = Luma(image, x - 1, y, c);
                float lTop = Luma(image, x, y - 1, c);
                float dLeft = MathF.Abs(l - lLeft);
                float dTop = MathF.Abs(l - lTop);
                bool left = x > 0 && dLeft >= _threshold;
                bool top = y > 0 && dTop >= _threshold;
                px[2] = 0f;
                px[3] = 1f;
                if (!left && !top)
                {
                    px[0] = 0f;
                    px[1] = 0f;
                    continue;
                }

                float dRight = MathF.Abs(l - Luma(image, x + 1, y, c));
                float dBottom = MathF.Abs(l - Luma(image, x, y + 1, c));
                float maxDelta = MathF.Max(MathF.Max(dLeft, dRight), MathF.Max(dTop, dBottom));
                float lLeftTop = Luma(image, x - 1, y - 1, c);
                if (left)
                {
                    float dLeftLeft = MathF.Abs(lLeft - Luma(image, x - 2, y, c));
                    float dLeftTop = MathF.Abs(lLeft - lLeftTop);
                    float dLeftBottom = MathF.Abs(lLeft - Luma(image, x - 1, y + 1, c));
                    maxDelta = MathF.Max(maxDelta, MathF.Max(dLeftLeft, MathF.Max(dLeftTop, dLeftBottom)));
                    if (maxDelta > _contrastLimit * dLeft) left = false;
                }

                if (top)
                {
                    float dTopTop = MathF.Abs(lTop - Luma(image, x, y - 2, c));
                    float dTopLeft = MathF.Abs(lTop - lLeftTop);
                    float dTopRight = MathF.Abs(lTop - Luma(image, x + 1, y - 1, c));
                    maxDelta = MathF.Max(maxDelta, MathF.Max(dTopTop, MathF.Max(dTopLeft, dTopRight)));
                    if (maxDelta > _contrastLimit * dTop) top = false;
                }

                px[0] = left ? 1f : 0f;
                px[1] = top ? 1f : 0f;
            }
        }
    }

    private static float Luma(MemoryBuffer image, int x, int y, Span<float> c)
    {
        image.ReadElementChecked(x, y, c);
        return ColorToBwOperation.Luminance(c[0], c[1], c[2]);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_threshold);
        hash.Add(_contrastLimit);
        return true;
    }
}
