using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// Base of the glare algorithms (Blender's GlareBaseOperation): a whole-image operation that reads
/// its entire input (the thresholded highlights) and computes the whole glare in one call, on one
/// thread. A constant input yields that constant.
/// </summary>
public abstract class GlareOperationBase : NodeOperation
{
    /// <summary>Creates the operation.</summary>
    protected GlareOperationBase(GlareSettings settings) : base(DataType.Color)
    {
        Settings = settings;
        AddInput(DataType.Color);
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;
    }

    /// <summary>The node's settings.</summary>
    public GlareSettings Settings { get; }

    /// <summary>Threads <see cref="Generate"/> may use (the render's <see cref="RenderContext.Concurrency"/>).</summary>
    protected int Concurrency { get; private set; } = 1;

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

    /// <summary>
    /// Computes the glare of <paramref name="source"/> into <paramref name="destination"/>: both
    /// hold <paramref name="width"/> × <paramref name="height"/> RGBA pixels, rows bottom-up;
    /// <paramref name="destination"/> starts zeroed. Implementations may overwrite <paramref name="source"/>.
    /// </summary>
    protected abstract void Generate(float[] source, float[] destination, int width, int height);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        if (input.IsSingleElement)
        {
            var value = input.SingleElement;
            if (o.IsSingleElement) { value.CopyTo(o.DangerousGetArray()); return; }
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = o.GetRow(y, area.XMin, area.Width);
                for (int i = 0; i < row.Length; i += 4) value.CopyTo(row.Slice(i, 4));
            }

            return;
        }

        var canvas = Canvas;
        int w = canvas.Width, h = canvas.Height, n = w * h * 4;
        float[] src = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
        float[] dst = ArrayPool<float>.Shared.Rent(Math.Max(1, n));
        try
        {
            for (int y = 0; y < h; y++)
            {
                var row = src.AsSpan(y * w * 4, w * 4);
                input.ReadRow(canvas.YMin + y, canvas.XMin, w, row).CopyTo(row);
            }

            Array.Clear(dst, 0, n);
            Concurrency = Math.Max(1, context.Concurrency);
            Generate(src, dst, w, h);
            for (int y = area.YMin; y < area.YMax; y++)
                dst.AsSpan(((y - canvas.YMin) * w + area.XMin - canvas.XMin) * 4, area.Width * 4).CopyTo(o.GetRow(y, area.XMin, area.Width));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(src);
            ArrayPool<float>.Shared.Return(dst);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        Settings.AddTo(ref hash);
        return true;
    }

    /// <summary>
    /// Blender's MemoryBuffer::read_bilinear with clip extension on an RGB(A) image: zero when the
    /// point lies outside [0, width) × [0, height); otherwise the 2×2 pixels at floor and floor + 1,
    /// a tap beyond the last row or column reading zero. Writes the three color channels.
    /// </summary>
    protected static void Bilinear(float[] image, int width, int height, float u, float v, out float r, out float g, out float b)
    {
        if (!(u >= 0f && u < width && v >= 0f && v < height)) { r = g = b = 0f; return; }
        int x1 = (int)u, y1 = (int)v;
        float a = u - x1, c = v - y1;
        float ma = 1f - a, mc = 1f - c;
        bool hasX2 = x1 + 1 < width, hasY2 = y1 + 1 < height;
        int i1 = (y1 * width + x1) * 4;
        r = ma * mc * image[i1];
        g = ma * mc * image[i1 + 1];
        b = ma * mc * image[i1 + 2];
        if (hasY2)
        {
            int i2 = i1 + width * 4;
            float f = ma * c;
            r += f * image[i2]; g += f * image[i2 + 1]; b += f * image[i2 + 2];
        }

        if (hasX2)
        {
            int i3 = i1 + 4;
            float f = a * mc;
            r += f * image[i3]; g += f * image[i3 + 1]; b += f * image[i3 + 2];
            if (hasY2)
            {
                int i4 = i3 + width * 4;
                f = a * c;
                r += f * image[i4]; g += f * image[i4 + 1]; b += f * image[i4 + 2];
            }
        }
    }
}
