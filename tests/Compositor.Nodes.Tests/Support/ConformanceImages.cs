using Compositor.Codecs;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Matte;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Support;

/// <summary>Real images from ../shared/conformance/inputs as test inputs.</summary>
internal static class ConformanceImages
{
    /// <summary>The shared conformance inputs folder.</summary>
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln")))
                {
                    var inputs = Path.Combine(dir.Parent!.FullName, "shared", "conformance", "inputs");
                    if (Directory.Exists(inputs)) return inputs;
                }

            throw new AssertionException("shared conformance inputs not found at ../shared/conformance/inputs");
        }
    }

    /// <summary>The RGBA pixels of <paramref name="file"/> (rows bottom to top, as decoded).</summary>
    public static DecodedImage Read(string file) => ImageCodecs.Read(Path.Combine(Folder, file));

    /// <summary>
    /// The Keying node's raw matte of <paramref name="file"/> against a green screen: flat 0 and 1
    /// regions with soft edges and noise, the input the keying clip and feather passes see.
    /// </summary>
    public static (int Width, int Height, float[] Values) GreenScreenMatte(string file)
    {
        var image = Read(file);
        var pixels = MemoryBuffer.Wrap(DataType.Color, Rect.FromSize(image.Width, image.Height), image.Pixels);
        var screen = MemoryBuffer.CreateSingleElement(DataType.Color, [0.1f, 0.62f, 0.16f, 1f], Rect.FromSize(1, 1));
        var area = Rect.FromSize(image.Width, image.Height);
        using var matte = MemoryBuffer.Create(DataType.Value, area);
        new KeyingOperation(0.5f).Execute(matte, area, [pixels, screen], new RenderContext());
        return (image.Width, image.Height, matte.Span.ToArray());
    }

    /// <summary>
    /// A value-map source over <paramref name="canvas"/> holding the green-screen matte of the
    /// 240x160 input, its pixel (x · xStep, y · yStep) wrapped at the image's edges.
    /// </summary>
    public static SourceOperation GreenScreenMatteSource(Rect canvas, int xStep = 1, int yStep = 1)
    {
        var (width, height, values) = GreenScreenMatte("greenscreen_240x160.png");
        var cut = new float[canvas.Width * canvas.Height];
        for (int y = 0; y < canvas.Height; y++)
            for (int x = 0; x < canvas.Width; x++)
                cut[y * canvas.Width + x] = values[(y * yStep % height) * width + x * xStep % width];
        return new SourceOperation(canvas, cut, DataType.Value);
    }

    /// <summary>Renders <paramref name="op"/> over <paramref name="canvas"/> whole and in 53x37 tiles (each with its own input area) and asserts the same values.</summary>
    public static void AssertTilesEqualWholeFrame(NodeOperation op, SourceOperation src, Rect canvas)
    {
        var whole = OperationRunner.Run(op, src, canvas);
        for (int ty = canvas.YMin; ty < canvas.YMax; ty += 37)
            for (int tx = canvas.XMin; tx < canvas.XMax; tx += 53)
            {
                var tile = new Rect(tx, ty, Math.Min(tx + 53, canvas.XMax), Math.Min(ty + 37, canvas.YMax));
                var part = OperationRunner.Run(op, src, tile);
                for (int y = tile.YMin; y < tile.YMax; y++)
                    for (int x = tile.XMin; x < tile.XMax; x++)
                        Assert.That(part.Span[part.IndexOf(x, y)], Is.EqualTo(whole.Span[whole.IndexOf(x, y)]), $"pixel ({x}, {y}) of tile {tile}");
            }
    }
}
