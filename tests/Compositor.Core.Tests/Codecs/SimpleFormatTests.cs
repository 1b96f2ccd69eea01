using System.Buffers.Binary;
using System.Text;
using Compositor.Codecs;
using Compositor.Codecs.Bmp;
using Compositor.Codecs.Hdr;
using Compositor.Codecs.Pfm;
using Compositor.Codecs.Tga;

namespace Compositor.Core.Tests.Codecs;

/// <summary>TGA against OpenImageIO's decoding, hand-made variants and round trips.</summary>
public class TgaTests
{
    public static string[] Fixtures() => TestData.Files(TestData.LocalFile("tga"), "*.tga");

    [TestCaseSource(nameof(Fixtures))]
    public void MatchesOpenImageIo(string name)
    {
        var image = ImageCodecs.Read(TestData.LocalFile("tga", name));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Tga));
        ImageAssert.Close(image, ImageCodecs.Read(TestData.LocalFile("tga", name[..^4] + ".ref.exr")), 1e-6, name);
        Assert.That(image.SourceChannels, Is.EqualTo(name.StartsWith("gray") ? 1 : name.StartsWith("rgba") ? 4 : 3));
    }

    /// <summary>A TGA of 3x2 pixels with the given type, depth, descriptor, color map and pixel bytes.</summary>
    private static byte[] Make(int type, int depth, int descriptor, byte[] pixels, byte[]? map = null, int mapDepth = 0)
    {
        var header = new byte[18];
        header[2] = (byte)type;
        if (map is not null)
        {
            header[1] = 1;
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(5), (ushort)(map.Length / (mapDepth / 8)));
            header[7] = (byte)mapDepth;
        }
        header[12] = 3;
        header[14] = 2;
        header[16] = (byte)depth;
        header[17] = (byte)descriptor;
        return [.. header, .. map ?? [], .. pixels];
    }

    // Stored order: first the bottom row (bottom-left origin) unless descriptor bit 5 says top-down.
    private static readonly byte[] SixBgr = [0, 0, 10, 0, 0, 20, 0, 0, 30, 0, 0, 40, 0, 0, 50, 0, 0, 60];

    private static float[] Reds(DecodedImage image) => Enumerable.Range(0, 6).Select(i => MathF.Round(image.Pixels[4 * i] * 255)).ToArray();

    [Test]
    public void OriginFlagsArranged()
    {
        Assert.That(Reds(TgaDecoder.Decode(Make(2, 24, 0x00, SixBgr))), Is.EqualTo(new float[] { 40, 50, 60, 10, 20, 30 }), "bottom-left");
        Assert.That(Reds(TgaDecoder.Decode(Make(2, 24, 0x20, SixBgr))), Is.EqualTo(new float[] { 10, 20, 30, 40, 50, 60 }), "top-left");
        Assert.That(Reds(TgaDecoder.Decode(Make(2, 24, 0x30, SixBgr))), Is.EqualTo(new float[] { 30, 20, 10, 60, 50, 40 }), "top-right");
        Assert.That(Reds(TgaDecoder.Decode(Make(2, 24, 0x10, SixBgr))), Is.EqualTo(new float[] { 60, 50, 40, 30, 20, 10 }), "bottom-right");
    }

    [Test]
    public void RunLengthPacketsMayCrossRows()
    {
        // One run of 4 pixels (crossing the row end), then 2 literal pixels.
        byte[] rle = [0x83, 1, 2, 3, 0x01, 4, 5, 6, 7, 8, 9];
        var image = TgaDecoder.Decode(Make(10, 24, 0x20, rle));
        Assert.That(Reds(image), Is.EqualTo(new float[] { 3, 3, 3, 3, 6, 9 }));
    }

    [Test]
    public void SixteenBitAndColorMapped()
    {
        // 16-bit A1R5G5B5: full red with alpha, full blue without.
        byte[] sixteen = [0x00, 0xFC, 0x1F, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        var image = TgaDecoder.Decode(Make(2, 16, 0x21, sixteen));
        Assert.That(image.Pixels[..8], Is.EqualTo(new float[] { 1, 0, 0, 1, 0, 0, 1, 0 }));
        Assert.That(image.HasAlpha, Is.True);

        byte[] map = [255, 0, 0, 0, 255, 0, 0, 0, 255]; // BGR: blue, green, red
        var mapped = TgaDecoder.Decode(Make(1, 8, 0x20, [0, 1, 2, 2, 1, 0], map, 24));
        Assert.That(mapped.Pixels[..12], Is.EqualTo(new float[] { 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1 }));
        Assert.Throws<ImageFormatException>(() => TgaDecoder.Decode(Make(1, 8, 0x20, [0, 1, 3, 2, 1, 0], map, 24)), "index past the map");
    }

    [Test]
    public void RoundTrips([Values] bool rle, [Values(ImageChannels.Gray, ImageChannels.Rgb, ImageChannels.Rgba)] ImageChannels channels)
    {
        const int W = 150, H = 7; // wider than one 128-pixel packet
        var pixels = ImageAssert.Gradient(W, H);
        for (int i = 0; i < 40 * 4; i++) pixels[i] = 0.5f; // a long run
        using var stream = new MemoryStream();
        TgaEncoder.Encode(stream, W, H, pixels, new ImageWriteOptions { TgaRle = rle, Channels = channels });
        byte[] file = stream.ToArray();
        Assert.That(ImageCodecs.DetectFormat(file), Is.EqualTo(ImageFileFormat.Tga));
        var image = TgaDecoder.Decode(file);
        var expected = ImageAssert.Quantized(pixels, 8);
        if (channels == ImageChannels.Gray)
            for (int i = 0; i < W * H; i++)
            {
                float gray = ImageAssert.Quantized([0.2126f * pixels[4 * i] + 0.7152f * pixels[4 * i + 1] + 0.0722f * pixels[4 * i + 2]], 8)[0];
                expected[4 * i] = expected[4 * i + 1] = expected[4 * i + 2] = gray;
            }
        if (channels != ImageChannels.Rgba)
            for (int i = 0; i < W * H; i++) expected[4 * i + 3] = 1f;
        ImageAssert.Close(image, new DecodedImage(W, H, expected), 1e-6);
    }

    [Test]
    public void RunLengthCodingCompressesFlatAreas()
    {
        var pixels = Enumerable.Repeat(0.25f, 300 * 20 * 4).ToArray();
        using var stream = new MemoryStream();
        TgaEncoder.Encode(stream, 300, 20, pixels, new ImageWriteOptions { Channels = ImageChannels.Rgb });
        Assert.That(stream.Length, Is.LessThan(18 + 26 + 20 * 3 * 4 + 1));
        Assert.That(TgaDecoder.Decode(stream.ToArray()).Pixels.Where((_, i) => i % 4 != 3), Is.All.EqualTo(64 / 255f));
    }

    [Test]
    public void TruncationIsRejected()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("tga", "rgba_rle.tga"));
        // The file ends with TGA 2.0 extension area and footer, which the decoder ignores.
        ImageAssert.TruncationsAreRejected(file, data => TgaDecoder.Decode(data), orIdentical: true);
        int pixelsEnd = file.Length - 26 - 495;
        Assert.Throws<ImageFormatException>(() => TgaDecoder.Decode(file[..(pixelsEnd - 1)]));
    }
}

