using Compositor.Imaging;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Operations;

/// <summary>
/// A fused chain that starts with channel-wise steps (Exposure → Color Balance → Gamma, then
/// Hue/Saturation, which mixes channels) remembers those steps' results per channel value: the
/// pixels must be the same bits as computing every pixel, on an 8-bit photo (few values: most
/// blocks answered from the table) and on random floats (no value met twice: the table is given up).
/// </summary>
public class ChannelCacheTests
{
    private const int Width = 240;
    private const int Height = 160;

    private static float[] EightBitPhoto()
    {
        var image = ConformanceImages.Read("chelsea_240x160.png");
        Assert.That((image.Width, image.Height), Is.EqualTo((Width, Height)));
        return image.Pixels;
    }

    private static float[] RandomFloats()
    {
        var rng = new Random(11);
        var pixels = new float[Width * Height * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)(rng.NextDouble() * 1.5 - 0.1);
        return pixels;
    }

    private static (float[] Pixels, long Remembered) Render(float[] source, bool remember, params Rect[] areas)
    {
        var canvas = Rect.FromSize(Width, Height);
        var fused = new FusedPixelOperation(GradingChain.Steps(new SourceOperation(canvas, source))) { RememberChannelValues = remember };
        return GradingChain.Run(fused, canvas, (op, area) => ((SourceOperation)op).Render(area), areas);
    }

    [Test]
    public void AnEightBitPhotoIsMostlyAnsweredFromTheTableWithTheSameBits()
    {
        Assume.That(ChannelCache.IsSupported, "the table lookup needs AVX2");
        var photo = EightBitPhoto();
        // Two chunks: the second finds what the first remembered.
        var areas = new[] { new Rect(0, 0, Width, 80), new Rect(0, 80, Width, Height) };
        var (computed, none) = Render(photo, remember: false, areas);
        var (remembered, rows) = Render(photo, remember: true, areas);
        Assert.That(none, Is.Zero);
        FloatAssert.SameBits(computed, remembered, "computed", "remembered");
        Assert.That(rows, Is.GreaterThan(Height / 2), "most rows should be answered from the table");
    }

    [Test]
    public void RandomFloatsGiveUpTheTableAndKeepTheBits()
    {
        var floats = RandomFloats();
        var area = Rect.FromSize(Width, Height);
        var (computed, _) = Render(floats, remember: false, area);
        var (remembered, rows) = Render(floats, remember: true, area);
        FloatAssert.SameBits(computed, remembered, "computed", "remembered");
        Assert.That(rows, Is.Zero, "no row of random floats repeats every value");
    }

    [Test]
    public void AnOddWidthComputesItsLastPixelAndLooksUpTheRest()
    {
        var photo = EightBitPhoto();
        var area = new Rect(3, 0, Width, Height);
        var (computed, _) = Render(photo, remember: false, area);
        var (remembered, rows) = Render(photo, remember: true, area);
        FloatAssert.SameBits(computed, remembered, "computed", "remembered");
        Assert.That(rows, Is.Zero);
    }
}
