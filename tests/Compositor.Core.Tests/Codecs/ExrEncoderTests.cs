using System.Buffers.Binary;
using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Core.Tests.Codecs;

public class ExrEncoderTests
{
    /// <summary>HDR-ish test data: negatives, values above 1, tiny values, repeated runs (for RLE), and noise.</summary>
    private static float[] TestImage(int width, int height, bool gray = false)
    {
        var random = new Random(42);
        var pixels = new float[width * height * 4];
        for (int i = 0; i < pixels.Length; i += 4)
        {
            int pixel = i / 4;
            for (int c = 0; c < 4; c++)
            {
                float v = (pixel % 7) switch
                {
                    0 => 0.5f,                                     // runs of equal values
                    1 => -random.NextSingle(),
                    2 => random.NextSingle() * 1000f,
                    3 => random.NextSingle() * 1e-5f,
                    _ => random.NextSingle(),
                };
                pixels[i + c] = v;
            }
            if (gray) pixels[i + 1] = pixels[i + 2] = pixels[i];
        }
        return pixels;
    }

    private static byte[] Encode(int width, int height, float[] pixels, ImageWriteOptions options)
    {
        using var buffer = new MemoryStream();
        ExrEncoder.Encode(buffer, width, height, pixels, options);
        return buffer.ToArray();
    }

