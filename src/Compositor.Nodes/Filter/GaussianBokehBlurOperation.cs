using System.Numerics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The Blur node with <c>use_bokeh</c> (Blender's GaussianBokehBlurOperation): a 2D kernel of the
/// chosen filter at the elliptical distance from the centre, radii size·size_x and size·size_y
/// clamped to half the canvas. Taps beyond the input's canvas are dropped and the rest
/// renormalized; lower quality takes every second or fourth row and column of taps.
/// </summary>
/// <remarks>
/// Each output row is accumulated as whole-row multiply-adds, one per kernel tap, over the pixels
/// whose kernel columns all lie inside; pixels near the left and right edges are summed one by one.
/// </remarks>
public sealed class GaussianBokehBlurOperation : BlurOperationBase
{
    private float[] _kernel = [1f];
    private int _radX;
    private int _radY;

    /// <summary>Creates the operation.</summary>
    public GaussianBokehBlurOperation(BlurSettings settings) : base(settings)
    {
    }

    /// <summary>Kernel half-width in pixels (after initialization).</summary>
    public int RadiusX => _radX;

    /// <summary>Kernel half-height in pixels (after initialization).</summary>
    public int RadiusY => _radY;

    /// <summary>The normalized kernel, rows from the bottom (after initialization).</summary>
    public ReadOnlySpan<float> Kernel => _kernel;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        base.InitializeExecution(context);
        float radxf = Math.Clamp(Size * BlurSizeX, 0f, Canvas.Width / 2f);
        float radyf = Math.Clamp(Size * BlurSizeY, 0f, Canvas.Height / 2f);
        _radX = (int)MathF.Ceiling(radxf);
        _radY = (int)MathF.Ceiling(radyf);
        _kernel = BlurFilter.Kernel2D(Settings.Filter, radxf, radyf, _radX, _radY);
    }

    /// <inheritdoc />
    protected override Rect ImageAreaOfInterest(Rect outputArea)
    {
        RequireInitialized();
        return outputArea.Expand(_radX, _radY);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[ImageInput];
        int width = area.Width;
        if (input.IsSingleElement)
        {
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = o.GetRow(y, area.XMin, width);
                for (int i = 0; i < row.Length; i += 4) input.SingleElement.CopyTo(row.Slice(i, 4));
            }

            return;
        }

        var domain = InputDomain(ImageInput, input).Intersect(input.Rect);
        int rx = _radX, ry = _radY, kw = 2 * rx + 1, step = Step;
        var kernel = _kernel;
        var data = input.DangerousGetArray();
        var rect = input.Rect;

        int inner0 = Math.Max(area.XMin, domain.XMin + rx), inner1 = Math.Min(area.XMax, domain.XMax - rx);
        if (step != 1) inner1 = inner0;

        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, width);
            int ymin = Math.Max(y - ry, domain.YMin), ymax = Math.Min(y + ry + 1, domain.YMax);
            if (ymax <= ymin || domain.IsEmpty)
            {
                dst.Clear();
                continue;
            }

            if (inner1 > inner0)
            {
                var acc = dst.Slice((inner0 - area.XMin) * 4, (inner1 - inner0) * 4);
                acc.Clear();
                float sum = 0f;
                for (int ny = ymin; ny < ymax; ny++)
                {
                    int kRow = (ny - y + ry) * kw;
                    int rowBase = input.IndexOf(rect.XMin, ny);
                    for (int t = 0; t < kw; t++)
                    {
                        float w = kernel[kRow + t];
                        sum += w;
                        int start = rowBase + (inner0 - rx + t - rect.XMin) * 4;
                        GaussianBlurOperation.MultiplyAdd(acc, data.AsSpan(start, acc.Length), w);
                    }
                }

                GaussianBlurOperation.Scale(acc, 1f / sum);
            }

            for (int x = area.XMin; x < area.XMax; x++)
            {
                if (x >= inner0 && x < inner1) continue;
                int xmin = Math.Max(x - rx, domain.XMin), xmax = Math.Min(x + rx + 1, domain.XMax);
                var acc = new Vector4();
                float sum = 0f;
                for (int ny = ymin; ny < ymax; ny += step)
                {
                    int k = (ny - y + ry) * kw + (xmin - x + rx);
                    int kEnd = k + (xmax - xmin);
                    int idx = input.IndexOf(xmin, ny);
                    for (; k < kEnd; k += step, idx += 4 * step)
                    {
                        float w = kernel[k];
                        acc += GaussianBlurOperation.Load(data, idx) * w;
                        sum += w;
                    }
                }

                GaussianBlurOperation.Store(dst, (x - area.XMin) * 4, xmax > xmin ? acc * (1f / sum) : Vector4.Zero);
            }
        }
    }
}