/// <summary>BMP against OpenImageIO's decoding, hand-made variants and round trips.</summary>
public class BmpTests
{
    public static string[] Fixtures() => TestData.Files(TestData.LocalFile("bmp"), "*.bmp");

    [TestCaseSource(nameof(Fixtures))]
    public void MatchesOpenImageIo(string name)
    {
        var image = ImageCodecs.Read(TestData.LocalFile("bmp", name));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Bmp));
        ImageAssert.Close(image, ImageCodecs.Read(TestData.LocalFile("bmp", name[..^4] + ".ref.exr")), 1e-6, name);
    }

    /// <summary>A BITMAPINFOHEADER bitmap: <paramref name="height"/> negative for top-down.</summary>
    private static byte[] Make(int width, int height, int bpp, int compression, byte[] pixels, byte[]? palette = null, uint[]? masks = null)
    {
        int headerEnd = 14 + 40 + (masks?.Length ?? 0) * 4 + (palette?.Length ?? 0);
        var file = new byte[headerEnd + pixels.Length];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), headerEnd);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bpp);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(30), compression);
        int at = 54;
        foreach (uint mask in masks ?? [])
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), mask);
            at += 4;
        }
        palette?.CopyTo(file, at);
        pixels.CopyTo(file, headerEnd);
        return file;
    }

    [Test]
    public void TopDownAndBottomUp()
    {
        // 2x2, 24-bit, rows padded to 8 bytes. First stored row: red, green.
        byte[] pixels = [0, 0, 255, 0, 255, 0, 0, 0, 255, 0, 0, 255, 255, 255, 0, 0];
        var bottomUp = BmpDecoder.Decode(Make(2, 2, 24, 0, pixels));
        var topDown = BmpDecoder.Decode(Make(2, -2, 24, 0, pixels));
        Assert.That(topDown.Pixels[..8], Is.EqualTo(new float[] { 1, 0, 0, 1, 0, 1, 0, 1 }));
        Assert.That(bottomUp.Pixels[8..16], Is.EqualTo(new float[] { 1, 0, 0, 1, 0, 1, 0, 1 }));
        Assert.That(bottomUp.Pixels[..8], Is.EqualTo(new float[] { 0, 0, 1, 1, 1, 1, 1, 1 }));
    }

    [Test]
    public void ThirtyTwoBitAlpha()
    {
        byte[] zeroAlpha = [10, 20, 30, 0, 40, 50, 60, 0];
        var opaque = BmpDecoder.Decode(Make(2, 1, 32, 0, zeroAlpha));
        Assert.That(opaque.HasAlpha, Is.False, "an all-zero fourth byte is padding");
        Assert.That(opaque.Pixels[3], Is.EqualTo(1f));
        byte[] withAlpha = [10, 20, 30, 255, 40, 50, 60, 51];
        var translucent = BmpDecoder.Decode(Make(2, 1, 32, 0, withAlpha));
        Assert.That(translucent.HasAlpha, Is.True);
        Assert.That(translucent.Pixels[7], Is.EqualTo(0.2f).Within(1e-6));
        Assert.That(translucent.Pixels[..3], Is.EqualTo(new[] { 30 / 255f, 20 / 255f, 10 / 255f }));
    }

    [Test]
    public void BitFieldsPalettesAndRle()
    {
        // 16-bit 5-6-5 bit fields: pure green, pure red.
        var rgb565 = BmpDecoder.Decode(Make(2, 1, 16, 3, [0xE0, 0x07, 0x00, 0xF8], masks: [0xF800, 0x07E0, 0x001F]));
        Assert.That(rgb565.Pixels, Is.EqualTo(new float[] { 0, 1, 0, 1, 1, 0, 0, 1 }));

        byte[] palette = [0, 0, 0, 0, 255, 255, 255, 0];
        var bilevel = BmpDecoder.Decode(Make(3, 1, 1, 0, [0b1010_0000, 0, 0, 0], palette));
        Assert.That(bilevel.Pixels.Where((_, i) => i % 4 == 0), Is.EqualTo(new float[] { 1, 0, 1 }));

        var four = BmpDecoder.Decode(Make(3, 1, 4, 0, [0x10, 0x10, 0, 0], [.. palette, .. new byte[14 * 4]]));
        Assert.That(four.Pixels.Where((_, i) => i % 4 == 0), Is.EqualTo(new float[] { 1, 0, 1 }));

        // RLE8 4x2: bottom row "run of 4 x index 1", end of line; top row literal 0,1,0,1; end of bitmap.
        byte[] rle = [4, 1, 0, 0, 0, 4, 0, 1, 0, 1, 0, 1];
        var rle8 = BmpDecoder.Decode(Make(4, 2, 8, 1, rle, [.. palette, .. new byte[254 * 4]]));
        Assert.That(rle8.Pixels.Where((_, i) => i % 4 == 0), Is.EqualTo(new float[] { 0, 1, 0, 1, 1, 1, 1, 1 }));
    }

    [Test]
    public void UnsupportedCompressionsAreNamed()
    {
        Assert.That(Assert.Throws<NotSupportedException>(() => BmpDecoder.Decode(Make(1, 1, 24, 4, new byte[4])))!.Message, Does.Contain("JPEG"));
        Assert.That(Assert.Throws<NotSupportedException>(() => BmpDecoder.Decode(Make(1, 1, 24, 5, new byte[4])))!.Message, Does.Contain("PNG"));
    }

    [Test]
    public void RoundTrips([Values(ImageChannels.Gray, ImageChannels.Rgb, ImageChannels.Rgba)] ImageChannels channels)
    {
        const int W = 13, H = 5; // rows need padding
        var pixels = ImageAssert.Gradient(W, H);
        using var stream = new MemoryStream();
        BmpEncoder.Encode(stream, W, H, pixels, new ImageWriteOptions { Channels = channels });
        var image = ImageCodecs.Read(new MemoryStream(stream.ToArray()));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Bmp));
        var expected = ImageAssert.Quantized(pixels, 8);
        for (int i = 0; i < W * H; i++)
        {
            if (channels == ImageChannels.Gray)
            {
                float gray = ImageAssert.Quantized([0.2126f * pixels[4 * i] + 0.7152f * pixels[4 * i + 1] + 0.0722f * pixels[4 * i + 2]], 8)[0];
                expected[4 * i] = expected[4 * i + 1] = expected[4 * i + 2] = gray;
            }
            if (channels != ImageChannels.Rgba) expected[4 * i + 3] = 1f;
        }
        ImageAssert.Close(image, new DecodedImage(W, H, expected), 1e-6);
    }

    [Test]
    public void TruncationIsRejected()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("bmp", "rgb24.bmp"));
        ImageAssert.TruncationsAreRejected(file, data => BmpDecoder.Decode(data));
    }
}

