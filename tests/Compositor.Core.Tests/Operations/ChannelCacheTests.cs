using Compositor.Operations;

namespace Compositor.Core.Tests.Operations;

/// <summary>The table of remembered channel results on its own: what is filled is found, bit for bit, and nothing else is.</summary>
public class ChannelCacheTests
{
    [Test]
    public void FilledValuesAreFoundWithTheirBitsAndAlphaIsCopied()
    {
        Assume.That(ChannelCache.IsSupported, "the lookup needs AVX2");
        var cache = new ChannelCache();
        float[] input = [0.25f, -0f, float.NaN, 0.5f, 1e-30f, 3f, 0.25f, 0.75f];
        float[] results = [1f, 2f, 3f, 9f, 4f, 5f, 1f, 9f];
        cache.Fill(input, results, 2);
        var output = new float[8];
        Assert.That(cache.LookUp(input, output, 2, new int[2]), Is.Zero);
        Assert.That(output, Is.EqualTo(new[] { 1f, 2f, 3f, 0.5f, 4f, 5f, 1f, 0.75f }));
    }

    [Test]
    public void UnknownValuesAndTheirNeighboursInTheSameSlotAreMissing()
    {
        Assume.That(ChannelCache.IsSupported, "the lookup needs AVX2");
        var cache = new ChannelCache();
        cache.Fill([0.25f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], [1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], 2);
        var output = new float[8];
        // Same slot (top 16 bits), other value: missing. +0 against -0: missing.
        float near = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(0.25f) + 1);
        Assert.That(cache.LookUp([0.25f, near, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], output, 2, new int[2]), Is.EqualTo(1));
        Assert.That(cache.LookUp([0f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], output, 2, new int[2]), Is.EqualTo(1));
        // A value whose bits are all ones would match an empty entry: it is never remembered or found.
        float ones = BitConverter.UInt32BitsToSingle(uint.MaxValue);
        cache.Fill([ones, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], [7f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], 2);
        Assert.That(cache.LookUp([ones, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], output, 2, new int[2]), Is.EqualTo(1));
        // The last pixel of an odd count is listed as missing; the pairs before it are looked up.
        var missing = new int[2];
        Assert.That(cache.LookUp([0.25f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], new float[12], 3, missing), Is.EqualTo(1));
        Assert.That(missing[0], Is.EqualTo(1));
        // Missing pairs are listed by index.
        Assert.That(cache.LookUp([0.25f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f, 0.5f, 0.25f, 0.25f, 1f, 0.25f, 0.25f, 0.25f, 1f], new float[16], 4, missing), Is.EqualTo(1));
        Assert.That(missing[0], Is.EqualTo(1));
    }
}
