using Compositor.Imaging;
using Compositor.Imaging.Sampling;

namespace Compositor.Core.Tests.Imaging.Sampling;

public class SamplerEwaTests
{
    /// <summary>A color buffer over <paramref name="rect"/> with R = f(x, y), G = y, B = 0.5, A = 1.</summary>
    private static MemoryBuffer Colors(Rect rect, Func<int, int, float> red)
    {
        var b = MemoryBuffer.Create(DataType.Color, rect);
        for (int y = rect.YMin; y < rect.YMax; y++)
            for (int x = rect.XMin; x < rect.XMax; x++)
            {
                int i = b.IndexOf(x, y);
                b.Span[i] = red(x, y);
                b.Span[i + 1] = y;
                b.Span[i + 2] = 0.5f;
                b.Span[i + 3] = 1f;
            }

        return b;
    }

    [Test]
    public void WeightsFollowBlendersTable()
    {
        Assert.That(Sampler.EwaWeight(0), Is.EqualTo(1f));
        Assert.That(Sampler.EwaWeight(255), Is.EqualTo(0f).Within(1e-7f));
        // Values of Blender's EWA_WTS.
        Assert.That(Sampler.EwaWeight(254), Is.EqualTo(0.00123242f).Within(1e-7f));
        Assert.That(Sampler.EwaWeight(140), Is.EqualTo(0.229209f).Within(1e-6f));
    }

    [Test]
    public void ConstantImageFiltersToItsValue()
    {
        var b = Colors(Rect.FromSize(16, 16), (_, _) => 0.25f);
        var s = new Sampler(b);
        var v = s.Ewa4(7.3f, 8.1f, 2.5f, 0.4f, -0.3f, 1.7f);
        Assert.That(v[0], Is.EqualTo(0.25f).Within(1e-6f));
        Assert.That(v[2], Is.EqualTo(0.5f).Within(1e-6f));
        Assert.That(v[3], Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void FootprintIsCentredHalfAPixelBeforeThePosition()
    {
        // Pixel i's centre is at i + 0.5 in the filter: on R = x the mean is x - 0.5.
        var b = Colors(Rect.FromSize(32, 32), (x, _) => x);
        var s = new Sampler(b);
        var v = s.Ewa4(16f, 16f, 1f, 0f, 0f, 1f);
        Assert.That(v[0], Is.EqualTo(15.5f).Within(1e-4f));
        Assert.That(v[1], Is.EqualTo(15.5f).Within(1e-4f));
    }

    [Test]
    public void StretchedFootprintBlursAlongItsLongAxis()
    {
        // One bright pixel: a footprint long in x sees it from further away in x than in y.
        var b = Colors(Rect.FromSize(32, 32), (x, y) => x == 16 && y == 16 ? 100f : 0f);
        var s = new Sampler(b);
        float alongX = s.Ewa4(16.5f + 3f, 16.5f, 6f, 0f, 0f, 1f)[0];
        float alongY = s.Ewa4(16.5f, 16.5f + 3f, 6f, 0f, 0f, 1f)[0];
        Assert.That(alongX, Is.GreaterThan(0.5f));
        Assert.That(alongY, Is.EqualTo(0f));
    }

    [Test]
    public void FarOutsideTheDomainIsTransparent()
    {
        var b = Colors(Rect.FromSize(8, 8), (_, _) => 1f);
        var s = new Sampler(b);
        Assert.That(s.Ewa4(-20f, 4f, 1f, 0f, 0f, 1f), Is.EqualTo(System.Runtime.Intrinsics.Vector128<float>.Zero));
        // At the edge, pixels outside read as transparent black, so alpha fades.
        float edgeAlpha = s.Ewa4(0f, 4f, 1f, 0f, 0f, 1f)[3];
        Assert.That(edgeAlpha, Is.GreaterThan(0.1f).And.LessThan(0.9f));
    }

    [Test]
    public void TapsAreCountedFromTheDomainCornerButReadAbsolute()
    {
        // Blender normalises by the domain but reads pixel indices as absolute coordinates.
        var rect = new Rect(10, 0, 26, 16);
        var b = Colors(rect, (x, _) => x);
        var s = new Sampler(b, rect);
        var v = s.Ewa4(12f, 8f, 1f, 0f, 0f, 1f);
        // Index (12 - 10) = 2 → around absolute x 1.5, outside the buffer: nothing but partial alpha.
        Assert.That(v[3], Is.LessThan(0.01f));
    }

    [Test]
    public void RejectsBuffersWithoutFourChannels()
    {
        var b = MemoryBuffer.Create(DataType.Value, Rect.FromSize(4, 4));
        var s = new Sampler(b);
        Assert.Throws<InvalidOperationException>(() => s.Ewa4(1f, 1f, 1f, 0f, 0f, 1f));
    }
}