/// <summary>Radiance HDR against Blender's decoding, the eight orientations, old formats and round trips.</summary>
public class HdrTests
{
    [Test]
    public void MatchesBlender()
    {
        var image = ImageCodecs.Read(TestData.LocalFile("hdr", "city.hdr"));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Hdr));
        Assert.That(image.IsFloat, Is.True);
        // Blender converts RGBE as (mantissa + 0.5) * 2^(exponent - 136): exactly what it decoded.
        ImageAssert.Close(image, ImageCodecs.Read(TestData.LocalFile("hdr", "city.blender.exr")), 0);
    }

    /// <summary>A flat (uncompressed) Radiance file with the given resolution string and RGBE pixels in file order.</summary>
    private static byte[] Make(string resolution, byte[] rgbe, string format = "32-bit_rle_rgbe") =>
        [.. Encoding.ASCII.GetBytes($"#?RADIANCE\nFORMAT={format}\nEXPOSURE=1.0\n\n{resolution}\n"), .. rgbe];

    /// <summary>Six pixels in file order, each with red mantissa 10..60 and exponent 136 (value = mantissa + 0.5).</summary>
    private static byte[] SixPixels() => Enumerable.Range(1, 6).SelectMany(i => new byte[] { (byte)(10 * i), 0, 0, 136 }).ToArray();

    // Image is 3 wide, 2 high; the expected reds (mantissas) in image order, rows top to bottom.
    [TestCase("-Y 2 +X 3", new[] { 10, 20, 30, 40, 50, 60 })]
    [TestCase("-Y 2 -X 3", new[] { 30, 20, 10, 60, 50, 40 })]
    [TestCase("+Y 2 +X 3", new[] { 40, 50, 60, 10, 20, 30 })]
    [TestCase("+Y 2 -X 3", new[] { 60, 50, 40, 30, 20, 10 })]
    [TestCase("+X 3 -Y 2", new[] { 10, 30, 50, 20, 40, 60 })]
    [TestCase("+X 3 +Y 2", new[] { 20, 40, 60, 10, 30, 50 })]
    [TestCase("-X 3 -Y 2", new[] { 50, 30, 10, 60, 40, 20 })]
    [TestCase("-X 3 +Y 2", new[] { 60, 40, 20, 50, 30, 10 })]
    public void AllEightOrientations(string resolution, int[] expected)
    {
        var image = HdrDecoder.Decode(Make(resolution, SixPixels()));
        Assert.That((image.Width, image.Height), Is.EqualTo((3, 2)));
        Assert.That(Enumerable.Range(0, 6).Select(i => image.Pixels[4 * i] - 0.5f), Is.EqualTo(expected.Select(v => (float)v)));
    }

    [Test]
    public void OldRunLengthRepeatsThePreviousPixel()
    {
        // A pixel, (1,1,1,2): two copies of it; another pixel, (1,1,1,1): one copy.
        byte[] data = [20, 0, 0, 136, 1, 1, 1, 2, 40, 0, 0, 136, 1, 1, 1, 1];
        var image = HdrDecoder.Decode(Make("-Y 1 +X 5", data));
        Assert.That(Enumerable.Range(0, 5).Select(i => image.Pixels[4 * i] - 0.5f), Is.EqualTo(new float[] { 20, 20, 20, 40, 40 }));
    }

    [Test]
    public void XyzeIsNotSupported() =>
        Assert.That(Assert.Throws<NotSupportedException>(() => HdrDecoder.Decode(Make("-Y 2 +X 3", SixPixels(), "32-bit_rle_xyze")))!.Message, Does.Contain("XYZE"));

    [TestCase(5)]
    [TestCase(61)]
    public void RoundTripsWithinRgbePrecision(int width)
    {
        int height = 4;
        var pixels = ImageAssert.Gradient(width, height, 40f);
        pixels[0] = 1e6f;
        pixels[1] = -3f; // negative: stored as 0
        using var stream = new MemoryStream();
        HdrEncoder.Encode(stream, width, height, pixels);
        var image = HdrDecoder.Decode(stream.ToArray());
        for (int i = 0; i < width * height; i++)
        {
            float max = MathF.Max(pixels[4 * i], MathF.Max(pixels[4 * i + 1], pixels[4 * i + 2]));
            for (int c = 0; c < 3; c++)
            {
                float want = MathF.Max(0, pixels[4 * i + c]);
                Assert.That(image.Pixels[4 * i + c], Is.EqualTo(want).Within(max / 128f + 1e-30f), $"pixel {i} channel {c}");
            }
            Assert.That(image.Pixels[4 * i + 3], Is.EqualTo(1f));
        }
    }

    [Test]
    public void TruncationIsRejected()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("hdr", "city.hdr"));
        ImageAssert.TruncationsAreRejected(file, data => HdrDecoder.Decode(data));
    }
}

