using Compositor.Imaging;
using Compositor.Imaging.Sampling;

namespace Compositor.Core.Tests.Imaging.Sampling;

public class SamplerTests
{
    /// <summary>A 1-channel buffer over <paramref name="rect"/> with value f(x, y).</summary>
    private static MemoryBuffer Values(Rect rect, Func<int, int, float> f)
    {
        var b = MemoryBuffer.Create(DataType.Value, rect);
        for (int y = rect.YMin; y < rect.YMax; y++)
            for (int x = rect.XMin; x < rect.XMax; x++)
                b.Span[b.IndexOf(x, y)] = f(x, y);
        return b;
    }

    private static float One(Sampler s, Interpolation i, float x, float y)
    {
        Span<float> v = stackalloc float[1];
        s.Sample(i, x, y, v);
        return v[0];
    }

    // 2x2: (0,0)=1 (1,0)=2 (0,1)=3 (1,1)=4
    private static MemoryBuffer Quad() => Values(Rect.FromSize(2, 2), (x, y) => 1 + x + 2 * y);

    [Test]
    public void NearestTakesTheFloorAndClipsOutside()
    {
        var s = new Sampler(Quad());
        Assert.That(One(s, Interpolation.Nearest, 0.99f, 1.5f), Is.EqualTo(3f));
        Assert.That(One(s, Interpolation.Nearest, 1f, 0f), Is.EqualTo(2f));
        Assert.That(One(s, Interpolation.Nearest, -0.01f, 0f), Is.EqualTo(0f));
        Assert.That(One(s, Interpolation.Nearest, 2f, 0f), Is.EqualTo(0f));
    }

    [Test]
    public void NearestExtendsAndRepeats()
    {
        var ext = new Sampler(Quad(), EdgeMode.Extend);
        Assert.That(One(ext, Interpolation.Nearest, -5f, 7f), Is.EqualTo(3f));
        var rep = new Sampler(Quad(), EdgeMode.Repeat);
        Assert.That(One(rep, Interpolation.Nearest, 3.5f, -1f), Is.EqualTo(4f)); // x 3 -> 1, y -1 -> 1
    }

    [Test]
    public void BilinearBlendsTheFourNeighbours()
    {
        var s = new Sampler(Quad());
        Assert.That(One(s, Interpolation.Bilinear, 0.25f, 0.5f), Is.EqualTo(0.75f * 0.5f * 1 + 0.25f * 0.5f * 2 + 0.75f * 0.5f * 3 + 0.25f * 0.5f * 4).Within(1e-6f));
        Assert.That(One(s, Interpolation.Bilinear, 1f, 1f), Is.EqualTo(4f));
    }

    [Test]
    public void BilinearClipFadesOverOnePixelBeyondTheEdge()
    {
        var s = new Sampler(Quad());
        Assert.That(One(s, Interpolation.Bilinear, -0.25f, 0f), Is.EqualTo(0.75f).Within(1e-6f));
        Assert.That(One(s, Interpolation.Bilinear, 1.5f, 0f), Is.EqualTo(1f).Within(1e-6f)); // half of 2
        Assert.That(One(s, Interpolation.Bilinear, -1f, 0f), Is.EqualTo(0f));
        Assert.That(One(s, Interpolation.Bilinear, 2f, 0f), Is.EqualTo(0f));
    }

    [Test]
    public void BilinearExtendClampsAndRepeatWraps()
    {
        var ext = new Sampler(Quad(), EdgeMode.Extend);
        Assert.That(One(ext, Interpolation.Bilinear, -0.25f, 0f), Is.EqualTo(1f).Within(1e-6f));
        Assert.That(One(ext, Interpolation.Bilinear, 1.5f, 1f), Is.EqualTo(4f).Within(1e-6f));
        var rep = new Sampler(Quad(), EdgeMode.Repeat);
        Assert.That(One(rep, Interpolation.Bilinear, 1.5f, 0f), Is.EqualTo(1.5f).Within(1e-6f)); // halfway 2 -> 1
        Assert.That(One(rep, Interpolation.Bilinear, -0.5f, 0f), Is.EqualTo(1.5f).Within(1e-6f));
    }

