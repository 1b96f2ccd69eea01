using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Translate node's operation (Blender 3.4's full-frame TranslateCanvasOperation): moves the
/// image by whole pixels. The X and Y offsets are read only when they are constants (otherwise 0),
/// multiplied by the given factors (the scene size for relative offsets) and truncated toward zero.
/// On an axis that does not wrap, the canvas itself moves by the offset (so the image is unchanged
/// and its consumer places it); on a wrapping axis the canvas stays and each pixel reads the image
/// at <c>x − offset</c>, wrapped into the image's canvas.
/// </summary>
public sealed class TranslateCanvasOperation : NodeOperation, IPixelShift
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the x offset input.</summary>
    public const int XInput = 1;

    /// <summary>Index of the y offset input.</summary>
    public const int YInput = 2;

    private int _deltaX;
    private int _deltaY;

    /// <summary>Creates a translation.</summary>
    /// <param name="wrapX">Wrap along x (Blender's wrap_axis XAXIS or BOTH).</param>
    /// <param name="wrapY">Wrap along y (YAXIS or BOTH).</param>
    /// <param name="factorX">What the x input is multiplied by (1, or the scene width for relative offsets).</param>
    /// <param name="factorY">What the y input is multiplied by.</param>
    public TranslateCanvasOperation(bool wrapX = false, bool wrapY = false, float factorX = 1f, float factorY = 1f) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.None);
        AddInput(DataType.Value, ResizeMode.None);
        AddInput(DataType.Value, ResizeMode.None);
        WrapX = wrapX;
        WrapY = wrapY;
        FactorX = factorX;
        FactorY = factorY;
        Flags = OperationFlags.Complex;
        CanvasInputIndex = ImageInput;
    }

    /// <summary>Wraps along x.</summary>
    public bool WrapX { get; }

    /// <summary>Wraps along y.</summary>
    public bool WrapY { get; }

    /// <summary>Multiplier of the x input.</summary>
    public float FactorX { get; }

    /// <summary>Multiplier of the y input.</summary>
    public float FactorY { get; }

    /// <summary>The whole-pixel x offset (known once the canvas is determined).</summary>
    public int DeltaX => _deltaX;

    /// <summary>The whole-pixel y offset.</summary>
    public int DeltaY => _deltaY;

    /// <inheritdoc />
    public int ShiftedInput => ImageInput;

    /// <inheritdoc />
    public (int X, int Y)? Shift => WrapX || WrapY ? null : (_deltaX, _deltaY);

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var image = Inputs[ImageInput].IsConnected ? resolver.Resolve(Inputs[ImageInput].Link!, preferred) : Rect.Empty;
        if (image.IsEmpty) return image;
        for (int i = XInput; i <= YInput; i++)
            if (Inputs[i].IsConnected) resolver.Resolve(Inputs[i].Link!, image);
        _deltaX = (int)(ConstantInputs.ValueOr(Inputs[XInput], 0f) * FactorX);
        _deltaY = (int)(ConstantInputs.ValueOr(Inputs[YInput], 0f) * FactorY);
        return image.Translate(WrapX ? 0 : _deltaX, WrapY ? 0 : _deltaY);
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (inputIndex != ImageInput) return outputArea;
        if (outputArea.IsEmpty) return outputArea;
        var source = outputArea.Translate(-_deltaX, -_deltaY);
        var canvas = ImageCanvas;
        var (xmin, xmax) = WrapX ? WrappedSpan(source.XMin, source.XMax, canvas.XMin, canvas.XMax) : (source.XMin, source.XMax);
        var (ymin, ymax) = WrapY ? WrappedSpan(source.YMin, source.YMax, canvas.YMin, canvas.YMax) : (source.YMin, source.YMax);
        return new Rect(xmin, ymin, xmax, ymax);
    }

    /// <summary>
    /// The smallest span of [<paramref name="cmin"/>, <paramref name="cmax"/>) holding every
    /// coordinate of [<paramref name="min"/>, <paramref name="max"/>) wrapped into it.
    /// </summary>
    public static (int Min, int Max) WrappedSpan(int min, int max, int cmin, int cmax)
    {
        int size = cmax - cmin;
        if (size <= 0) return (min, max);
        if ((long)max - min >= size) return (cmin, cmax);
        int a = Wrap(min, cmin, size), b = Wrap(max - 1, cmin, size);
        return a <= b ? (a, b + 1) : (cmin, cmax);
    }

    private static int Wrap(int v, int cmin, int size)
    {
        int r = (int)(((long)v - cmin) % size);
        if (r < 0) r += size;
        return cmin + r;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[ImageInput];
        int w = area.Width;
        if (!WrapX && !WrapY)
        {
            var scratch = input.IsSingleElement || !input.Rect.Contains(area.Translate(-_deltaX, -_deltaY)) ? new float[w * 4] : null;
            for (int y = area.YMin; y < area.YMax; y++)
                input.ReadRow(y - _deltaY, area.XMin - _deltaX, w, scratch).CopyTo(o.GetRow(y, area.XMin, w));
            return;
        }

        var sampler = new Sampler(input, ImageCanvas, WrapX ? EdgeMode.Repeat : EdgeMode.Clip, WrapY ? EdgeMode.Repeat : EdgeMode.Clip);
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            float sy = y - _deltaY;
            for (int i = 0; i < w; i++) sampler.Nearest(area.XMin + i - _deltaX, sy, dst.Slice(i * 4, 4));
        }
    }

    private Rect ImageCanvas => Inputs[ImageInput].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(WrapX);
        hash.Add(WrapY);
        hash.Add(FactorX);
        hash.Add(FactorY);
        hash.Add(_deltaX);
        hash.Add(_deltaY);
        return true;
    }
}