    [Test]
    public void RoundTrips(
        [Values(ExrCompression.None, ExrCompression.Rle, ExrCompression.Zips, ExrCompression.Zip, ExrCompression.Piz)] ExrCompression compression,
        [Values(16, 32)] int bitDepth,
        [Values(ImageChannels.Rgba, ImageChannels.Rgb, ImageChannels.Gray, ImageChannels.GrayAlpha)] ImageChannels channels)
    {
        const int Width = 41, Height = 37; // not a multiple of ZIP's 16-line blocks
        bool gray = channels is ImageChannels.Gray or ImageChannels.GrayAlpha;
        bool alpha = channels is ImageChannels.Rgba or ImageChannels.GrayAlpha;
        var pixels = TestImage(Width, Height, gray);
        byte[] file = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = compression, BitDepth = bitDepth, Channels = channels });
        var image = ImageCodecs.Read(new MemoryStream(file));

        Assert.Multiple(() =>
        {
            Assert.That(image.Exr!.Compression, Is.EqualTo(compression));
            Assert.That(image.BitDepth, Is.EqualTo(bitDepth));
            Assert.That(image.SourceChannels, Is.EqualTo((int)channels));
            Assert.That(image.Exr.Channels.Select(c => c.Name), Is.EqualTo(ExpectedNames(channels)));
        });
        for (int i = 0; i < pixels.Length; i++)
        {
            float expected = i % 4 == 3 && !alpha ? 1f : pixels[i];
            if (bitDepth == 16) expected = (float)(Half)expected;
            if (BitConverter.SingleToInt32Bits(image.Pixels[i]) != BitConverter.SingleToInt32Bits(expected))
                Assert.Fail($"sample {i}: got {image.Pixels[i]}, expected {expected}");
        }
    }

    private static string[] ExpectedNames(ImageChannels channels) => channels switch
    {
        ImageChannels.Rgba => ["A", "B", "G", "R"],
        ImageChannels.Rgb => ["B", "G", "R"],
        ImageChannels.GrayAlpha => ["A", "Y"],
        _ => ["Y"],
    };

    [Test]
    public void CompressionMakesSmoothImagesSmaller()
    {
        const int Width = 128, Height = 64;
        var pixels = new float[Width * Height * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (i / 4 % Width) / (float)Width;
        long none = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = ExrCompression.None }).Length;
        long zip = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = ExrCompression.Zip }).Length;
        long rle = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = ExrCompression.Rle }).Length;
        Assert.That(none, Is.GreaterThan(Width * Height * 4 * 2), "NONE stores 4 halves per pixel");
        Assert.That(zip, Is.LessThan(none / 4));
        Assert.That(rle, Is.LessThan(none / 2));
    }

    [Test]
    public void WritesTheRequiredHeaderAttributes()
    {
        var image = ExrDecoder.Decode(Encode(3, 2, new float[24], new ImageWriteOptions()));
        var attributes = image.Attributes;
        Assert.Multiple(() =>
        {
            Assert.That(attributes["channels"].Type, Is.EqualTo("chlist"));
            Assert.That(attributes["compression"].Value, Is.EqualTo(new byte[] { (byte)ExrCompression.Zip }));
            Assert.That(image.DataWindow, Is.EqualTo(new ExrBox(0, 0, 2, 1)));
            Assert.That(image.DisplayWindow, Is.EqualTo(new ExrBox(0, 0, 2, 1)));
            Assert.That(attributes["lineOrder"].Value, Is.EqualTo(new byte[] { 0 }));
            Assert.That(BitConverter.ToSingle(attributes["pixelAspectRatio"].Value), Is.EqualTo(1f));
            Assert.That(attributes["screenWindowCenter"], Is.EqualTo(attributes["screenWindowCenter"] with { Type = "v2f" }));
            Assert.That(attributes["screenWindowCenter"].Value, Is.EqualTo(new byte[8]));
            Assert.That(BitConverter.ToSingle(attributes["screenWindowWidth"].Value), Is.EqualTo(1f));
        });
    }

    [Test]
    public void IncompressibleBlocksAreStoredRaw()
    {
        // Random float bits do not deflate; such blocks must be stored raw (size = raw size) and still read back.
        const int Width = 16, Height = 16;
        var random = new Random(5);
        var pixels = new float[Width * Height * 4];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = BitConverter.Int32BitsToSingle(random.Next() & 0x3FFFFFFF);
        byte[] file = Encode(Width, Height, pixels, new ImageWriteOptions { BitDepth = 32, ExrCompression = ExrCompression.Zip });
        // One 16-line block: its size field follows its y field, right after the 8-byte offset table.
        long offset = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(file.Length - Width * Height * 16 - 16));
        Assert.That(BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan((int)offset + 4)), Is.EqualTo(Width * Height * 16));
        Assert.That(ExrDecoder.Decode(file).ToDecodedImage().Pixels, Is.EqualTo(pixels));
    }

    [TestCase(16)]
    [TestCase(32)]
    public void PizCompressesSmoothImagesAndMatchesZipExactly(int bitDepth)
    {
        // A large smooth image: PIZ must both round-trip exactly and compress well; 32-bit floats
        // take the 16-bit wavelet (more than 2^14 distinct words per block).
        const int Width = 300, Height = 70;
        var pixels = new float[Width * Height * 4];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int i = (y * Width + x) * 4;
                pixels[i] = MathF.Sin(x * 0.05f) * 3f + y * 0.01f;
                pixels[i + 1] = x * 0.001f;
                pixels[i + 2] = MathF.Cos(y * 0.1f + x * 0.02f);
                pixels[i + 3] = 1f;
            }
        byte[] piz = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = ExrCompression.Piz, BitDepth = bitDepth });
        byte[] none = Encode(Width, Height, pixels, new ImageWriteOptions { ExrCompression = ExrCompression.None, BitDepth = bitDepth });
        Assert.That(piz.Length, Is.LessThan(none.Length * 3 / 4));
        Assert.That(ExrDecoder.Decode(piz).ToDecodedImage().Pixels, Is.EqualTo(ExrDecoder.Decode(none).ToDecodedImage().Pixels));
    }

    [Test]
    public void PizWaveletRoundTripsBothVariants([Values(1000, 20000, 65535)] int maxValue, [Values(1, 2)] int wordsPerSample)
    {
        var random = new Random(maxValue + wordsPerSample);
        foreach (var (nx, ny) in new[] { (1, 1), (7, 3), (16, 16), (33, 17), (5, 64) })
        {
            var data = new ushort[nx * ny * wordsPerSample];
            for (int i = 0; i < data.Length; i++) data[i] = (ushort)random.Next(maxValue + 1);
            var copy = (ushort[])data.Clone();
            for (int j = 0; j < wordsPerSample; j++) ExrPizEncoder.Encode2D(data, j, nx, wordsPerSample, ny, nx * wordsPerSample, maxValue);
            for (int j = 0; j < wordsPerSample; j++) ExrWavelet.Decode2D(data, j, nx, wordsPerSample, ny, nx * wordsPerSample, maxValue);
            Assert.That(data, Is.EqualTo(copy), $"{nx}x{ny}");
        }
    }

    [Test]
    public void PizHuffmanRoundTripsRunsAndRareSymbols()
    {
        var random = new Random(11);
        var values = new ushort[100_000];
        for (int i = 0; i < values.Length; i++)
            values[i] = (i / 1000 % 3) switch { 0 => 7, 1 => (ushort)random.Next(65536), _ => (ushort)(random.Next(20) * 3) };
        byte[] encoded = ExrHuffmanEncoder.Encode(values);
        var decoded = new ushort[values.Length];
        ExrHuffman.Decode(encoded, decoded, 0, new ExrHuffman.Scratch());
        Assert.That(decoded, Is.EqualTo(values));
        Assert.That(encoded.Length, Is.LessThan(values.Length * 2 * 2 / 3), "runs and skewed values must compress");
    }

    [Test]
    public void LossyOrUnknownCompressionIsRefused() =>
        Assert.That(Assert.Throws<NotSupportedException>(() =>
                Encode(1, 1, new float[4], new ImageWriteOptions { ExrCompression = ExrCompression.Dwaa }))!.Message,
            Does.Contain("DWAA"));
}
