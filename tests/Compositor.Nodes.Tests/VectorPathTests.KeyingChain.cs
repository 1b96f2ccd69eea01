using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.Nodes.Operations.Matte;
using Compositor.Nodes.Operations.Mix;

namespace Compositor.Nodes.Tests;

/// <summary>The keying chain's pixel steps (Color Spill, Set Alpha, Alpha Over): vector blocks against their scalar tails.</summary>
public sealed partial class VectorPathTests
{
    /// <summary>The photo with its alpha replaced, pixel by pixel, by values that take every Alpha Over branch.</summary>
    private static MemoryBuffer PhotoWithAlphas(params float[] alphas)
    {
        var buffer = Photo();
        var span = buffer.Span;
        for (int p = 0; p < span.Length / 4; p++) span[p * 4 + 3] = alphas[p % alphas.Length];
        return buffer;
    }

    [Test]
    public void SetAlphaMultiply() => AssertSameBitsAsTail(new SetAlphaMultiplyOperation(), Photo(), Values(0.3f, 1f, 0f, 2f, -0.5f));

    [Test]
    public void ColorSpill([Values(0, 1, 2)] int channel, [Values] SpillLimitMethod method, [Values] bool unspill)
    {
        var op = new ColorSpillOperation(channel, method, (channel + 2) % 3, 0.9f, unspill, 0.8f, 1.2f, 0.5f);
        AssertSameBitsAsTail(op, Photo(), Values(0.5f, 1f, 2f, 0f, 0.8f));
    }

    [Test]
    public void AlphaOver()
    {
        float[] alphas = [-0.2f, 0f, 0.5f, 1f, 1.3f, 0.999f, 1f];
        var factors = Values(1f, 0.5f, 0f, 1f, 0.25f, 1f);
        AssertSameBitsAsTail(new AlphaOverKeyOperation(), factors, Photo(), PhotoWithAlphas(alphas));
        AssertSameBitsAsTail(new AlphaOverPremultiplyOperation(), factors, Photo(), PhotoWithAlphas(alphas));
        AssertSameBitsAsTail(new AlphaOverMixedOperation(0.35f), factors, Photo(), PhotoWithAlphas(alphas));
    }
}
