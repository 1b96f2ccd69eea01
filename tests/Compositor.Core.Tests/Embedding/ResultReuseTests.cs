using Compositor.Codecs;
using Compositor.Devices;
using Compositor.Operations;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Core.Tests.Embedding;

/// <summary>
/// A disposed render result's array is kept for the next render's output of the same size (no
/// page faults per render): the reused array must not show through where the new image is not.
/// Results under <c>LargeArrays.MinLength</c> floats are not kept, so the canvas is 1024 × 768.
/// </summary>
public sealed class ResultReuseTests
{
    // Large enough (3 M floats) for results to be kept: smaller ones are ordinary arrays.
    private const int Width = 1024, Height = 768;

    private const string White = """
        {"version": 1, "settings": {"resolution": [1024, 768]},
         "nodes": [{"name": "RGB", "type": "CompositorNodeRGB", "outputs": {"RGBA": [1, 1, 1, 1]}},
                   {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [{"from": "RGB", "from_socket": "RGBA", "to": "Composite", "to_socket": "Image"}]}
        """;

    [Test]
    public void ADisposedResultIsReusedAndOverwrittenWhole([Values] ExecutionModel model)
    {
        using var scheduler = new WorkScheduler(2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        var options = new RenderOptions { Model = model, ChunkSize = 64 };
        float[] first;
        using (var white = renderer.Render(TestGraphs.Read(White), options))
        {
            Assert.That(white.Composite!.Span.ToArray(), Is.All.EqualTo(1f), "the first render fills the canvas with white");
            first = white.Composite.DangerousGetArray();
        }

        // A 240x160 image in the larger canvas: outside it the Composite writes zeros over the white.
        using var image = renderer.Render(TestGraphs.Read(TestGraphs.ImageToComposite("chelsea_240x160.png", Width, Height)), options);
        var result = image.Composite!;
        Assert.That(result.DangerousGetArray(), Is.SameAs(first), "the second render reuses the first one's array");
        var decoded = ImageCodecs.Read(Path.Combine(TestGraphs.Inputs, "chelsea_240x160.png"));
        int x0 = (Width - 240) / 2, y0 = (Height - 160) / 2, outside = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int i = result.IndexOf(x, y);
                bool inside = x >= x0 && x < x0 + 240 && y >= y0 && y < y0 + 160;
                if (inside)
                {
                    Assert.That(result.Span[i + 3], Is.EqualTo(decoded.Pixels[((y - y0) * 240 + x - x0) * 4 + 3]), $"alpha at ({x}, {y})");
                    continue;
                }

                outside++;
                for (int c = 0; c < 4; c++) Assert.That(result.Span[i + c], Is.Zero, $"channel {c} at ({x}, {y}) outside the image");
            }

        Assert.That(outside, Is.EqualTo(Width * Height - 240 * 160));
    }
}
