using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Sun beams (Blender's SunBeamsOperation): each output pixel averages the input along the line
/// from itself towards the source point, over at most <c>ray_length</c> × the longer canvas side,
/// the samples weighted by their alpha and by (1 − i·falloff)², i counting from the pixel. The line
/// is walked one pixel at a time along its major axis (one of eight sectors around the source),
/// stepping the minor axis whenever the accumulated slope crosses a pixel; steps beyond the image
/// repeat the last pixel read inside it (black with alpha 1 before any).
/// </summary>
/// <remarks>
/// Reads its whole input (the rays may leave the area's neighbourhood), so both execution models
/// see the same image edges as Blender's full-frame model.
/// </remarks>
public sealed class SunBeamsOperation : NodeOperation
{
    private readonly float _sourceX;
    private readonly float _sourceY;
    private readonly float _rayLength;

    /// <summary>Creates the operation: <paramref name="sourceX"/>, <paramref name="sourceY"/> relative to the canvas size.</summary>
    public SunBeamsOperation(float sourceX, float sourceY, float rayLength) : base(DataType.Color)
    {
        _sourceX = sourceX;
        _sourceY = sourceY;
        _rayLength = rayLength;
        AddInput(DataType.Color);
        CanvasInputIndex = 0;
        Flags = OperationFlags.Complex;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        float sx = _sourceX * Canvas.Width, sy = _sourceY * Canvas.Height;
        float maxDist = _rayLength * Math.Max(Canvas.Width, Canvas.Height);
        if (input.IsSingleElement)
        {
            var v = input.SingleElement;
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = o.GetRow(y, area.XMin, area.Width);
                for (int x = 0; x < area.Width; x++) Accumulate(null, Canvas, x + area.XMin, y, sx, sy, maxDist, row.Slice(x * 4, 4), v);
            }

            return;
        }

        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = o.GetRow(y, area.XMin, area.Width);
            for (int x = 0; x < area.Width; x++) Accumulate(input, input.Rect, x + area.XMin, y, sx, sy, maxDist, row.Slice(x * 4, 4), default);
        }
    }

    private static void Accumulate(MemoryBuffer? input, Rect rect, int px, int py, float sx, float sy, float distMax, Span<float> dst, ReadOnlySpan<float> constant)
    {
        dst.Clear();
        float ox = px - sx, oy = py - sy;
        if ((int)ox == 0 && (int)oy == 0)
        {
            int cx = (int)sx, cy = (int)sy;
            if (rect.Contains(cx, cy)) Read(input, cx, cy, constant, dst);
            return;
        }

        // The sector: (fxu, fyu) is the major-axis step, (fxv, fyv) the minor-axis step.
        int fxu, fxv, fyu, fyv;
        if (MathF.Abs(oy) > MathF.Abs(ox))
        {
            fxu = 0; fyv = 0;
            fxv = ox > 0f ? 1 : -1;
            fyu = oy > 0f ? 1 : -1;
        }
        else
        {
            fxv = 0; fyu = 0;
            fxu = ox > 0f ? 1 : -1;
            fyv = oy > 0f ? 1 : -1;
        }

        int x0 = (int)sx, y0 = (int)sy;
        float rx = px - (float)x0, ry = py - (float)y0;
        float pu = rx * fxu + ry * fyu;
        float pv = rx * fxv + ry * fyv;
        float tanPhi = pv / pu;
        float dr = MathF.Sqrt(tanPhi * tanPhi + 1f);
        float cosPhi = 1f / dr;
        float umin = MathF.Max(pu - cosPhi * 0f, 0f);
        float umax = MathF.Max(pu - cosPhi * distMax, 0f);
        // Blender's optimized build evaluates umin · (pv / pu) as (umin · pv) / pu: on lines through
        // pixel corners that gives an exact integer where the literal product rounds above it, which
        // decides the first pixel of the walk (checked against Blender 3.4.1's results).
        float v = umin * pv / pu;
        float dv = tanPhi;
        int start = (int)MathF.Floor(umax);
        int end = (int)MathF.Ceiling(umin);
        int num = end - start;
        int vi = (int)MathF.Ceiling(v);
        int x = x0 + end * fxu + vi * fxv;
        int y = y0 + end * fyu + vi * fyv;
        float falloff = distMax > 0f ? dr / distMax : 0f;

        Span<float> border = [0f, 0f, 0f, 1f];
        Span<float> pixel = stackalloc float[4];
        float r = 0f, g = 0f, b = 0f, a = 0f;
        float vLocal = v - MathF.Floor(v);
        for (int i = 0; i < num; i++)
        {
            float weight = 1f - i * falloff;
            weight *= weight;
            if (rect.Contains(x, y))
            {
                Read(input, x, y, constant, pixel);
                pixel.CopyTo(border);
            }

            float w = border[3] * weight;
            r += border[0] * w;
            g += border[1] * w;
            b += border[2] * w;
            a += border[3] * w;

            x -= fxu;
            y -= fyu;
            vLocal -= dv;
            if (vLocal < 0f)
            {
                vLocal += 1f;
                x -= fxv;
                y -= fyv;
            }
        }

        if (num > 0)
        {
            float inv = 1f / num;
            dst[0] = r * inv;
            dst[1] = g * inv;
            dst[2] = b * inv;
            dst[3] = a * inv;
        }
    }

    private static void Read(MemoryBuffer? input, int x, int y, ReadOnlySpan<float> constant, Span<float> dst)
    {
        if (input is null) constant.CopyTo(dst);
        else input.Span.Slice(input.IndexOf(x, y), 4).CopyTo(dst);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_sourceX);
        hash.Add(_sourceY);
        hash.Add(_rayLength);
        return true;
    }
}
