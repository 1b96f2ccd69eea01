using System.Numerics;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The Blur node's variable-size blur (Blender's GaussianBlurReferenceOperation): each pixel is
/// blurred with a 2D separable kernel whose radii are the pixel's Size value (input 1) times the
/// node's radii, truncated and kept within 1 and the node's radii (at most half the canvas). The
/// window runs from −r to r − 1 around the pixel (Blender's loop stops one short), clipped to the
/// canvas, and is renormalized. Radii of 1 on both axes copy the pixel.
/// </summary>
public sealed class GaussianBlurReferenceOperation : BlurOperationBase
{
    private float[][] _tables = [];
    private int _filterSizeX;
    private int _filterSizeY;
    private int _sizeX;
    private int _sizeY;

    /// <summary>Creates the operation.</summary>
    public GaussianBlurReferenceOperation(BlurSettings settings) : base(settings)
    {
    }

    /// <summary>Largest radius along x (after initialization).</summary>
    public int FilterSizeX => _filterSizeX;

    /// <summary>Largest radius along y (after initialization).</summary>
    public int FilterSizeY => _filterSizeY;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        base.InitializeExecution(context);
        (_sizeX, _sizeY) = (Settings.SizeX, Settings.SizeY);
        if (Settings.Relative)
        {
            // Blender truncates here (the other blurs round).
            int w = Canvas.Width, h = Canvas.Height;
            (float bx, float by) = Settings.Aspect switch
            {
                BlurAspect.Y => (w, w),
                BlurAspect.X => (h, h),
                _ => (w, h),
            };
            _sizeX = (int)(Settings.FactorX * 0.01f * bx);
            _sizeY = (int)(Settings.FactorY * 0.01f * by);
        }

        _filterSizeX = ClampRadius(_sizeX, Canvas.Width / 2);
        _filterSizeY = ClampRadius(_sizeY, Canvas.Height / 2);
        int n = Math.Max(_filterSizeX, _filterSizeY);
        _tables = new float[n][];
        for (int i = 0; i < n; i++) _tables[i] = BlurFilter.Kernel(Settings.Filter, i + 1, i + 1);
    }

    /// <summary>Blender's clamp of a radius: at most <paramref name="max"/>, else at least 1.</summary>
    private static int ClampRadius(int r, int max) => r > max ? max : r < 1 ? 1 : r;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == SizeInput ? outputArea : ImageAreaOfInterest(outputArea);

    /// <inheritdoc />
    protected override Rect ImageAreaOfInterest(Rect outputArea)
    {
        RequireInitialized();
        return outputArea.Expand(_sizeX + 2, _sizeY + 2);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var sizes = inputs[SizeInput];
        int w = Canvas.Width, h = Canvas.Height;
        float radX = _filterSizeX, radY = _filterSizeY;
        var sizeRow = new float[area.Width];
        var pixel = new float[4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, area.Width);
            var refSizes = sizes.ReadRow(y, area.XMin, area.Width, sizeRow);
            for (int x = area.XMin; x < area.XMax; x++)
            {
                float refSize = refSizes[x - area.XMin];
                int rx = ClampRadius((int)(refSize * radX), _filterSizeX);
                int ry = ClampRadius((int)(refSize * radY), _filterSizeY);
                int d = (x - area.XMin) * 4;
                if (rx == 1 && ry == 1)
                {
                    image.ReadElementChecked(x, y, pixel);
                    pixel.CopyTo(dst.Slice(d, 4));
                    continue;
                }

                int cx = x - Canvas.XMin, cy = y - Canvas.YMin;
                int minx = cx - rx < 0 ? -cx : -rx, maxx = cx + rx > w ? w - cx : rx;
                int miny = cy - ry < 0 ? -cy : -ry, maxy = cy + ry > h ? h - cy : ry;
                var tx = _tables[rx - 1];
                var ty = _tables[ry - 1];
                var acc = new Vector4();
                float sum = 0f;
                for (int i = miny; i < maxy; i++)
                {
                    int yy = y + i;
                    for (int j = minx; j < maxx; j++)
                    {
                        float v = ty[i + ry] * tx[j + rx];
                        sum += v;
                        int xx = x + j;
                        if (!image.IsSingleElement && !image.Rect.Contains(xx, yy)) continue;
                        acc += GaussianBlurOperation.Load(image.DangerousGetArray(), image.IndexOf(xx, yy)) * v;
                    }
                }

                GaussianBlurOperation.Store(dst, d, acc * (1f / sum));
            }
        }
    }
}
