using Compositor.Operations;

namespace Compositor.Core.Tests.Operations;

/// <summary>The per-code table lookup: every code of every channel gives its value's exact bits, in pixel order, at any width.</summary>
public class CodeTableTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(63)]
    [TestCase(100)]
    [TestCase(1921)]
    public void DecodeGivesEachCodesValueBitForBit(int pixels)
    {
        var random = new Random(pixels + 3);
        var values = new float[1024];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
        values[5] = -0f;
        values[300] = float.NaN;
        var table = new CodeTable(values);
        var codes = new byte[4 * pixels];
        random.NextBytes(codes);
        // The first 64 pixels opaque (one alpha code), the rest varied.
        for (int x = 0; x < Math.Min(pixels, 64); x++) codes[4 * x + 3] = 255;
        var output = new float[4 * pixels + 4];
        output[^1] = 42f;
        table.Decode(codes, output, pixels);

        var expected = new float[4 * pixels];
        for (int i = 0; i < expected.Length; i++) expected[i] = values[(i % 4) * 256 + codes[i]];
        Assert.That(Bits(output.AsSpan(0, 4 * pixels)), Is.EqualTo(Bits(expected)), $"{pixels} pixels (accelerated: {CodeTable.IsAccelerated})");
        Assert.That(output[^1], Is.EqualTo(42f), "nothing written past the pixels");

        // As planes: channel c's floats of every pixel, then the next channel's.
        var planes = new float[4 * pixels];
        table.DecodePlanes(codes, planes, pixels);
        var expectedPlanes = new float[4 * pixels];
        for (int x = 0; x < pixels; x++)
            for (int c = 0; c < 4; c++) expectedPlanes[c * pixels + x] = expected[4 * x + c];
        Assert.That(Bits(planes), Is.EqualTo(Bits(expectedPlanes)), $"{pixels} pixels as planes");
    }

    private static int[] Bits(ReadOnlySpan<float> values) => System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(values).ToArray();

    [Test]
    public void EveryCodeOfEveryChannelIsFound()
    {
        var values = new float[1024];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.25f - 7f;
        var table = new CodeTable(values);
        // 256 pixels: pixel k holds code k in R, 255 - k in G, (k * 7) & 255 in B, (k * 13) & 255 in A.
        var codes = new byte[1024];
        for (int k = 0; k < 256; k++)
        {
            codes[4 * k] = (byte)k;
            codes[4 * k + 1] = (byte)(255 - k);
            codes[4 * k + 2] = (byte)(k * 7);
            codes[4 * k + 3] = (byte)(k * 13);
        }

        var output = new float[1024];
        table.Decode(codes, output, 256);
        for (int k = 0; k < 256; k++)
        {
            Assert.That(output[4 * k], Is.EqualTo(values[k]));
            Assert.That(output[4 * k + 1], Is.EqualTo(values[256 + 255 - k]));
            Assert.That(output[4 * k + 2], Is.EqualTo(values[512 + ((k * 7) & 255)]));
            Assert.That(output[4 * k + 3], Is.EqualTo(values[768 + ((k * 13) & 255)]));
        }
    }
}
