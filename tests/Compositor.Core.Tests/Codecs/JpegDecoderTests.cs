using System.Security.Cryptography;
using Compositor.Codecs;
using Compositor.Codecs.Jpeg;

namespace Compositor.Core.Tests.Codecs;

/// <summary>The JPEG decoder against libjpeg-turbo's output (files and references in Codecs/Data/jpeg).</summary>
public class JpegDecoderTests
{
    public static string[] Fixtures() => TestData.Files(TestData.LocalFile("jpeg"), "*.jpg");

    /// <summary>8-bit codes of an image's R, G, B channels.</summary>
    internal static byte[] RgbCodes(DecodedImage image)
    {
        var codes = new byte[image.Width * image.Height * 3];
        for (int i = 0; i < image.Width * image.Height; i++)
            for (int c = 0; c < 3; c++)
            {
                float v = image.Pixels[4 * i + c] * 255f;
                Assert.That(v, Is.EqualTo(MathF.Round(v)).Within(1e-3), "a JPEG sample must be an 8-bit code");
                codes[3 * i + c] = (byte)MathF.Round(v);
            }
        return codes;
    }

    [TestCaseSource(nameof(Fixtures))]
    public void MatchesLibjpegTurboExactly(string name)
    {
        var image = ImageCodecs.Read(TestData.LocalFile("jpeg", name));
        var reference = ImageCodecs.Read(TestData.LocalFile("jpeg", name[..^4] + ".ref.png"));
        Assert.That((image.Width, image.Height), Is.EqualTo((reference.Width, reference.Height)));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Jpeg));
        Assert.That(image.IsFloat, Is.False);
        Assert.That(image.BitDepth, Is.EqualTo(8));
        Assert.That(image.SourceChannels, Is.EqualTo(name.Contains("gray") ? 1 : 3));
        Assert.That(image.HasAlpha, Is.False);
        Assert.That(image.Pixels.Where((_, i) => i % 4 == 3), Is.All.EqualTo(1f));

        byte[] actual = RgbCodes(image), expected = RgbCodes(reference);
        int differing = 0, worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int d = Math.Abs(actual[i] - expected[i]);
            if (d > 0) differing++;
            worst = Math.Max(worst, d);
        }
        Assert.That((differing, worst), Is.EqualTo((0, 0)), "samples differing from libjpeg-turbo (count, largest difference)");
    }

    [Test]
    public void RocketMatchesLibjpegTurbo()
    {
        string path = Path.Combine(TestData.Conformance, "inputs", "rocket.jpg");
        Assume.That(File.Exists(path), "the shared conformance inputs are missing");
        var image = ImageCodecs.Read(path);
        Assert.That((image.Width, image.Height), Is.EqualTo((384, 256)));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(RgbCodes(image))),
            Is.EqualTo("fbda1e5774019b3e1f80b86474d7cff32eb7eb6116cab19654335d92b56ae865"));
    }

    /// <summary>An APP1 EXIF segment holding only IFD0 with the orientation tag.</summary>
    internal static byte[] ExifSegment(int orientation, bool bigEndian = false)
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(bigEndian ? [(byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8)]);
        void U32(int v) => tiff.AddRange(bigEndian ? [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
        tiff.AddRange(bigEndian ? "MM"u8.ToArray() : "II"u8.ToArray());
        U16(42);
        U32(8);
        U16(1);
        U16(0x0112);
        U16(3);
        U32(1);
        U16(orientation);
        U16(0);
        U32(0);
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        return [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
    }

    /// <summary><paramref name="jpeg"/> with <paramref name="segment"/> inserted right after SOI.</summary>
    internal static byte[] InsertAfterSoi(byte[] jpeg, byte[] segment) => [.. jpeg[..2], .. segment, .. jpeg[2..]];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void ExifOrientationIsApplied(int orientation)
    {
        byte[] plain = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_444.jpg"));
        var stored = JpegDecoder.Decode(plain);
        int w = stored.Width, h = stored.Height;
        foreach (bool bigEndian in new[] { false, true })
        {
            byte[] tagged = InsertAfterSoi(plain, ExifSegment(orientation, bigEndian));
            var upright = JpegDecoder.Decode(tagged);
            Assert.That(upright.Orientation, Is.EqualTo(orientation));
            Assert.That(upright.OrientationApplied, Is.EqualTo(orientation != 1));
            bool swapped = orientation >= 5;
            Assert.That((upright.Width, upright.Height), Is.EqualTo(swapped ? (h, w) : (w, h)));
            // Where each stored pixel appears, from the EXIF table ("0th row is the visual top/bottom/left/right,
            // 0th column the visual left/right/top/bottom").
            for (int sy = 0; sy < h; sy++)
                for (int sx = 0; sx < w; sx++)
                {
                    (int dx, int dy) = orientation switch
                    {
                        1 => (sx, sy),
                        2 => (w - 1 - sx, sy),
                        3 => (w - 1 - sx, h - 1 - sy),
                        4 => (sx, h - 1 - sy),
                        5 => (sy, sx),
                        6 => (h - 1 - sy, sx),
                        7 => (h - 1 - sy, w - 1 - sx),
                        _ => (sy, w - 1 - sx),
                    };
                    for (int c = 0; c < 4; c++)
                        if (upright.Pixels[(dy * upright.Width + dx) * 4 + c] != stored.Pixels[(sy * w + sx) * 4 + c])
                            Assert.Fail($"orientation {orientation}: stored pixel ({sx},{sy}) is not at ({dx},{dy})");
                }

            var raw = JpegDecoder.Decode(tagged, new ImageReadOptions { ApplyOrientation = false });
            Assert.That(raw.Orientation, Is.EqualTo(orientation));
            Assert.That(raw.OrientationApplied, Is.False);
            Assert.That(raw.Pixels, Is.EqualTo(stored.Pixels));
        }
    }

    [Test]
    public void MalformedExifIsIgnored()
    {
        byte[] plain = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        var expected = JpegDecoder.Decode(plain);
        byte[] segment = ExifSegment(6);
        segment[12] = (byte)'X'; // byte order mark "XI"
        var image = JpegDecoder.Decode(InsertAfterSoi(plain, segment));
        Assert.That(image.Orientation, Is.EqualTo(1));
        Assert.That(image.Pixels, Is.EqualTo(expected.Pixels));

        segment = ExifSegment(6);
        segment[16] = 0xF0; // IFD offset far outside the block
        Assert.That(JpegDecoder.Decode(InsertAfterSoi(plain, segment)).Orientation, Is.EqualTo(1));
    }

    /// <summary>Offset of the first marker <paramref name="marker"/> (0xFF then the code) outside entropy-coded data.</summary>
    internal static int FindMarker(byte[] jpeg, byte marker)
    {
        int pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            Assert.That(jpeg[pos], Is.EqualTo(0xFF), "walking the header segments");
            if (jpeg[pos + 1] == marker) return pos;
            Assert.That(jpeg[pos + 1], Is.Not.EqualTo(0xDA), $"marker 0x{marker:X2} not found before the scan");
            pos += 2 + (jpeg[pos + 2] << 8 | jpeg[pos + 3]);
        }
        Assert.Fail($"marker 0x{marker:X2} not found");
        return -1;
    }

    [TestCase((byte)0xC9, "arithmetic")]
    [TestCase((byte)0xCA, "arithmetic")]
    [TestCase((byte)0xC3, "lossless")]
    [TestCase((byte)0xC5, "hierarchical")]
    public void OtherJpegProcessesAreNotSupported(byte sof, string named)
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        file[FindMarker(file, 0xC0) + 1] = sof;
        Assert.That(Assert.Throws<NotSupportedException>(() => JpegDecoder.Decode(file))!.Message, Does.Contain(named));
    }

    [Test]
    public void TwelveBitSamplesAreNotSupported()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        file[FindMarker(file, 0xC0) + 4] = 12;
        Assert.That(Assert.Throws<NotSupportedException>(() => JpegDecoder.Decode(file))!.Message, Does.Contain("12-bit"));
    }

    [TestCase("cat_420.jpg")]
    [TestCase("cat_420_progressive.jpg")]
    [TestCase("cat_420_restart.jpg")]
    [TestCase("cat_gray.jpg")]
    public void TruncationIsRejected(string name)
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", name));
        int lastScan = file.Length - 2;
        // Every cut before the end of the last scan's data loses samples and must fail; a cut that
        // loses only the EOI marker still holds the whole image (libjpeg accepts it too).
        var lengths = new List<int>();
        for (int length = 0; length < lastScan - 1; length += 1 + length / 50) lengths.Add(length);
        lengths.Add(lastScan - 1);
        foreach (int length in lengths)
        {
            byte[] prefix = file[..length];
            Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(prefix), $"prefix of {length} of {file.Length} bytes");
        }
        Assert.That(JpegDecoder.Decode(file[..lastScan]).Pixels, Is.EqualTo(JpegDecoder.Decode(file).Pixels));
    }

    [Test]
    public void LimitsAreEnforcedBeforeDecoding()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg")); // 61x43
        Assert.That(Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file, new ImageReadOptions { MaxWidth = 60 }))!.Message,
            Does.Contain("width 61"));
        Assert.That(Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file, new ImageReadOptions { MaxHeight = 42 }))!.Message,
            Does.Contain("height 43"));
        Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file, new ImageReadOptions { MaxPixels = 61 * 43 - 1 }));
        Assert.DoesNotThrow(() => JpegDecoder.Decode(file, new ImageReadOptions { MaxWidth = 61, MaxHeight = 43, MaxPixels = 61 * 43 }));
    }

    [Test]
    public void HugeFrameInTinyFileIsRejectedWithoutAllocating()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        int sof = FindMarker(file, 0xC0);
        file[sof + 5] = 0x3F; // height 16191
        file[sof + 6] = 0xFF;
        file[sof + 7] = 0x3F; // width 16191
        file[sof + 8] = 0xFF;
        var error = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file))!;
        Assert.That(error.Message, Does.Contain("truncated"));
    }

    [Test]
    public void BadSegmentLengthNamesTheOffset()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        int dqt = FindMarker(file, 0xDB);
        file[dqt + 2] = 0xFF;
        Assert.That(Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file))!.Message, Does.Contain($"offset {dqt}"));
    }

    [Test]
    public void UndefinedHuffmanTableIsRejected()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        int sos = FindMarker(file, 0xDA);
        file[sos + 6] = 0x33; // first component: DC and AC tables 3, never defined
        Assert.That(Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file))!.Message, Does.Contain("never defined"));
    }

    [Test]
    public void MissingSofIsRejected()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        int sof = FindMarker(file, 0xC0);
        file[sof + 1] = 0xE5; // turn the frame header into an APP5 segment
        Assert.That(Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(file))!.Message, Does.Contain("before any frame header"));
    }

    /// <summary>A 4-component image with Adobe marker, written by our encoder's general entry point.</summary>
    private static byte[] FourComponentFile(int transform, float[] c0, float[] c1, float[] c2, float[] k, int width, int height)
    {
        using var stream = new MemoryStream();
        JpegEncoder.EncodeComponents(stream, width, height,
        [
            new JpegEncoderComponent(1, 1, 1, 0, 0, c0),
            new JpegEncoderComponent(2, 1, 1, 1, 1, c1),
            new JpegEncoderComponent(3, 1, 1, 1, 1, c2),
            new JpegEncoderComponent(4, 1, 1, 0, 0, k),
        ], quality: 100, jfif: false, adobeTransform: transform);
        return stream.ToArray();
    }

    [Test]
    public void AdobeCmykIsScaledByBlack()
    {
        const int W = 16, H = 8;
        float[] Plane(float value) => Enumerable.Repeat(value, W * H).ToArray();
        // Adobe CMYK is stored inverted: 255 = no ink. RGB = stored C, M, Y times K / 255.
        byte[] file = FourComponentFile(0, Plane(255), Plane(128), Plane(0), Plane(200), W, H);
        var image = JpegDecoder.Decode(file);
        Assert.That(image.SourceChannels, Is.EqualTo(3));
        Assert.That(image.Pixels[0] * 255f, Is.EqualTo(255 * 200 / 255).Within(1.01));
        Assert.That(image.Pixels[1] * 255f, Is.EqualTo(128 * 200 / 255).Within(1.01));
        Assert.That(image.Pixels[2] * 255f, Is.EqualTo(0).Within(1.01));
        Assert.That(image.Pixels[3], Is.EqualTo(1f));
    }

    [Test]
    public void AdobeYcckIsConvertedToCmykThenScaled()
    {
        const int W = 16, H = 8;
        float[] Plane(float value) => Enumerable.Repeat(value, W * H).ToArray();
        // Y=128, Cb=Cr=128 is a mid gray "inverted CMY" of 255-128 = 127 ink; stored CMY = 128 each.
        byte[] file = FourComponentFile(2, Plane(128), Plane(128), Plane(128), Plane(255), W, H);
        var image = JpegDecoder.Decode(file);
        for (int c = 0; c < 3; c++) Assert.That(image.Pixels[c] * 255f, Is.EqualTo(255 - 128).Within(1.01), $"channel {c}");
    }
}
