using Compositor.Nodes.Filter;

namespace Compositor.Nodes.Tests.Filter;

public class BlurFilterTests
{
    private static readonly BlurFilterType[] Filters =
        [BlurFilterType.Flat, BlurFilterType.Tent, BlurFilterType.Quad, BlurFilterType.Cubic, BlurFilterType.CatRom, BlurFilterType.Gauss, BlurFilterType.Mitch];

    [Test]
    public void KernelsSumToOneAndAreSymmetric([ValueSource(nameof(Filters))] BlurFilterType type, [Values(0f, 1f, 2.5f, 10f, 37.3f)] float radius)
    {
        int size = (int)MathF.Ceiling(radius);
        var k = BlurFilter.Kernel(type, radius, size);
        Assert.That(k, Has.Length.EqualTo(2 * size + 1));
        Assert.That(k.Sum(), Is.EqualTo(1f).Within(1e-5f));
        for (int i = 0; i < size; i++) Assert.That(k[i], Is.EqualTo(k[^(i + 1)]));
    }

    [Test]
    public void FlatKernelIsUniformUpToAndIncludingTheRadius()
    {
        Assert.That(BlurFilter.Kernel(BlurFilterType.Flat, 3f, 3), Is.EqualTo(Enumerable.Repeat(1f / 7f, 7).ToArray()).Within(1e-6f));
        // Radius 2.5: the taps at ±3 lie beyond it.
        Assert.That(BlurFilter.Kernel(BlurFilterType.Flat, 2.5f, 3), Is.EqualTo(new[] { 0f, .2f, .2f, .2f, .2f, .2f, 0f }).Within(1e-6f));
    }

    [Test]
    public void TentKernelFallsLinearly()
    {
        Assert.That(BlurFilter.Kernel(BlurFilterType.Tent, 2f, 2), Is.EqualTo(new[] { 0f, .25f, .5f, .25f, 0f }).Within(1e-6f));
    }

    [Test]
    public void FilterValuesAreBlenders()
    {
        Assert.That(BlurFilter.Value(BlurFilterType.Gauss, 0f), Is.EqualTo(1f / MathF.Sqrt(MathF.PI * 5.12f)).Within(1e-6f));
        Assert.That(BlurFilter.Value(BlurFilterType.Gauss, 1.2f), Is.GreaterThan(0f), "the Gaussian is not cut off at the radius");
        Assert.That(BlurFilter.Value(BlurFilterType.Gauss, -0.5f), Is.EqualTo(BlurFilter.Value(BlurFilterType.Gauss, 0.5f)));
        Assert.That(BlurFilter.Value(BlurFilterType.CatRom, 1.3f), Is.EqualTo(0f), "cubic filters end at 2 / 1.6");
        Assert.That(BlurFilter.Value(BlurFilterType.Cubic, 0f), Is.EqualTo(2f / 3f).Within(1e-6f));
        Assert.That(BlurFilter.Value(BlurFilterType.Quad, 0f), Is.EqualTo(0.75f).Within(1e-6f));
        Assert.That(BlurFilter.Value(BlurFilterType.Mitch, 0f), Is.EqualTo(8f / 9f).Within(1e-6f));
        Assert.That(BlurFilter.Value(BlurFilterType.CatRom, 0f), Is.EqualTo(1f));
    }

    [Test]
    public void ParseKnowsEveryIdentifier()
    {
        Assert.That(BlurFilter.Parse("FLAT"), Is.EqualTo(BlurFilterType.Flat));
        Assert.That(BlurFilter.Parse("FAST_GAUSS"), Is.EqualTo(BlurFilterType.FastGauss));
        Assert.That(BlurFilter.Parse("MITCH"), Is.EqualTo(BlurFilterType.Mitch));
        Assert.Throws<ArgumentException>(() => BlurFilter.Parse("BOX"));
    }

    [Test]
    public void Kernel2DIsNormalizedAndElliptical()
    {
        var k = BlurFilter.Kernel2D(BlurFilterType.Tent, 4f, 2f, 4, 2);
        Assert.That(k, Has.Length.EqualTo(9 * 5));
        Assert.That(k.Sum(), Is.EqualTo(1f).Within(1e-5f));
        // (i, j) = (4, 0) and (0, 2) are both at distance 1: weight 0; (2, 0) and (0, 1) both at 0.5.
        float At(int i, int j) => k[(j + 2) * 9 + i + 4];
        Assert.That(At(4, 0), Is.EqualTo(0f));
        Assert.That(At(0, 2), Is.EqualTo(0f));
        Assert.That(At(2, 0), Is.EqualTo(At(0, 1)).Within(1e-7f));
        Assert.That(At(-2, 0), Is.EqualTo(At(2, 0)));
    }

    [Test]
    public void Kernel2DSummingToZeroBecomesTheCentreTap()
    {
        var k = BlurFilter.Kernel2D((BlurFilterType)99, 1f, 1f, 1, 1);
        Assert.That(k, Is.EqualTo(new[] { 0f, 0, 0, 0, 1, 0, 0, 0, 0 }));
    }
}
