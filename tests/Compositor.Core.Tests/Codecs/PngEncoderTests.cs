using System.IO.Compression;
using Compositor.Codecs;
using Compositor.Codecs.Png;

namespace Compositor.Core.Tests.Codecs;

public class PngEncoderTests
{
    private static float[] RandomImage(int width, int height, int seed, bool gray = false)
    {
        var random = new Random(seed);
        var pixels = new float[width * height * 4];
        for (int i = 0; i < pixels.Length; i += 4)
        {
            float r = random.NextSingle();
            pixels[i] = r;
            pixels[i + 1] = gray ? r : random.NextSingle();
            pixels[i + 2] = gray ? r : random.NextSingle();
            pixels[i + 3] = random.NextSingle();
        }
        return pixels;
    }

    private static DecodedImage RoundTrip(int width, int height, float[] pixels, ImageWriteOptions options)
    {
        using var buffer = new MemoryStream();
        PngEncoder.Encode(buffer, width, height, pixels, options);
        return PngDecoder.Decode(buffer.ToArray());
    }

    private static float Quantize(float v, int bitDepth)
    {
        int max = (1 << bitDepth) - 1;
        // Half-up rounding, as the encoder does (MathF.Round would round halves to even).
        return (int)(Math.Clamp(v, 0f, 1f) * max + 0.5f) / (float)max;
    }

    [Test]
    public void RoundTripsEveryLayoutAndDepth(
        [Values(ImageChannels.Gray, ImageChannels.GrayAlpha, ImageChannels.Rgb, ImageChannels.Rgba)] ImageChannels channels,
        [Values(8, 16)] int bitDepth)
    {
        bool gray = channels is ImageChannels.Gray or ImageChannels.GrayAlpha;
        bool alpha = channels is ImageChannels.GrayAlpha or ImageChannels.Rgba;
        const int Width = 37, Height = 23;
        var pixels = RandomImage(Width, Height, seed: 7, gray);
        var image = RoundTrip(Width, Height, pixels, new ImageWriteOptions { Channels = channels, BitDepth = bitDepth });

        Assert.Multiple(() =>
        {
            Assert.That((image.Width, image.Height), Is.EqualTo((Width, Height)));
            Assert.That(image.BitDepth, Is.EqualTo(bitDepth));
            Assert.That(image.SourceChannels, Is.EqualTo((int)channels));
            Assert.That(image.HasAlpha, Is.EqualTo(alpha));
        });
        for (int i = 0; i < pixels.Length; i++)
        {
            float expected = i % 4 == 3 && !alpha ? 1f : Quantize(pixels[i], bitDepth);
            if (image.Pixels[i] != expected) Assert.Fail($"sample {i}: got {image.Pixels[i]}, expected {expected}");
        }
    }

    [Test]
    public void ClampsOutOfRangeAndNaN()
    {
        float[] pixels = [-0.5f, 1.5f, float.NaN, float.PositiveInfinity, 0.5f, 0.25f, 1f, 0f];
        var image = RoundTrip(2, 1, pixels, new ImageWriteOptions { BitDepth = 8 });
        Assert.That(image.Pixels, Is.EqualTo(new[] { 0f, 1f, 0f, 1f, 128 / 255f, 64 / 255f, 1f, 0f }));
    }

    [Test]
    public void GrayFromColorUsesRec709Luminance()
    {
        float[] pixels = [1f, 0f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 0f, 1f, 1f];
        var image = RoundTrip(3, 1, pixels, new ImageWriteOptions { Channels = ImageChannels.Gray, BitDepth = 16 });
        Assert.That(image.Pixels[0], Is.EqualTo(0.2126f).Within(1e-4));
        Assert.That(image.Pixels[4], Is.EqualTo(0.7152f).Within(1e-4));
        Assert.That(image.Pixels[8], Is.EqualTo(0.0722f).Within(1e-4));
    }

    [Test]
    public void EveryFilterStrategyRoundTrips([Values] PngFilterStrategy filter)
    {
        var pixels = RandomImage(19, 11, seed: 3);
        var image = RoundTrip(19, 11, pixels, new ImageWriteOptions { PngFilter = filter, BitDepth = 16 });
        Assert.That(image.Pixels, Is.EqualTo(pixels.Select(v => Quantize(v, 16)).ToArray()));
    }

    private static float[] Gradient(int width, int height)
    {
        var pixels = new float[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                pixels[i] = x / (float)width;
                pixels[i + 1] = y / (float)height;
                pixels[i + 2] = (x + y) / (float)(width + height);
                pixels[i + 3] = 1f;
            }
        return pixels;
    }

    private static long EncodedSize(float[] pixels, int width, int height, ImageWriteOptions options)
    {
        using var buffer = new MemoryStream();
        PngEncoder.Encode(buffer, width, height, pixels, options);
        return buffer.Length;
    }

    [Test]
    public void AdaptiveFilteringBeatsNoFilteringOnGradients()
    {
        var pixels = Gradient(256, 128);
        long adaptive = EncodedSize(pixels, 256, 128, new ImageWriteOptions { PngFilter = PngFilterStrategy.Adaptive, BitDepth = 16 });
        long none = EncodedSize(pixels, 256, 128, new ImageWriteOptions { PngFilter = PngFilterStrategy.None, BitDepth = 16 });
        Assert.That(adaptive, Is.LessThan(none * 0.8));
    }

    [Test]
    public void CompressionLevelIsHonoured()
    {
        var pixels = Gradient(200, 100);
        long stored = EncodedSize(pixels, 200, 100, new ImageWriteOptions { PngCompressionLevel = CompressionLevel.NoCompression });
        long smallest = EncodedSize(pixels, 200, 100, new ImageWriteOptions { PngCompressionLevel = CompressionLevel.SmallestSize });
        Assert.That(stored, Is.GreaterThan(200 * 100 * 4), "stored deflate blocks hold every byte");
        Assert.That(smallest, Is.LessThan(stored / 4));
    }

    [Test]
    public void LargeImageIsSplitIntoSeveralIdatChunks()
    {
        var pixels = RandomImage(400, 300, seed: 11);
        using var buffer = new MemoryStream();
        PngEncoder.Encode(buffer, 400, 300, pixels, new ImageWriteOptions { BitDepth = 16 });
        byte[] png = buffer.ToArray();
        Assert.That(PngTestFiles.Chunks(png).Count(c => c.Type == "IDAT"), Is.GreaterThan(1));
        Assert.That(PngDecoder.Decode(png).Pixels, Is.EqualTo(pixels.Select(v => Quantize(v, 16)).ToArray()));
    }

    [Test]
    public void RejectsWrongPixelCountAndDepth()
    {
        using var buffer = new MemoryStream();
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(buffer, 2, 2, new float[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(buffer, 1, 1, new float[4], new ImageWriteOptions { BitDepth = 12 }));
    }
}
