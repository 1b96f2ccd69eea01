using System.Buffers;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Inpaint (Blender 3.4's InpaintSimpleOperation): transparent pixels (alpha under 1) are filled
/// from the opaque ones, nearest first. Each pixel's Manhattan distance to the nearest opaque pixel
/// is found with two sweeps; then, in order of distance (and of index within a distance), every
/// pixel no further than <c>distance</c> becomes the average of its eight neighbours (clamped to the
/// image) that are nearer than itself, diagonals weighted 1/√2, using values already filled. The
/// average is blended under the pixel's own color by its alpha, and the alpha becomes 1.
/// </summary>
public sealed class InpaintOperation : NodeOperation
{
    private readonly int _iterations;

    /// <summary>Creates the operation: <paramref name="iterations"/> is the node's distance.</summary>
    public InpaintOperation(int iterations) : base(DataType.Color)
    {
        _iterations = iterations;
        AddInput(DataType.Color);
        Flags = OperationFlags.Complex | OperationFlags.SingleThreaded;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => Canvas;

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
        int w = canvas.Width, h = canvas.Height;
        float[] image = ArrayPool<float>.Shared.Rent(Math.Max(1, w * h * 4));
        int[] distance = ArrayPool<int>.Shared.Rent(Math.Max(1, w * h));
        try
        {
            for (int y = 0; y < h; y++)
            {
                var row = image.AsSpan(y * w * 4, w * 4);
                input.ReadRow(canvas.YMin + y, canvas.XMin, w, row).CopyTo(row);
            }

            Inpaint(image, distance, w, h, _iterations);
            for (int y = area.YMin; y < area.YMax; y++)
                image.AsSpan(((y - canvas.YMin) * w + area.XMin - canvas.XMin) * 4, area.Width * 4).CopyTo(o.GetRow(y, area.XMin, area.Width));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(image);
            ArrayPool<int>.Shared.Return(distance);
        }
    }

    /// <summary>Inpaints an RGBA image of <paramref name="w"/> × <paramref name="h"/> in place (<paramref name="m"/>: scratch of w·h).</summary>
    internal static void Inpaint(float[] image, int[] m, int w, int h, int iterations)
    {
        int far = w + h;
        for (int j = 0; j < h; j++)
        {
            for (int i = 0; i < w; i++)
            {
                int r = 0;
                if (image[(j * w + i) * 4 + 3] < 1f)
                {
                    r = far;
                    if (i > 0) r = Math.Min(r, m[j * w + i - 1] + 1);
                    if (j > 0) r = Math.Min(r, m[(j - 1) * w + i] + 1);
                }

                m[j * w + i] = r;
            }
        }

        var offsets = new int[far + 1];
        for (int j = h - 1; j >= 0; j--)
        {
            for (int i = w - 1; i >= 0; i--)
            {
                int r = m[j * w + i];
                if (i + 1 < w) r = Math.Min(r, m[j * w + i + 1] + 1);
                if (j + 1 < h) r = Math.Min(r, m[(j + 1) * w + i] + 1);
                m[j * w + i] = r;
                offsets[r]++;
            }
        }

        // Counting sort of the transparent pixels by distance (index order within a distance).
        offsets[0] = 0;
        for (int i = 1; i <= far; i++) offsets[i] += offsets[i - 1];
        int count = offsets[far];
        var order = new int[count];
        for (int i = 0; i < w * h; i++)
            if (m[i] > 0) order[offsets[m[i] - 1]++] = i;

        const float diagonal = 0.70710678118654752440f;
        for (int k = 0; k < count; k++)
        {
            int index = order[k];
            int x = index % w, y = index / w;
            int d = m[index];
            if (d > iterations) break;
            float r = 0f, g = 0f, b = 0f, divider = 0f;
            for (int dx = -1; dx <= 1; dx++)
            {
                for (int dy = -1; dy <= 1; dy++)
                {
                    if (dx == 0 && dy == 0) continue;
                    int nx = Math.Clamp(x + dx, 0, w - 1), ny = Math.Clamp(y + dy, 0, h - 1);
                    int n = ny * w + nx;
                    if (m[n] >= d) continue;
                    float weight = dx == 0 || dy == 0 ? 1f : diagonal;
                    r += image[n * 4] * weight;
                    g += image[n * 4 + 1] * weight;
                    b += image[n * 4 + 2] * weight;
                    divider += weight;
                }
            }

            if (divider != 0f)
            {
                float inv = 1f / divider;
                r *= inv; g *= inv; b *= inv;
                int p = index * 4;
                float a = image[p + 3];
                image[p] = r + (image[p] - r) * a;
                image[p + 1] = g + (image[p + 1] - g) * a;
                image[p + 2] = b + (image[p + 2] - b) * a;
                image[p + 3] = 1f;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_iterations);
        return true;
    }
}
