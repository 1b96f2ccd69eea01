using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// A bokeh blur whose radius varies per pixel (Blender's VariableSizeBokehBlurOperation, used by
/// Bokeh Blur with a variable size and by Defocus). The radius of a pixel is its Size value times
/// the scale (max(width, height) / 100 when <see cref="ScaleSize"/>, else 1). A pixel whose radius
/// exceeds the threshold gathers each neighbour whose own radius, limited to the centre's, exceeds
/// the threshold and both |dx| and |dy|; the neighbour is weighted per channel by the 512 × 512
/// bokeh image at 256 + (d / radius) · 255 (nearest pixel, zero outside), the centre pixel by 1.
/// Neighbours lie within the canvas and at most <see cref="MaxBlur"/> pixels away (less on the
/// right and top, as Blender's window is half-open). Radii between the threshold and twice it fade
/// the result in from the sharp pixel. Lower quality reads every second or third neighbour.
/// </summary>
/// <remarks>
/// Blender bounds the window by ⌊largest Size · scale⌋ (at least 1, at most <see cref="MaxBlur"/>)
/// found in the strip of rows being rendered, widened by ⌊max_blur · scale⌋ + 2 rows. Its full-frame
/// model splits the canvas into one strip of rows per thread, so the reference renders (2 threads)
/// depend on that split; it is reproduced here from the canvas alone (<see cref="ReferenceThreads"/>
/// strips, the first ones taking the remainder rows), so every execution model, area and thread
/// count gives the same pixels.
/// </remarks>
public sealed partial class VariableSizeBokehBlurOperation : NodeOperation
{
    /// <summary>The image input.</summary>
    public const int ImageInput = 0;

    /// <summary>The bokeh (aperture) image input.</summary>
    public const int BokehInput = 1;

    /// <summary>The size (radius) input.</summary>
    public const int SizeInput = 2;

    /// <summary>Side of the bokeh image the weights are looked up in (Blender's COM_BLUR_BOKEH_PIXELS).</summary>
    public const int BokehPixels = 512;

    private int _step = 1;
    private readonly object _weightsLock = new();
    private BokehGather.BokehWeights? _weights;
    private int _window = 1;
    private float _scalar = 1f;

    /// <summary>Creates the operation.</summary>
    public VariableSizeBokehBlurOperation(float maxBlur, float threshold, bool scaleSize) : base(DataType.Color)
    {
        MaxBlur = maxBlur;
        Threshold = threshold;
        ScaleSize = scaleSize;
        AddInput(DataType.Color);
        AddInput(DataType.Color, ResizeMode.Align);
        AddInput(DataType.Value);
        CanvasInputIndex = ImageInput;
        Flags = OperationFlags.Complex;
    }

    /// <summary>Largest distance of a gathered neighbour, in pixels.</summary>
    public float MaxBlur { get; }

    /// <summary>Radii at or below this leave a pixel sharp.</summary>
    public float Threshold { get; }

    /// <summary>Whether Size is a percentage of the larger canvas side.</summary>
    public bool ScaleSize { get; }

    /// <summary>Reads every third neighbour whatever the render quality (Defocus with <c>use_preview</c>).</summary>
    public bool ForceLowQuality { get; init; }

    /// <summary>Renders with the per-neighbour loop even where <see cref="BokehGather"/> could (tests compare the two).</summary>
    internal bool UseScalarPath { get; init; }

    /// <summary>Runs the gather's 8-lane form even where AVX-512 allows 16 lanes (tests compare the two).</summary>
    internal bool UseNarrowGather { get; init; }

    /// <summary>Strips of rows Blender's reference renders split the canvas into (one per thread).</summary>
    public const int ReferenceThreads = 2;

    /// <summary>The strip (row range) of canvas row <paramref name="y"/> in Blender's split of <paramref name="canvas"/>.</summary>
    public static (int YMin, int YMax) Strip(Rect canvas, int y)
    {
        int h = canvas.Height, n = Math.Min(ReferenceThreads, h);
        if (n <= 0) return (canvas.YMin, canvas.YMax);
        int split = h / n, remaining = h - split * n, start = canvas.YMin;
        for (int i = 0; i < n; i++)
        {
            int height = split + (i < remaining ? 1 : 0);
            if (y < start + height || i == n - 1) return (start, start + height);
            start += height;
        }

        return (canvas.YMin, canvas.YMax);
    }

