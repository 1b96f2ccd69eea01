using Compositor.Imaging;
using Compositor.Nodes.Operations.Matte;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Matte;

/// <summary>The keying matte's row loop (screen terms cached while the screen colour repeats) against the per-pixel definition.</summary>
public class KeyingOperationTests
{
    private static float Reference(ReadOnlySpan<float> p, ReadOnlySpan<float> s, float balance)
    {
        int primary = ColorSpaces.MaxAxis(s[0], s[1], s[2]);
        if (MathF.Min(p[0], MathF.Min(p[1], p[2])) > 1f) return 1f;
        float saturation = KeyingOperation.Saturation(p, balance, primary), screen = KeyingOperation.Saturation(s, balance, primary);
        return saturation < 0f ? 1f : saturation >= screen ? 0f : 1f - saturation / screen;
    }

    private static float[] Run(float[] image, float[] screen, int width, int height, float balance, bool constantScreen, int areaWidth = 0)
    {
        var full = Rect.FromSize(width, height);
        var area = Rect.FromSize(areaWidth > 0 ? areaWidth : width, height);
        var pixels = MemoryBuffer.Wrap(DataType.Color, full, image);
        var key = constantScreen ? MemoryBuffer.CreateSingleElement(DataType.Color, screen, full) : MemoryBuffer.Wrap(DataType.Color, full, screen);
        using var matte = MemoryBuffer.Create(DataType.Value, area);
        new KeyingOperation(balance).Execute(matte, area, [pixels, key], new RenderContext());
        return matte.Span.ToArray();
    }

    [Test]
    public void AConstantScreenMatchesThePerPixelDefinition([Values(0f, 0.5f, 0.8f)] float balance, [Values(240, 237, 9)] int width)
    {
        // Widths: whole blocks of sixteen pixels, blocks and a tail, a tail only.
        var image = ConformanceImages.Read("greenscreen_240x160.png");
        var pixels = (float[])image.Pixels.Clone();
        pixels.AsSpan(40, 3).Fill(1.5f); // overbright: foreground whatever the key
        float[] screen = [0.1f, 0.62f, 0.16f, 1f];
        var matte = Run(pixels, screen, image.Width, image.Height, balance, constantScreen: true, width);
        for (int i = 0; i < matte.Length; i++)
        {
            int pixel = i / width * image.Width + i % width;
            Assert.That(matte[i], Is.EqualTo(Reference(pixels.AsSpan(pixel * 4, 4), screen, balance)), $"pixel {i % width}, {i / width}");
        }

        if (width < 100) return;
        Assert.That(matte.Count(v => v == 0f), Is.GreaterThan(100), "the screen keys out");
        Assert.That(matte.Count(v => v == 1f), Is.GreaterThan(100), "the foreground stays");
    }

    [Test]
    public void AScreenImageMatchesThePerPixelDefinition()
    {
        // Another image as the screen: its colour, and so the primary channel, changes from pixel to pixel.
        var image = ConformanceImages.Read("greenscreen_240x160.png");
        var screen = ConformanceImages.Read("chelsea_240x160.png");
        Assert.That((screen.Width, screen.Height), Is.EqualTo((image.Width, image.Height)));
        // Runs of equal screen pixels exercise the cache; an overbright pixel, the foreground test.
        var pixels = (float[])image.Pixels.Clone();
        for (int i = 0; i < 40; i++) screen.Pixels.AsSpan(0, 4).CopyTo(screen.Pixels.AsSpan(i * 4, 4));
        pixels.AsSpan(8, 3).Fill(1.5f);
        var matte = Run(pixels, screen.Pixels, image.Width, image.Height, 0.5f, constantScreen: false);
        var primaries = new HashSet<int>();
        for (int i = 0; i < matte.Length; i++)
        {
            var s = screen.Pixels.AsSpan(i * 4, 4);
            primaries.Add(ColorSpaces.MaxAxis(s[0], s[1], s[2]));
            Assert.That(matte[i], Is.EqualTo(Reference(pixels.AsSpan(i * 4, 4), s, 0.5f)), $"pixel {i}");
        }

        Assert.That(primaries, Has.Count.EqualTo(3), "every channel is the primary somewhere");
        Assert.That(matte[2], Is.EqualTo(1f));
    }
}
