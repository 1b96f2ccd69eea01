using Compositor.Codecs;
using Compositor.Imaging;

namespace Compositor.Rendering.Diagnostics;

/// <summary>
/// The "show threads" view: records which device thread wrote each chunk of an output, and in what
/// order, then draws the output image with every chunk tinted by its thread's color, outlined, and
/// numbered by execution order (1 = first written). Use one recorder per render.
/// </summary>
public sealed class DebugTilesRecorder : IRenderEvents
{
    private readonly List<ChunkEvent> _chunks = [];

    /// <summary>Tint colors (sRGB 0..1), one per thread; other devices than the CPU start further along.</summary>
    private static readonly float[][] Palette =
    [
        [0.95f, 0.26f, 0.21f], [0.13f, 0.59f, 0.95f], [0.30f, 0.69f, 0.31f], [1.00f, 0.76f, 0.03f],
        [0.61f, 0.15f, 0.69f], [0.00f, 0.74f, 0.83f], [1.00f, 0.34f, 0.13f], [0.55f, 0.76f, 0.29f],
        [0.91f, 0.12f, 0.39f], [0.25f, 0.32f, 0.71f], [0.47f, 0.33f, 0.28f], [0.62f, 0.62f, 0.62f],
    ];

    /// <inheritdoc />
    public void ChunkFinished(in ChunkEvent chunk)
    {
        if (!chunk.WritesOutput) return;
        lock (_chunks) _chunks.Add(chunk);
    }

    /// <summary>The chunks that wrote <paramref name="output"/>, in execution order.</summary>
    public IReadOnlyList<ChunkEvent> ChunksOf(string output)
    {
        lock (_chunks) return _chunks.Where(c => c.Output == output).OrderBy(c => c.Sequence).ToList();
    }

    /// <summary>The tint used for a device thread, as sRGB 0..1.</summary>
    public static ReadOnlySpan<float> ColorOf(string device, int thread) =>
        Palette[(thread + (device == "CPU" ? 0 : Palette.Length / 2)) % Palette.Length];

    /// <summary>
    /// Draws the view of <paramref name="output"/> over its rendered <paramref name="image"/> and
    /// writes it to <paramref name="path"/> (an 8-bit format such as PNG).
    /// </summary>
    public void Write(string path, string output, MemoryBuffer image)
    {
        var pixels = Draw(output, image);
        ImageCodecs.Write(path, image.Width, image.Height, pixels);
    }

    /// <summary>The view as display RGBA floats (sRGB, straight alpha, top row first).</summary>
    public float[] Draw(string output, MemoryBuffer image)
    {
        int w = image.Width, h = image.Height;
        var pixels = ImageExport.ToFileOrder(image, display: true);
        var chunks = ChunksOf(output);
        for (int i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            var area = c.Area.Translate(-image.Rect.XMin, -image.Rect.YMin).Intersect(Rect.FromSize(w, h));
            if (area.IsEmpty) continue;
            var color = ColorOf(c.Device, c.Thread);
            // Buffers count rows from the bottom; the picture is written top row first.
            int top = h - area.YMax, bottom = h - 1 - area.YMin;
            for (int y = top; y <= bottom; y++)
                for (int x = area.XMin; x < area.XMax; x++)
                {
                    bool edge = y == top || y == bottom || x == area.XMin || x == area.XMax - 1;
                    var p = pixels.AsSpan((y * w + x) * 4, 4);
                    float keep = edge ? 0.2f : 0.55f;
                    for (int k = 0; k < 3; k++) p[k] = p[k] * keep + color[k] * (1 - keep);
                    p[3] = 1f;
                }

            DrawNumber(pixels, w, h, i + 1, area.XMin + 3, top + 3, area.Width - 6, area.Height - 6);
        }

        return pixels;
    }

    // 3x5 digit glyphs, one bit per cell, rows top to bottom.
    private static readonly int[] Digits =
    [
        0b111_101_101_101_111, 0b010_110_010_010_111, 0b111_001_111_100_111, 0b111_001_111_001_111, 0b101_101_111_001_001,
        0b111_100_111_001_111, 0b111_100_111_101_111, 0b111_001_010_010_010, 0b111_101_111_101_111, 0b111_101_111_001_111,
    ];

    /// <summary>Writes <paramref name="number"/> in white with a dark outline, as large as fits in the box (at least 1 px per cell).</summary>
    private static void DrawNumber(float[] pixels, int w, int h, int number, int x0, int y0, int boxWidth, int boxHeight)
    {
        string text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int scale = Math.Clamp(Math.Min(boxWidth / (text.Length * 4), boxHeight / 6), 1, 4);
        for (int pass = 0; pass < 2; pass++)
            for (int d = 0; d < text.Length; d++)
            {
                int glyph = Digits[text[d] - '0'];
                for (int row = 0; row < 5; row++)
                    for (int col = 0; col < 3; col++)
                    {
                        if ((glyph >> ((4 - row) * 3 + (2 - col)) & 1) == 0) continue;
                        int gx = x0 + (d * 4 + col) * scale, gy = y0 + row * scale;
                        // First pass: a dark outline one pixel around each cell; second: the white cell.
                        int grow = pass == 0 ? 1 : 0;
                        float value = pass == 0 ? 0f : 1f;
                        for (int y = gy - grow; y < gy + scale + grow; y++)
                            for (int x = gx - grow; x < gx + scale + grow; x++)
                            {
                                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                                var p = pixels.AsSpan((y * w + x) * 4, 4);
                                p[0] = p[1] = p[2] = value;
                                p[3] = 1f;
                            }
                    }
            }
    }
}