    [Test]
    public void MixedEdgeModesApplyPerAxis()
    {
        var s = new Sampler(Quad(), Rect.FromSize(2, 2), EdgeMode.Extend, EdgeMode.Clip);
        Assert.That(One(s, Interpolation.Nearest, -3f, 0f), Is.EqualTo(1f));
        Assert.That(One(s, Interpolation.Nearest, 0f, -1f), Is.EqualTo(0f));
    }

    [Test]
    public void CoordinatesAreAbsoluteForBuffersAwayFromTheOrigin()
    {
        var b = Values(new Rect(10, 20, 12, 22), (x, y) => x * 100 + y);
        var s = new Sampler(b);
        Assert.That(One(s, Interpolation.Nearest, 11.2f, 20.9f), Is.EqualTo(1120f));
        Assert.That(One(s, Interpolation.Bilinear, 10.5f, 21f), Is.EqualTo(1071f).Within(1e-3f));
        Assert.That(One(s, Interpolation.Nearest, 1f, 1f), Is.EqualTo(0f));
    }

    [Test]
    public void EdgeRulesApplyAtTheDomainNotTheBuffer()
    {
        // The buffer covers only part of a 10-wide canvas (an area of interest).
        var b = Values(new Rect(4, 0, 6, 1), (x, _) => x);
        var clip = new Sampler(b, Rect.FromSize(10, 1), EdgeMode.Extend);
        Assert.That(One(clip, Interpolation.Nearest, 5f, 0f), Is.EqualTo(5f));
        Assert.That(One(clip, Interpolation.Nearest, 8f, 0f), Is.EqualTo(0f), "inside the domain but outside the buffer");
        Assert.That(One(clip, Interpolation.Nearest, 12f, 0f), Is.EqualTo(0f), "extends to the domain edge (9), which the buffer lacks");
        var own = new Sampler(b, EdgeMode.Extend);
        Assert.That(One(own, Interpolation.Nearest, 12f, 0f), Is.EqualTo(5f));
    }

    [Test]
    public void SingleElementReadsItsValueInsideTheDomainAndFadesAtItsEdge()
    {
        var b = MemoryBuffer.CreateSingleElement(DataType.Value, [2f], Rect.FromSize(4, 4));
        var s = new Sampler(b);
        Assert.That(One(s, Interpolation.Bilinear, 1.3f, 2.7f), Is.EqualTo(2f).Within(1e-6f));
        Assert.That(One(s, Interpolation.Bilinear, 3.5f, 1f), Is.EqualTo(1f).Within(1e-6f));
        Assert.That(One(s, Interpolation.Nearest, 4f, 1f), Is.EqualTo(0f));
    }

    [Test]
    public void FourChannelBilinearMatchesTheGenericPath()
    {
        var b = MemoryBuffer.Create(DataType.Color, Rect.FromSize(3, 3));
        var rng = new Random(3);
        for (int i = 0; i < b.Span.Length; i++) b.Span[i] = (float)rng.NextDouble();
        var s = new Sampler(b);
        Span<float> v = stackalloc float[4];
        foreach (var (x, y) in new[] { (0.3f, 1.7f), (-0.4f, 0.2f), (2.6f, 2.1f), (1f, 1f) })
        {
            s.Bilinear(x, y, v);
            float fx = MathF.Floor(x), fy = MathF.Floor(y), a = x - fx, bb = y - fy;
            for (int c = 0; c < 4; c++)
            {
                float P(int px, int py) => px < 0 || py < 0 || px > 2 || py > 2 ? 0f : b.Span[b.IndexOf(px, py) + c];
                int x1 = (int)fx, y1 = (int)fy;
                float expected = (1 - a) * (1 - bb) * P(x1, y1) + a * (1 - bb) * P(x1 + 1, y1) + (1 - a) * bb * P(x1, y1 + 1) + a * bb * P(x1 + 1, y1 + 1);
                Assert.That(v[c], Is.EqualTo(expected).Within(1e-6f), $"({x},{y}) channel {c}");
            }
        }
    }