    /// <summary>Rows around a strip whose sizes bound its window (Blender's size area of interest).</summary>
    private int StripMargin => (int)(MaxBlur * Scalar()) + 2;

    private float Scalar() => ScaleSize ? Math.Max(Canvas.Width, Canvas.Height) / 100f : 1f;

    private int WindowLimit => Math.Max(1, (int)MathF.Min(MaxBlur, int.MaxValue / 4f));

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        _weights = null;
        _step = BilateralBlurOperation.QualityStep(ForceLowQuality ? RenderQuality.Low : context.Quality);
        _window = WindowLimit;
        _scalar = ScaleSize ? Math.Max(Canvas.Width, Canvas.Height) / 100f : 1f;
    }

    /// <inheritdoc />
    public override void DeinitializeExecution()
    {
        _weights = null;
        base.DeinitializeExecution();
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => inputIndex switch
    {
        BokehInput => Inputs[BokehInput].Link is { IsCanvasSet: true } b ? b.Canvas : new Rect(0, 0, BokehPixels, BokehPixels),
        SizeInput => SizeAreaOfInterest(outputArea),
        _ => outputArea.Expand(WindowLimit, WindowLimit),
    };

    /// <summary>Every row of the strips the area touches, widened by the margin, and the window around the area.</summary>
    private Rect SizeAreaOfInterest(Rect outputArea)
    {
        var canvas = Canvas;
        var window = outputArea.Expand(WindowLimit, WindowLimit);
        if (outputArea.IsEmpty || canvas.IsEmpty) return window;
        int y0 = Math.Clamp(outputArea.YMin, canvas.YMin, canvas.YMax - 1), y1 = Math.Clamp(outputArea.YMax - 1, canvas.YMin, canvas.YMax - 1);
        int margin = StripMargin;
        var strips = new Rect(canvas.XMin, Strip(canvas, y0).YMin - margin, canvas.XMax, Strip(canvas, y1).YMax + margin);
        return strips.Union(window);
    }

    /// <summary>The window bound of each strip the area touches: ⌊max Size · scale⌋ clamped to [1, max blur].</summary>
    private (int Split, int Lower, int Upper) StripWindows(MemoryBuffer size, Rect area)
    {
        var canvas = Canvas;
        int y0 = Math.Clamp(area.YMin, canvas.YMin, canvas.YMax - 1), y1 = Math.Clamp(area.YMax - 1, canvas.YMin, canvas.YMax - 1);
        var lower = Strip(canvas, y0);
        var upper = Strip(canvas, y1);
        return (lower.YMax, StripWindow(size, lower), lower == upper ? StripWindow(size, lower) : StripWindow(size, upper));
    }

    private int StripWindow(MemoryBuffer size, (int YMin, int YMax) strip)
    {
        var canvas = Canvas;
        int margin = StripMargin;
        float max = float.MinValue;
        if (size.IsSingleElement)
        {
            max = size.SingleElement[0];
        }
        else
        {
            var rows = new Rect(canvas.XMin, strip.YMin - margin, canvas.XMax, strip.YMax + margin).Intersect(canvas).Intersect(size.Rect);
            var data = size.DangerousGetArray();
            for (int y = rows.YMin; y < rows.YMax; y++)
            {
                int start = size.IndexOf(rows.XMin, y);
                foreach (float v in data.AsSpan(start, rows.Width)) if (v > max) max = v;
            }
        }

        float scaled = max * _scalar;
        int window = float.IsNaN(scaled) ? 1 : (int)Math.Clamp(scaled, int.MinValue / 2f, int.MaxValue / 2f);
        return Math.Clamp(window, 1, _window);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(MaxBlur);
        hash.Add(Threshold);
        hash.Add(ScaleSize);
        hash.Add(ForceLowQuality);
        return true;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var bokeh = inputs[BokehInput];
        var size = inputs[SizeInput];
        var canvas = Canvas;
        var bokehDomain = Inputs[BokehInput].Link is { IsCanvasSet: true } b ? b.Canvas : bokeh.Rect;
        if (!bokeh.IsSingleElement) bokehDomain = bokehDomain.Intersect(bokeh.Rect);
        float[] img = image.DangerousGetArray(), bk = bokeh.DangerousGetArray(), sz = size.DangerousGetArray();
        float scalar = _scalar, threshold = Threshold;
        int step = _step;
        var (split, lowerWindow, upperWindow) = StripWindows(size, area);
        if (step == 1 && !image.IsSingleElement && !bokeh.IsSingleElement && !size.IsSingleElement && BokehGather.IsSupported && !UseScalarPath)
        {
            BokehGather.Render(o, area, image, Weights(bokeh, bokehDomain), size, canvas, scalar, threshold, split, lowerWindow, upperWindow, context.Cancellation, UseNarrowGather);
            return;
        }

        const float half = BokehPixels / 2, span = BokehPixels / 2 - 1;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int window = y < split ? lowerWindow : upperWindow;
            for (int x = area.XMin; x < area.XMax; x++)
            {
                int ci = image.IndexOf(x, y);
                float s0 = img[ci], s1 = img[ci + 1], s2 = img[ci + 2], s3 = img[ci + 3];
                float c0 = s0, c1 = s1, c2 = s2, c3 = s3, w0 = 1, w1 = 1, w2 = 1, w3 = 1;
                float centre = sz[size.IndexOf(x, y)] * scalar;
                if (centre > threshold)
                {
                    // Blender's window is [−window, window); neighbours also need |d| < radius ≤ centre.
                    int reach = (int)MathF.Min(MathF.Ceiling(centre), window);
                    int minx = Math.Max(x - reach, canvas.XMin), maxx = Math.Min(x + Math.Min(reach + 1, window), canvas.XMax);
                    int miny = Math.Max(y - reach, canvas.YMin), maxy = Math.Min(y + Math.Min(reach + 1, window), canvas.YMax);
                    // Keep Blender's sampling grid: offsets from x − window in steps of the quality step.
                    if (step > 1)
                    {
                        minx = AlignUp(minx, Math.Max(x - window, canvas.XMin), step);
                        miny = AlignUp(miny, Math.Max(y - window, canvas.YMin), step);
                    }

                    for (int ny = miny; ny < maxy; ny += step)
                    {
                        float dy = ny - y;
                        float ady = MathF.Abs(dy);
                        int si = size.IndexOf(minx, ny), ii = image.IndexOf(minx, ny);
                        int sStep = size.IsSingleElement ? 0 : step, iStep = image.IsSingleElement ? 0 : 4 * step;
                        for (int nx = minx; nx < maxx; nx += step, si += sStep, ii += iStep)
                        {
                            if (nx == x && ny == y) continue;
                            float radius = MathF.Min(sz[si] * scalar, centre);
                            if (radius <= threshold) continue;
                            float dx = nx - x;
                            if (radius <= MathF.Abs(dx) || radius <= ady) continue;
                            int bx = BokehBlurOperation.BokehIndex(half + dx / radius * span, bokehDomain.XMin, bokehDomain.XMax);
                            int by = BokehBlurOperation.BokehIndex(half + dy / radius * span, bokehDomain.YMin, bokehDomain.YMax);
                            if (bx < 0 || by < 0) continue;
                            int bi = bokeh.IndexOf(bx, by);
                            float b0 = bk[bi], b1 = bk[bi + 1], b2 = bk[bi + 2], b3 = bk[bi + 3];
                            c0 += b0 * img[ii]; c1 += b1 * img[ii + 1]; c2 += b2 * img[ii + 2]; c3 += b3 * img[ii + 3];
                            w0 += b0; w1 += b1; w2 += b2; w3 += b3;
                        }
                    }
                }

                var d = dst.Slice((x - area.XMin) * 4, 4);
                float r0 = c0 / w0, r1 = c1 / w1, r2 = c2 / w2, r3 = c3 / w3;
                if (centre > threshold && centre < threshold * 2f)
                {
                    float f = (centre - threshold) / threshold, g = 1f - f;
                    r0 = g * s0 + f * r0; r1 = g * s1 + f * r1; r2 = g * s2 + f * r2; r3 = g * s3 + f * r3;
                }

                d[0] = r0; d[1] = r1; d[2] = r2; d[3] = r3;
            }
        }
    }

    /// <summary>The gather's planes of <paramref name="bokeh"/>, made once per render (every chunk reads the same aperture).</summary>
    private BokehGather.BokehWeights Weights(MemoryBuffer bokeh, Rect domain)
    {
        lock (_weightsLock)
        {
            if (_weights is not { } w || !ReferenceEquals(w.Source, bokeh) || w.Domain != domain)
                _weights = w = new BokehGather.BokehWeights(bokeh, domain);
            return w;
        }
    }

    private static int AlignUp(int value, int origin, int step)
    {
        int rem = (value - origin) % step;
        return rem == 0 ? value : value + step - rem;
    }
}
