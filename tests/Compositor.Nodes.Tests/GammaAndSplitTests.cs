using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Output;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>Gamma and the Split Viewer's split, on tiny buffers.</summary>
public sealed class GammaAndSplitTests
{
    private static MemoryBuffer Color(int w, int h, Func<int, int, float[]> pixel)
    {
        var b = MemoryBuffer.Create(DataType.Color, Rect.FromSize(w, h));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                pixel(x, y).CopyTo(b.GetRow(y, x, 1));
        return b;
    }

    [Test]
    public void GammaRaisesPositiveChannelsAndKeepsAlphaAndNegatives()
    {
        var image = Color(2, 1, (x, _) => x == 0 ? [0.25f, 0.5f, -0.5f, 0.3f] : [1f, 0f, 4f, 1f]);
        var gamma = MemoryBuffer.CreateSingleElement(DataType.Value, [2f], Rect.Empty);
        var output = MemoryBuffer.Create(DataType.Color, Rect.FromSize(2, 1));
        new GammaOperation().Execute(output, Rect.FromSize(2, 1), [image, gamma], new RenderContext());
        Assert.That(output.Span.ToArray(), Is.EqualTo(new[] { 0.0625f, 0.25f, -0.5f, 0.3f, 1f, 0f, 16f, 1f }));
    }

    [TestCase(true, 50, new[] { 2f, 2f, 1f, 1f })]
    [TestCase(true, 25, new[] { 2f, 1f, 1f, 1f })]
    [TestCase(false, 50, new[] { 2f, 2f, 2f, 2f })]
    public void SplitTakesTheFirstImageFromThePercentOn(bool splitX, int percent, float[] expectedFirstRowRed)
    {
        var first = Color(4, 2, (_, _) => [1f, 0f, 0f, 1f]);
        var second = Color(4, 2, (_, _) => [2f, 0f, 0f, 1f]);
        var split = new SplitOperation(percent, splitX);
        split.Canvas = Rect.FromSize(4, 2);
        var output = MemoryBuffer.Create(DataType.Color, Rect.FromSize(4, 2));
        split.Execute(output, Rect.FromSize(4, 2), [first, second], new RenderContext());
        var red = Enumerable.Range(0, 4).Select(x => output.GetRow(0, x, 1)[0]).ToArray();
        Assert.That(red, Is.EqualTo(expectedFirstRowRed));
        if (!splitX) Assert.That(output.GetRow(1, 0, 1)[0], Is.EqualTo(1f), "rows at and above the split come from the first image");
    }
}