    [Test]
    public void BSplineWeightsAreBlenders()
    {
        Assert.That(Sampler.BSpline(0f), Is.EqualTo(2f / 3f).Within(1e-6f));
        Assert.That(Sampler.BSpline(1f), Is.EqualTo(1f / 6f).Within(1e-6f));
        Assert.That(Sampler.BSpline(-1f), Is.EqualTo(1f / 6f).Within(1e-6f));
        Assert.That(Sampler.BSpline(2f), Is.EqualTo(0f).Within(1e-6f));
        float a = 0.3f;
        float sum = Sampler.BSpline(-1 - a) + Sampler.BSpline(-a) + Sampler.BSpline(1 - a) + Sampler.BSpline(2 - a);
        Assert.That(sum, Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void BicubicReproducesARampAwayFromEdges()
    {
        var b = Values(Rect.FromSize(8, 8), (x, y) => x + 10 * y);
        var s = new Sampler(b);
        Assert.That(One(s, Interpolation.Bicubic, 3.25f, 4.5f), Is.EqualTo(48.25f).Within(1e-4f));
        // At an integer position the B-spline smooths: (1/6, 2/3, 1/6) of the neighbours.
        var spike = Values(Rect.FromSize(5, 5), (x, y) => x == 2 && y == 2 ? 36f : 0f);
        var t = new Sampler(spike);
        Assert.That(One(t, Interpolation.Bicubic, 2f, 2f), Is.EqualTo(36f * 4f / 9f).Within(1e-4f));
        Assert.That(One(t, Interpolation.Bicubic, 3f, 2f), Is.EqualTo(36f / 9f).Within(1e-4f));
    }

    [Test]
    public void BicubicClipIsZeroOnlyWhollyOutsideAndClampsTapsOtherwise()
    {
        var b = Values(Rect.FromSize(4, 4), (_, _) => 5f);
        var s = new Sampler(b);
        Assert.That(One(s, Interpolation.Bicubic, -0.5f, 1f), Is.EqualTo(5f).Within(1e-5f));
        Assert.That(One(s, Interpolation.Bicubic, -1.5f, 1f), Is.EqualTo(0f));
        Assert.That(One(s, Interpolation.Bicubic, 3.5f, 1f), Is.EqualTo(5f).Within(1e-5f));
        Assert.That(One(s, Interpolation.Bicubic, 4.5f, 1f), Is.EqualTo(0f));
        var rep = new Sampler(Values(Rect.FromSize(4, 1), (x, _) => x), EdgeMode.Repeat);
        Assert.That(One(rep, Interpolation.Bicubic, 4f, 0f), Is.EqualTo((3f + 4 * 0f + 1f) / 6f).Within(1e-5f));
    }

    [Test]
    public void FootprintCoversEveryTap()
    {
        Assert.That(Sampler.Footprint(Interpolation.Nearest, 1.5f, 2f, 3.2f, 2f), Is.EqualTo(new Rect(1, 2, 4, 3)));
        Assert.That(Sampler.Footprint(Interpolation.Bilinear, 1.5f, 2f, 3.2f, 2f), Is.EqualTo(new Rect(1, 2, 5, 4)));
        Assert.That(Sampler.Footprint(Interpolation.Bicubic, -0.5f, 0f, 0.5f, 0f), Is.EqualTo(new Rect(-2, -1, 3, 3)));
    }

    [Test]
    public void SampleLineWalksAlongTheLine()
    {
        var s = new Sampler(Values(Rect.FromSize(4, 1), (x, _) => x * 2), EdgeMode.Extend);
        var dst = new float[4];
        s.SampleLine(Interpolation.Bilinear, 0.5f, 0f, 1f, 0f, 4, dst);
        Assert.That(dst, Is.EqualTo(new[] { 1f, 3f, 5f, 6f }).Within(1e-6f));
    }

    [Test]
    public void ThreeChannelBuffersSampleEveryChannel()
    {
        var b = MemoryBuffer.Create(DataType.Vector, Rect.FromSize(2, 1));
        new float[] { 1, 2, 3, 5, 6, 7 }.CopyTo(b.Span);
        var s = new Sampler(b);
        var v = new float[3];
        s.Bilinear(0.5f, 0f, v);
        Assert.That(v, Is.EqualTo(new[] { 3f, 4f, 5f }).Within(1e-6f));
    }

    [Test]
    public void BlenderFullFrameSamplesBicubicAsBilinear()
    {
        Assert.That(Interpolation.Bicubic.AsBlenderFullFrame(), Is.EqualTo(Interpolation.Bilinear));
        Assert.That(Interpolation.Nearest.AsBlenderFullFrame(), Is.EqualTo(Interpolation.Nearest));
        Assert.That(Interpolation.Bilinear.AsBlenderFullFrame(), Is.EqualTo(Interpolation.Bilinear));
    }
}
