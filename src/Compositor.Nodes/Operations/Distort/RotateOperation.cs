using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// Rotates an image about its centre by the angle (radians) of its Degr input, which is read only
/// when it is a constant (otherwise 0), as Blender 3.4's full-frame RotateOperation does.
/// </summary>
/// <remarks>
/// <para>
/// Canvas: the bounds of the rotated input canvas (whole pixels, outwards), moved back by half
/// the size change (truncated toward zero), so the rotated image stays centred on the input.
/// </para>
/// <para>
/// Sampling: with <c>c = ((w − 1)/2, (h − 1)/2)</c> from the input's size and <c>o</c> = half the
/// size difference (input − output), output pixel <c>p</c> (absolute) reads the input at
/// <c>R(o + p)</c>, where R rotates by −angle about c (checked against Blender 3.4: the canvas's
/// corner plays no part). Bicubic samples as bilinear, as in Blender 3.4's full-frame buffers.
/// </para>
/// </remarks>
public sealed class RotateOperation : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the angle input.</summary>
    public const int AngleInput = 1;

    private float _sine;
    private float _cosine = 1f;

    /// <summary>Creates a rotation sampling with <paramref name="interpolation"/>.</summary>
    public RotateOperation(Interpolation interpolation = Interpolation.Bilinear) : base(DataType.Color)
    {
        AddInput(DataType.Color, ResizeMode.None);
        AddInput(DataType.Value, ResizeMode.None);
        Interpolation = interpolation;
        Flags = OperationFlags.Complex;
        CanvasInputIndex = ImageInput;
    }

    /// <summary>The interpolation asked for (bicubic is applied as bilinear).</summary>
    public Interpolation Interpolation { get; }

    /// <summary>The angle's sine (known once the canvas is determined).</summary>
    public float Sine => _sine;

    /// <summary>The angle's cosine.</summary>
    public float Cosine => _cosine;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        var image = Inputs[ImageInput].IsConnected ? resolver.Resolve(Inputs[ImageInput].Link!, preferred) : Rect.Empty;
        if (image.IsEmpty) return image;
        if (Inputs[AngleInput].IsConnected) resolver.Resolve(Inputs[AngleInput].Link!, image);
        double radians = ConstantInputs.ValueOr(Inputs[AngleInput], 0f);
        _cosine = (float)System.Math.Cos(radians);
        _sine = (float)System.Math.Sin(radians);
        return RotationCanvas(image, _sine, _cosine);
    }

    /// <summary>The rotation centre of a canvas: ((w − 1)/2, (h − 1)/2), from its size only.</summary>
    public static (float X, float Y) Center(Rect canvas) => ((canvas.Width - 1) / 2f, (canvas.Height - 1) / 2f);

    /// <summary>The canvas a rotation of <paramref name="input"/> produces (Blender's get_rotation_canvas).</summary>
    public static Rect RotationCanvas(Rect input, float sine, float cosine)
    {
        var (cx, cy) = Center(input);
        var bounds = RotatedBounds(input, cx, cy, sine, cosine);
        float offsetX = (input.Width - bounds.Width) / 2f, offsetY = (input.Height - bounds.Height) / 2f;
        return bounds.Translate((int)-offsetX, (int)-offsetY);
    }

    /// <summary>The whole-pixel bounds of <paramref name="area"/>'s corners rotated by the angle about (cx, cy) (Blender's get_area_rotation_bounds).</summary>
    public static Rect RotatedBounds(Rect area, float cx, float cy, float sine, float cosine)
    {
        float dxmin = area.XMin - cx, dymin = area.YMin - cy, dxmax = area.XMax - cx, dymax = area.YMax - cy;
        float x1 = cx + (cosine * dxmin + -sine * dymin), x2 = cx + (cosine * dxmax + -sine * dymin);
        float x3 = cx + (cosine * dxmin + -sine * dymax), x4 = cx + (cosine * dxmax + -sine * dymax);
        float y1 = cy + (sine * dxmin + cosine * dymin), y2 = cy + (sine * dxmax + cosine * dymin);
        float y3 = cy + (sine * dxmin + cosine * dymax), y4 = cy + (sine * dxmax + cosine * dymax);
        float minX = MathF.Min(x1, MathF.Min(x2, MathF.Min(x3, x4))), maxX = MathF.Max(x1, MathF.Max(x2, MathF.Max(x3, x4)));
        float minY = MathF.Min(y1, MathF.Min(y2, MathF.Min(y3, y4))), maxY = MathF.Max(y1, MathF.Max(y2, MathF.Max(y3, y4)));
        return new Rect((int)MathF.Floor(minX), (int)MathF.Floor(minY), (int)MathF.Ceiling(maxX), (int)MathF.Ceiling(maxY));
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea)
    {
        if (inputIndex != ImageInput) return outputArea;
        if (outputArea.IsEmpty) return outputArea;
        var m = Mapping();
        float minX = float.PositiveInfinity, minY = float.PositiveInfinity, maxX = float.NegativeInfinity, maxY = float.NegativeInfinity;
        foreach (int x in new[] { outputArea.XMin, outputArea.XMax - 1 })
            foreach (int y in new[] { outputArea.YMin, outputArea.YMax - 1 })
            {
                m.Source(x, y, out float sx, out float sy);
                minX = MathF.Min(minX, sx);
                maxX = MathF.Max(maxX, sx);
                minY = MathF.Min(minY, sy);
                maxY = MathF.Max(maxY, sy);
            }

        return Sampler.Footprint(Interpolation.AsBlenderFullFrame(), minX, minY, maxX, maxY);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        if (o.IsSingleElement)
        {
            image.SingleElement.CopyTo(o.DangerousGetArray());
            return;
        }

        var sampler = new Sampler(image, ImageCanvas);
        var m = Mapping();
        int w = area.Width;
        if (Interpolation.AsBlenderFullFrame() == Interpolation.Bilinear)
        {
            // A rotated row reads a slanted line across many input rows; in narrow column blocks
            // the input rows one output row touches are still cached for the next.
            for (int x0 = area.XMin; x0 < area.XMax; x0 += ColumnBlock)
            {
                int count = System.Math.Min(ColumnBlock, area.XMax - x0);
                for (int y = area.YMin; y < area.YMax; y++) m.SampleRowBilinear(sampler, x0, y, o.GetRow(y, x0, count));
            }

            return;
        }

        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            for (int i = 0; i < w; i++)
            {
                m.Source(area.XMin + i, y, out float sx, out float sy);
                sampler.Nearest(sx, sy, dst.Slice(i * 4, 4));
            }
        }
    }

    private const int ColumnBlock = 64;

    private Rect ImageCanvas => Inputs[ImageInput].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    private RotateMapping Mapping() => new(ImageCanvas, Canvas, _sine, _cosine);

    /// <summary>Output pixel → input position (Blender 3.4's full-frame RotateOperation).</summary>
    private readonly struct RotateMapping
    {
        private readonly float _cx, _cy, _ox, _oy, _sine, _cosine;

        public RotateMapping(Rect input, Rect canvas, float sine, float cosine)
        {
            (_cx, _cy) = Center(input);
            _ox = (input.Width - canvas.Width) / 2f;
            _oy = (input.Height - canvas.Height) / 2f;
            _sine = sine;
            _cosine = cosine;
        }

        public void Source(int x, int y, out float sx, out float sy)
        {
            float px = _ox + x, py = _oy + y;
            float dx = px - _cx, dy = py - _cy;
            sx = _cx + (_cosine * dx + _sine * dy);
            sy = _cy + (-_sine * dx + _cosine * dy);
        }

        /// <summary>Bilinear samples for the pixels of <paramref name="dst"/> (at most <see cref="ColumnBlock"/>), row <paramref name="y"/> from <paramref name="x0"/>, positioned as <see cref="Source"/> does.</summary>
        public void SampleRowBilinear(in Sampler sampler, int x0, int y, Span<float> dst)
        {
            // The row's terms of Source, hoisted: per pixel the same operations in the same order.
            float dy = (_oy + y) - _cy;
            float sineDy = _sine * dy, cosineDy = _cosine * dy;
            int count = dst.Length / 4;
            Span<float> xs = stackalloc float[ColumnBlock];
            Span<float> ys = stackalloc float[ColumnBlock];
            for (int i = 0; i < count; i++)
            {
                float dx = (_ox + (x0 + i)) - _cx;
                xs[i] = _cx + (_cosine * dx + sineDy);
                ys[i] = _cy + (-_sine * dx + cosineDy);
            }

            sampler.Bilinear4Row(xs[..count], ys[..count], dst);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Interpolation);
        hash.Add(_sine);
        hash.Add(_cosine);
        return true;
    }
}
