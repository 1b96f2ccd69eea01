using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;

namespace Compositor.Operations;

/// <summary>
/// Scales its image to a fixed size in pixels (Blender's full-frame ScaleFixedSizeOperation, the
/// Scale node's RENDER_SIZE space): stretched, or keeping the image's aspect ratio fitted inside
/// (FIT) or covering (CROP) the size, with an optional offset in units of the larger side.
/// Output pixel x reads the image at <c>(x - offset) · w_in / w_out</c> (bilinear), x absolute.
/// </summary>
/// <remarks>
/// Blender 3.4's full-frame canvas (checked against Blender): it starts at the image's corner
/// divided by the ratio plus the truncated offset (so a FIT or an offset moves the canvas, and the
/// consumer's centring then clips at its edge), and a CROP widens it to cover the scaled image
/// (at most the maximum size), moving the offset by half the added size.
/// </remarks>
public sealed class ScaleFixedSizeOperation : NodeOperation
{
    private const float FltEpsilon = 1.1920929e-7f;
    private readonly float _offsetX0;
    private readonly float _offsetY0;
    private int _newWidth;
    private int _newHeight;
    private float _relX = 1f;
    private float _relY = 1f;
    private float _offsetX;
    private float _offsetY;
    private bool _isOffset;

    /// <summary>Creates a scale of a color image to <paramref name="width"/> × <paramref name="height"/>.</summary>
    /// <param name="width">Target width in pixels.</param>
    /// <param name="height">Target height in pixels.</param>
    /// <param name="keepAspect">Keep the image's aspect ratio (FIT or CROP).</param>
    /// <param name="crop">Cover the size (CROP) rather than fit inside it.</param>
    /// <param name="offsetX">Horizontal offset in units of the larger target side.</param>
    /// <param name="offsetY">Vertical offset in units of the larger target side.</param>
    public ScaleFixedSizeOperation(int width, int height, bool keepAspect, bool crop, float offsetX = 0f, float offsetY = 0f) : base(DataType.Color)
    {
        Width = width;
        Height = height;
        KeepAspect = keepAspect;
        Crop = crop;
        _offsetX0 = offsetX;
        _offsetY0 = offsetY;
        AddInput(DataType.Color, ResizeMode.None);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = 0;
        _newWidth = width;
        _newHeight = height;
    }

    /// <summary>Target width.</summary>
    public int Width { get; }

    /// <summary>Target height.</summary>
    public int Height { get; }

    /// <summary>Keep the image's aspect ratio.</summary>
    public bool KeepAspect { get; }

    /// <summary>Cover rather than fit.</summary>
    public bool Crop { get; }

    /// <summary>The largest width a CROP may widen the canvas to.</summary>
    public float MaxCanvasWidth { get; init; } = ScaleOperation.DefaultMaxCanvasSize;

    /// <summary>The largest height a CROP may heighten the canvas to.</summary>
    public float MaxCanvasHeight { get; init; } = ScaleOperation.DefaultMaxCanvasSize;

    /// <summary>How the image is sampled (Blender forces bilinear).</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var local = preferred with { XMax = preferred.XMin + Width, YMax = preferred.YMin + Height };
        var input = Inputs[0].IsConnected ? resolver.Resolve(Inputs[0].Link!, local) : Rect.Empty;
        if (input.IsEmpty) return input;
        Prepare(input.Width, input.Height);
        int xmin = (int)(input.XMin / _relX), ymin = (int)(input.YMin / _relY);
        xmin = (int)(xmin + _offsetX);
        ymin = (int)(ymin + _offsetY);
        return new Rect(xmin, ymin, xmin + _newWidth, ymin + _newHeight);
    }

    /// <summary>Blender's ScaleFixedSizeOperation::init_data: ratios, offsets and the widened size of a crop.</summary>
    private void Prepare(int inputWidth, int inputHeight)
    {
        _newWidth = Width;
        _newHeight = Height;
        _relX = inputWidth / (float)_newWidth;
        _relY = inputHeight / (float)_newHeight;
        _offsetX = _offsetX0;
        _offsetY = _offsetY0;
        _isOffset = false;
        if (_offsetX != 0f || _offsetY != 0f)
        {
            _isOffset = true;
            float unit = _newWidth > _newHeight ? _newWidth : _newHeight;
            _offsetX *= unit;
            _offsetY *= unit;
        }

        if (!KeepAspect) return;
        float wSrc = inputWidth, hSrc = inputHeight, wDst = _newWidth, hDst = _newHeight;
        float aspSrc = wSrc / hSrc, aspDst = wDst / hDst;
        if (MathF.Abs(aspSrc - aspDst) < FltEpsilon) return;
        if ((aspSrc > aspDst) == Crop)
        {
            float div = aspSrc / aspDst;
            _relX /= div;
            _offsetX += (wSrc - wSrc * div) / (wSrc / wDst) / 2f;
            if (Crop)
            {
                int fit = (int)(_newWidth * div);
                if (fit > MaxCanvasWidth) fit = (int)MaxCanvasWidth;
                int added = fit - _newWidth;
                _newWidth += added;
                _offsetX += added / 2f;
            }
        }
        else
        {
            float div = aspDst / aspSrc;
            _relY /= div;
            _offsetY += (hSrc - hSrc * div) / (hSrc / hDst) / 2f;
            if (Crop)
            {
                int fit = (int)(_newHeight * div);
                if (fit > MaxCanvasHeight) fit = (int)MaxCanvasHeight;
                int added = fit - _newHeight;
                _newHeight += added;
                _offsetY += added / 2f;
            }
        }

        _isOffset = true;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (outputArea.IsEmpty) return outputArea;
        float x0 = SourceX(outputArea.XMin), x1 = SourceX(outputArea.XMax - 1);
        float y0 = SourceY(outputArea.YMin), y1 = SourceY(outputArea.YMax - 1);
        return Sampler.Footprint(Interpolation, MathF.Min(x0, x1), MathF.Min(y0, y1), MathF.Max(x0, x1), MathF.Max(y0, y1));
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[0];
        var canvas = Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : image.Rect;
        var sampler = new Sampler(image, canvas);
        int w = area.Width;
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            float sy = SourceY(y);
            for (int i = 0; i < w; i++)
            {
                float sx = SourceX(area.XMin + i);
                if (Interpolation == Interpolation.Bilinear) sampler.Bilinear4(sx, sy).CopyTo(dst.Slice(i * 4, 4));
                else sampler.Sample(Interpolation, sx, sy, dst.Slice(i * 4, 4));
            }
        }
    }

    private float SourceX(int x) => _isOffset ? (x - _offsetX) * _relX : x * _relX;

    private float SourceY(int y) => _isOffset ? (y - _offsetY) * _relY : y * _relY;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Width);
        hash.Add(Height);
        hash.Add(KeepAspect);
        hash.Add(Crop);
        hash.Add(_offsetX0);
        hash.Add(_offsetY0);
        hash.Add(MaxCanvasWidth);
        hash.Add(MaxCanvasHeight);
        hash.Add(Interpolation);
        return true;
    }
}
