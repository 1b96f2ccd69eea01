using System.Runtime.InteropServices;
using Compositor.Operations;

namespace Compositor.Core.Tests.Operations;

/// <summary>Splitting pixels into channel planes and joining them back, at widths with and without a scalar tail.</summary>
public class PlanarPixelsTests
{
    [TestCase(1)]
    [TestCase(16)]
    [TestCase(37)]
    [TestCase(1920)]
    public void SplitPutsEachChannelInItsPlaneAndJoinRestoresThePixels(int width)
    {
        var random = new Random(width);
        var pixels = new float[4 * width];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
        var planes = new float[4 * width];
        PlanarPixels.Split(pixels, planes, width);
        for (int x = 0; x < width; x++)
            for (int c = 0; c < 4; c++)
                if (BitConverter.SingleToUInt32Bits(planes[c * width + x]) != BitConverter.SingleToUInt32Bits(pixels[4 * x + c]))
                    Assert.Fail($"pixel {x} channel {c} not in its plane");

        var joined = new float[4 * width];
        PlanarPixels.Join(planes, joined, width);
        Assert.That(MemoryMarshal.Cast<float, int>(joined).ToArray(), Is.EqualTo(MemoryMarshal.Cast<float, int>(pixels).ToArray()));
    }
}
