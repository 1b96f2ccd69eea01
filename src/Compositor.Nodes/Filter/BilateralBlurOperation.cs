using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Bilateral Blur (Blender's BilateralBlurOperation): the plain mean of the image pixels in the
/// window [⌊x − r⌋, ⌈x + r⌉) × [⌊y − r⌋, ⌈y + r⌉), r = sigma_space + iterations, whose determinator
/// colour differs from the determinator at the pixel by less than sigma_color (sum of the absolute
/// RGB differences). Pixels beyond the canvas read as transparent black in both inputs. With no
/// pixel accepted the result is opaque black. Lower quality takes every second or third pixel of the
/// window.
/// </summary>
public sealed partial class BilateralBlurOperation : NodeOperation
{
    /// <summary>The image input.</summary>
    public const int ImageInput = 0;

    /// <summary>The determinator input.</summary>
    public const int DeterminatorInput = 1;

    private int _step = 1;

    /// <summary>Creates the operation.</summary>
    public BilateralBlurOperation(int iterations, float sigmaColor, float sigmaSpace) : base(DataType.Color)
    {
        Iterations = iterations;
        SigmaColor = sigmaColor;
        SigmaSpace = sigmaSpace;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        Flags = OperationFlags.Complex;
    }

    /// <summary>Added to the space sigma to give the window radius.</summary>
    public int Iterations { get; }

    /// <summary>Largest accepted determinator difference (exclusive).</summary>
    public float SigmaColor { get; }

    /// <summary>Window radius before the iterations are added.</summary>
    public float SigmaSpace { get; }

    /// <summary>The window radius.</summary>
    public float Space => SigmaSpace + Iterations;

    /// <summary>Blender's quality step for this operation (increase mode): 1, 2 or 3.</summary>
    public static int QualityStep(RenderQuality quality) => quality switch
    {
        RenderQuality.Medium => 2,
        RenderQuality.Low => 3,
        _ => 1,
    };

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context) => _step = QualityStep(context.Quality);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        int add = (int)MathF.Ceiling(Space) + 1;
        return outputArea.Expand(add, add);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Iterations);
        hash.Add(SigmaColor);
        hash.Add(SigmaSpace);
        return true;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var det = inputs[DeterminatorInput];
        var imageDomain = Domain(ImageInput, image);
        var detDomain = Domain(DeterminatorInput, det);
        float[] img = image.DangerousGetArray(), dd = det.DangerousGetArray();
        float space = Space, sigma = SigmaColor;
        int step = _step;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            int y0 = (int)MathF.Floor(y - space), y1 = (int)MathF.Ceiling(y + space);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                int x0 = (int)MathF.Floor(x - space), x1 = (int)MathF.Ceiling(x + space);
                int ri = det.IndexOf(x, y);
                float r0 = dd[ri], r1 = dd[ri + 1], r2 = dd[ri + 2];
                bool zeroAccepted = MathF.Abs(r0) + MathF.Abs(r1) + MathF.Abs(r2) < sigma;
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, count = 0;
                for (int yi = y0; yi < y1; yi += step)
                {
                    bool detRow = yi >= detDomain.YMin && yi < detDomain.YMax;
                    bool imgRow = yi >= imageDomain.YMin && yi < imageDomain.YMax;
                    for (int xi = x0; xi < x1; xi += step)
                    {
                        bool accepted;
                        if (detRow && xi >= detDomain.XMin && xi < detDomain.XMax)
                        {
                            int di = det.IndexOf(xi, yi);
                            accepted = MathF.Abs(r0 - dd[di]) + MathF.Abs(r1 - dd[di + 1]) + MathF.Abs(r2 - dd[di + 2]) < sigma;
                        }
                        else
                        {
                            accepted = zeroAccepted;
                        }

                        if (!accepted) continue;
                        count += 1f;
                        if (imgRow && xi >= imageDomain.XMin && xi < imageDomain.XMax)
                        {
                            int ii = image.IndexOf(xi, yi);
                            a0 += img[ii]; a1 += img[ii + 1]; a2 += img[ii + 2]; a3 += img[ii + 3];
                        }
                    }
                }

                var d = dst.Slice((x - area.XMin) * 4, 4);
                if (count > 0f)
                {
                    float inv = 1f / count;
                    d[0] = a0 * inv; d[1] = a1 * inv; d[2] = a2 * inv; d[3] = a3 * inv;
                }
                else
                {
                    d[0] = 0f; d[1] = 0f; d[2] = 0f; d[3] = 1f;
                }
            }
        }
    }

    private Rect Domain(int index, MemoryBuffer buffer)
    {
        var canvas = Inputs[index].Link is { IsCanvasSet: true } p ? p.Canvas : buffer.Rect;
        return buffer.IsSingleElement ? canvas : canvas.Intersect(buffer.Rect);
    }
}
