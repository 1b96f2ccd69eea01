using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Bokeh Blur with a uniform size (Blender's BokehBlurOperation, full-frame path). The radius is
/// ⌊size · max(width, height) / 100⌋ pixels; each pixel of the window [x − r, x + r) × [y − r, y + r)
/// (clipped to the image canvas) is weighted per channel by the bokeh image at the matching point
/// (nearest pixel, zero outside the bokeh canvas, which is aligned rather than centred), and the sum
/// is divided by the summed weights. A radius below 2 also adds the pixel itself with weight 1.
/// Pixels where the bounding box is zero or less keep the image. <c>use_extended_bounds</c> grows the
/// canvas by round_to_even(2 · size · max(width, height) / 100) to the right and top.
/// </summary>
/// <remarks>
/// The size is the Size socket's value when unlinked, else the linked constant clamped to [0, 10];
/// a size computed per pixel is not supported by Blender's full-frame model, which then uses 1.
/// </remarks>
public sealed partial class BokehBlurOperation : NodeOperation
{
    /// <summary>The image input.</summary>
    public const int ImageInput = 0;

    /// <summary>The bokeh (aperture) image input.</summary>
    public const int BokehInput = 1;

    /// <summary>The bounding box input.</summary>
    public const int BoundingBoxInput = 2;

    /// <summary>The size input.</summary>
    public const int SizeInput = 3;

    private float _size = 1f;
    private int _radius;
    private int _step = 1;
    private float _midX, _midY, _dimension;

    /// <summary>Creates the operation.</summary>
    public BokehBlurOperation(bool extendBounds) : base(DataType.Color)
    {
        ExtendBounds = extendBounds;
        AddInput(DataType.Color);
        AddInput(DataType.Color, ResizeMode.Align);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        CanvasInputIndex = ImageInput;
        Flags = OperationFlags.Complex;
    }

    /// <summary>Whether the canvas grows by the blur size.</summary>
    public bool ExtendBounds { get; }

    /// <summary>The Size socket's own value when it is unlinked (used as given, unclamped).</summary>
    public float? PresetSize { get; init; }

    /// <summary>The blur radius in pixels (after initialization).</summary>
    public int Radius => _radius;

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined)
    {
        if (!ExtendBounds || determined.IsEmpty) return determined;
        float maxDim = Math.Max(determined.Width, determined.Height);
        int add = BlurOperationBase.RoundToEven(2f * (PresetSize ?? 1f) * maxDim / 100f);
        return determined with { XMax = determined.XMax + add, YMax = determined.YMax + add };
    }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        _size = PresetSize ?? (Inputs[SizeInput].Link is ConstantOperation c ? Math.Clamp(c.Value[0], 0f, 10f) : 1f);
        float maxDim = Math.Max(Canvas.Width, Canvas.Height);
        _radius = (int)(_size * maxDim / 100f);
        _step = BilateralBlurOperation.QualityStep(context.Quality);
        var bokeh = BokehCanvas();
        _midX = bokeh.Width / 2f;
        _midY = bokeh.Height / 2f;
        _dimension = Math.Min(bokeh.Width, bokeh.Height) / 2f;
    }

    private Rect BokehCanvas() => Inputs[BokehInput].Link is { IsCanvasSet: true } b ? b.Canvas : Canvas;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => inputIndex switch
    {
        ImageInput => outputArea.Expand(_radius, _radius),
        BokehInput => BokehCanvas(),
        BoundingBoxInput => outputArea,
        _ => new Rect(0, 0, 1, 1),
    };

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(ExtendBounds);
        hash.Add(PresetSize ?? -1f);
        return true;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var bokeh = inputs[BokehInput];
        var box = inputs[BoundingBoxInput];
        var imageDomain = Domain(ImageInput, image);
        var bokehDomain = Domain(BokehInput, bokeh);
        float[] img = image.DangerousGetArray(), bk = bokeh.DangerousGetArray();
        int r = _radius, step = _step;
        float m = _dimension / r;
        float[] boxRow = new float[area.Width];
        // Bokeh columns and rows for every window offset: the same for every pixel.
        var bokehCol = new int[2 * r + 1];
        var bokehRow = new int[2 * r + 1];
        for (int d = -r; d <= r; d++)
        {
            bokehCol[d + r] = BokehIndex(_midX - d * m, bokehDomain.XMin, bokehDomain.XMax);
            bokehRow[d + r] = BokehIndex(_midY - d * m, bokehDomain.YMin, bokehDomain.YMax);
        }

        for (int y = area.YMin; y < area.YMax; y++)
        {
            // A large size makes one row of work long: stop between rows when the render is cancelled or out of time.
            context.Cancellation.ThrowIfCancellationRequested();
            var dst = o.GetRow(y, area.XMin, area.Width);
            var boxes = box.ReadRow(y, area.XMin, area.Width, boxRow);
            int miny = Math.Max(y - r, imageDomain.YMin), maxy = Math.Min(y + r, imageDomain.YMax);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                var d = dst.Slice((x - area.XMin) * 4, 4);
                bool inside = imageDomain.Contains(x, y);
                int ci = inside ? image.IndexOf(x, y) : 0;
                if (boxes[x - area.XMin] <= 0f)
                {
                    Load(d, img, ci, inside);
                    continue;
                }

                float c0 = 0, c1 = 0, c2 = 0, c3 = 0, w0 = 0, w1 = 0, w2 = 0, w3 = 0;
                if (r < 2)
                {
                    if (inside) { c0 = img[ci]; c1 = img[ci + 1]; c2 = img[ci + 2]; c3 = img[ci + 3]; }
                    w0 = w1 = w2 = w3 = 1f;
                }

                int minx = Math.Max(x - r, imageDomain.XMin), maxx = Math.Min(x + r, imageDomain.XMax);
                for (int ny = miny; ny < maxy; ny += step)
                {
                    int brow = bokehRow[ny - y + r];
                    if (brow < 0) continue;
                    for (int nx = minx; nx < maxx; nx += step)
                    {
                        int bcol = bokehCol[nx - x + r];
                        if (bcol < 0) continue;
                        int bi = bokeh.IndexOf(bcol, brow);
                        int ii = image.IndexOf(nx, ny);
                        float b0 = bk[bi], b1 = bk[bi + 1], b2 = bk[bi + 2], b3 = bk[bi + 3];
                        c0 += b0 * img[ii]; c1 += b1 * img[ii + 1]; c2 += b2 * img[ii + 2]; c3 += b3 * img[ii + 3];
                        w0 += b0; w1 += b1; w2 += b2; w3 += b3;
                    }
                }

                d[0] = c0 * (1f / w0);
                d[1] = c1 * (1f / w1);
                d[2] = c2 * (1f / w2);
                d[3] = c3 * (1f / w3);
            }
        }
    }

    /// <summary>The bokeh pixel column (or row) at <paramref name="u"/>: floor, or −1 outside [min, max).</summary>
    internal static int BokehIndex(float u, int min, int max)
    {
        float f = MathF.Floor(u);
        if (float.IsNaN(f) || f < min || f >= max) return -1;
        return (int)f;
    }

    private static void Load(Span<float> d, float[] data, int index, bool inside)
    {
        if (!inside) { d.Clear(); return; }
        d[0] = data[index]; d[1] = data[index + 1]; d[2] = data[index + 2]; d[3] = data[index + 3];
    }

    private Rect Domain(int index, MemoryBuffer buffer)
    {
        var canvas = Inputs[index].Link is { IsCanvasSet: true } p ? p.Canvas : buffer.Rect;
        return buffer.IsSingleElement ? canvas : canvas.Intersect(buffer.Rect);
    }
}
