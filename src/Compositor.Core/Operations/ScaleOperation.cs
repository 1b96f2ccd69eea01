using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;

namespace Compositor.Operations;

/// <summary>
/// Scales its image about the image's centre by factors read from its X and Y inputs (Blender's
/// full-frame ScaleOperation). With constant factors the canvas becomes the scaled image (its size
/// rounded outwards, placed at the image's corner, at most the given maximum size); with varying
/// factors it keeps the image's canvas and each pixel reads its own factors. Output pixel x reads
/// the image at <c>c + (x + (w_in - w_out)/2 - c) / s</c>, c = w_in/2 (x absolute), with bilinear
/// sampling that fades to zero over the pixel beyond the image's edges.
/// </summary>
public abstract class ScaleOperation : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the x factor input.</summary>
    public const int XInput = 1;

    /// <summary>Index of the y factor input.</summary>
    public const int YInput = 2;

    /// <summary>Blender's default largest scaled canvas side.</summary>
    public const float DefaultMaxCanvasSize = 12000f;

    /// <summary>Creates a scale of images of <paramref name="type"/>.</summary>
    protected ScaleOperation(DataType type) : base(type)
    {
        AddInput(type, ResizeMode.None);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = ImageInput;
    }

    /// <summary>How the image is sampled (Blender forces bilinear).</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <summary>The largest canvas width a constant scale produces (unless the image is wider).</summary>
    public float MaxCanvasWidth { get; init; } = DefaultMaxCanvasSize;

    /// <summary>The largest canvas height a constant scale produces (unless the image is taller).</summary>
    public float MaxCanvasHeight { get; init; } = DefaultMaxCanvasSize;

    /// <summary>What an x input value is multiplied by to get the relative scale, for an image <paramref name="width"/> wide.</summary>
    protected abstract float RelativeFactorX(float width);

    /// <summary>What a y input value is multiplied by to get the relative scale, for an image <paramref name="height"/> high.</summary>
    protected abstract float RelativeFactorY(float height);

    /// <summary>True when an x or y factor is not a constant (then the canvas is not scaled).</summary>
    public bool IsScalingVariable => Inputs[XInput].Link is not ConstantOperation || Inputs[YInput].Link is not ConstantOperation;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var image = Inputs[ImageInput].IsConnected ? resolver.Resolve(Inputs[ImageInput].Link!, preferred) : Rect.Empty;
        if (image.IsEmpty) return image;
        for (int i = XInput; i <= YInput; i++)
            if (Inputs[i].IsConnected) resolver.Resolve(Inputs[i].Link!, image);
        if (IsScalingVariable) return image;

        float scaleX = ConstantFactor(XInput) * RelativeFactorX(image.Width);
        float scaleY = ConstantFactor(YInput) * RelativeFactorY(image.Height);
        var scaled = ScaleArea(image, scaleX, scaleY);
        return ClampSize(scaled, MathF.Max(image.Width, MaxCanvasWidth), MathF.Max(image.Height, MaxCanvasHeight));
    }

    /// <summary>
    /// Blender's ScaleOperation::scale_area: the edges scaled about the rectangle's centre
    /// (outwards to whole pixels), then moved back so the corner stays where it was.
    /// </summary>
    public static Rect ScaleArea(Rect area, float scaleX, float scaleY)
    {
        float cx = (area.XMin + area.XMax) / 2f, cy = (area.YMin + area.YMax) / 2f;
        int xmin = (int)MathF.Floor(cx + (area.XMin - cx) * scaleX);
        int xmax = (int)MathF.Ceiling(cx + (area.XMax - cx) * scaleX);
        int ymin = (int)MathF.Floor(cy + (area.YMin - cy) * scaleY);
        int ymax = (int)MathF.Ceiling(cy + (area.YMax - cy) * scaleY);
        return new Rect(area.XMin, area.YMin, area.XMin + (xmax - xmin), area.YMin + (ymax - ymin));
    }

    /// <summary>Shrinks <paramref name="area"/> from its top-right corner to at most <paramref name="maxWidth"/> × <paramref name="maxHeight"/>.</summary>
    public static Rect ClampSize(Rect area, float maxWidth, float maxHeight)
    {
        if (area.Width > maxWidth) area = area with { XMax = (int)(area.XMin + maxWidth) };
        if (area.Height > maxHeight) area = area with { YMax = (int)(area.YMin + maxHeight) };
        return area;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (inputIndex != ImageInput) return outputArea;
        var imageCanvas = ImageCanvas;
        if (IsScalingVariable || outputArea.IsEmpty) return imageCanvas;
        float rx = ConstantFactor(XInput) * RelativeFactorX(imageCanvas.Width);
        float ry = ConstantFactor(YInput) * RelativeFactorY(imageCanvas.Height);
        var m = Mapping(imageCanvas);
        float x0 = m.SourceX(outputArea.XMin, rx), x1 = m.SourceX(outputArea.XMax - 1, rx);
        float y0 = m.SourceY(outputArea.YMin, ry), y1 = m.SourceY(outputArea.YMax - 1, ry);
        if (!float.IsFinite(x0) || !float.IsFinite(x1) || !float.IsFinite(y0) || !float.IsFinite(y1)) return imageCanvas;
        return Sampler.Footprint(Interpolation, MathF.Min(x0, x1), MathF.Min(y0, y1), MathF.Max(x0, x1), MathF.Max(y0, y1));
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var imageCanvas = Inputs[ImageInput].Link is { IsCanvasSet: true } p ? p.Canvas : image.Rect;
        var sampler = new Sampler(image, imageCanvas);
        var m = Mapping(imageCanvas);
        float fx = RelativeFactorX(imageCanvas.Width), fy = RelativeFactorY(imageCanvas.Height);
        int w = area.Width, c = o.Channels;
        var interpolation = Interpolation;
        bool fast = c == 4 && interpolation == Interpolation.Bilinear;
        var sx = new float[w];
        var sy = new float[w];
        // Constant factors: every row samples the same columns, so their positions are computed once.
        float[]? columns = null;
        if (fast && inputs[XInput].IsSingleElement)
        {
            float scaleX = inputs[XInput].SingleElement[0] * fx;
            columns = new float[w];
            for (int i = 0; i < w; i++) columns[i] = m.SourceX(area.XMin + i, scaleX);
        }

        var rowX = fast && columns is null ? new float[w] : null;
        var rowY = fast ? new float[w] : null;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var xs = columns is null ? inputs[XInput].ReadRow(y, area.XMin, w, sx) : default;
            var ys = inputs[YInput].ReadRow(y, area.XMin, w, sy);
            var dst = o.GetRow(y, area.XMin, w);
            if (fast)
            {
                if (rowX is not null)
                    for (int i = 0; i < w; i++) rowX[i] = m.SourceX(area.XMin + i, xs[i] * fx);
                if (inputs[YInput].IsSingleElement) rowY.AsSpan().Fill(m.SourceY(y, ys[0] * fy));
                else
                    for (int i = 0; i < w; i++) rowY![i] = m.SourceY(y, ys[i] * fy);
                sampler.Bilinear4Row(columns ?? rowX, rowY, dst);
                continue;
            }

            for (int i = 0; i < w; i++)
            {
                float px = m.SourceX(area.XMin + i, xs[i] * fx);
                float py = m.SourceY(y, ys[i] * fy);
                sampler.Sample(interpolation, px, py, dst.Slice(i * c, c));
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Interpolation);
        hash.Add(MaxCanvasWidth);
        hash.Add(MaxCanvasHeight);
        return true;
    }

    private Rect ImageCanvas => Inputs[ImageInput].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    private float ConstantFactor(int input) => Inputs[input].Link is ConstantOperation c ? c.Value[0] : 1f;

    private ScaleMapping Mapping(Rect imageCanvas) => new(imageCanvas.Width, imageCanvas.Height, Canvas);

    /// <summary>Output pixel (absolute) → image coordinate, as Blender 3.4's full-frame ScaleOperation computes it.</summary>
    private readonly struct ScaleMapping(int inWidth, int inHeight, Rect canvas)
    {
        private readonly float _cx = inWidth / 2f;
        private readonly float _cy = inHeight / 2f;
        private readonly float _ox = (inWidth - canvas.Width) / 2f;
        private readonly float _oy = (inHeight - canvas.Height) / 2f;

        public float SourceX(int x, float scale) => _cx + (x + _ox - _cx) / scale;

        public float SourceY(int y, float scale) => _cy + (y + _oy - _cy) / scale;
    }
}

/// <summary>Scale by factors of the image size (Blender's ScaleRelativeOperation; the compiler's fit-to-canvas scaling too).</summary>
public sealed class ScaleRelativeOperation : ScaleOperation
{
    /// <summary>Creates a relative scale of images of <paramref name="type"/>.</summary>
    public ScaleRelativeOperation(DataType type = DataType.Color) : base(type)
    {
    }

    /// <inheritdoc />
    protected override float RelativeFactorX(float width) => 1f;

    /// <inheritdoc />
    protected override float RelativeFactorY(float height) => 1f;
}

/// <summary>Scale to a size in pixels given by the X and Y inputs (Blender's ScaleAbsoluteOperation).</summary>
public sealed class ScaleAbsoluteOperation : ScaleOperation
{
    /// <summary>Creates an absolute scale of images of <paramref name="type"/>.</summary>
    public ScaleAbsoluteOperation(DataType type = DataType.Color) : base(type)
    {
    }

    /// <inheritdoc />
    protected override float RelativeFactorX(float width) => 1f / width;

    /// <inheritdoc />
    protected override float RelativeFactorY(float height) => 1f / height;
}