/// <summary>PFM: both byte orders, color and gray, round trips.</summary>
public class PfmTests
{
    [TestCase("color_le.pfm", "color.ref.exr")]
    [TestCase("color_be.pfm", "color.ref.exr")]
    [TestCase("gray_le.pfm", "gray.ref.exr")]
    [TestCase("gray_be.pfm", "gray.ref.exr")]
    public void MatchesOpenImageIo(string name, string reference)
    {
        var image = ImageCodecs.Read(TestData.LocalFile("pfm", name));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Pfm));
        Assert.That(image.SourceChannels, Is.EqualTo(name.StartsWith("gray") ? 1 : 3));
        ImageAssert.Close(image, ImageCodecs.Read(TestData.LocalFile("pfm", reference)), 0, name);
    }

    [TestCase(ImageChannels.Rgb)]
    [TestCase(ImageChannels.Gray)]
    public void RoundTripsExactly(ImageChannels channels)
    {
        var pixels = ImageAssert.Gradient(9, 4, 100f);
        pixels[0] = -2.5f;
        using var stream = new MemoryStream();
        PfmEncoder.Encode(stream, 9, 4, pixels, new ImageWriteOptions { Channels = channels });
        var image = PfmDecoder.Decode(stream.ToArray());
        for (int i = 0; i < 36; i++)
        {
            float r = pixels[4 * i], g = pixels[4 * i + 1], b = pixels[4 * i + 2];
            if (channels == ImageChannels.Gray) r = g = b = 0.2126f * r + 0.7152f * g + 0.0722f * b;
            Assert.That(image.Pixels.AsSpan(4 * i, 4).ToArray(), Is.EqualTo(new[] { r, g, b, 1f }), $"pixel {i}");
        }
    }

    [TestCase("PF\n2 2\n0\n")]
    [TestCase("PF\n2 x\n-1\n")]
    [TestCase("PF\n2 2\n-1\n\0\0\0\0")]
    [TestCase("Pf 0 3 -1.0 ")]
    public void BadFilesAreRejected(string text) =>
        Assert.Throws<ImageFormatException>(() => PfmDecoder.Decode(Encoding.ASCII.GetBytes(text)));
}
