using System.Buffers.Binary;
using Compositor.Codecs;
using Compositor.Codecs.Tiff;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Shared assertions for decoded images.</summary>
internal static class ImageAssert
{
    /// <summary>Same size and every RGBA value within <paramref name="tolerance"/>.</summary>
    public static void Close(DecodedImage actual, DecodedImage expected, double tolerance, string what = "")
    {
        Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)), $"{what} size");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.Pixels.Length; i++)
        {
            double d = Math.Abs(actual.Pixels[i] - expected.Pixels[i]);
            if (!(d <= worst)) (worst, at) = (d, i);
        }
        Assert.That(worst, Is.LessThanOrEqualTo(tolerance),
            $"{what}: largest difference at pixel {at / 4} channel {at % 4}: {(at >= 0 ? actual.Pixels[at] : 0)} vs {(at >= 0 ? expected.Pixels[at] : 0)}");
    }

    /// <summary>A smooth RGBA test image with values in 0..1 (or scaled), alpha varying.</summary>
    public static float[] Gradient(int w, int h, float scale = 1f)
    {
        var pixels = new float[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 4;
                pixels[i] = scale * x / (w - 1f);
                pixels[i + 1] = scale * y / (h - 1f);
                pixels[i + 2] = scale * (0.5f + 0.5f * MathF.Sin(x * 0.3f + y * 0.2f));
                pixels[i + 3] = (x + y) % 7 / 6f;
            }
        return pixels;
    }

    /// <summary><paramref name="pixels"/> as <paramref name="bits"/>-bit codes would store them (normalized again), for comparing integer round trips.</summary>
    public static float[] Quantized(float[] pixels, int bits)
    {
        float max = (1 << bits) - 1;
        return pixels.Select(v => MathF.Floor(Math.Clamp(v, 0f, 1f) * max + 0.5f) / max).ToArray();
    }

    /// <summary>
    /// Every truncation of <paramref name="file"/> (sampled) is rejected with <see cref="ImageFormatException"/>,
    /// or, when <paramref name="orIdentical"/> (the file ends with metadata a decoder may ignore), decodes to
    /// exactly the untruncated image: never a silently wrong one.
    /// </summary>
    public static void TruncationsAreRejected(byte[] file, Func<byte[], DecodedImage> decode, bool orIdentical = false)
    {
        var whole = orIdentical ? decode(file) : null;
        int rejected = 0;
        for (int length = 0; length < file.Length; length += 1 + length / 40)
        {
            byte[] prefix = file[..length];
            if (whole is null)
            {
                Assert.Throws<ImageFormatException>(() => decode(prefix), $"prefix of {length} of {file.Length} bytes");
                rejected++;
                continue;
            }
            try
            {
                var image = decode(prefix);
                Assert.That(image.Pixels, Is.EqualTo(whole.Pixels), $"prefix of {length} of {file.Length} bytes decoded differently");
            }
            catch (ImageFormatException)
            {
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(0));
    }
}

/// <summary>TIFF decoding against libtiff / OpenImageIO (Codecs/Data/tiff), hand-made files, and round trips.</summary>
public class TiffTests
{
    public static string[] Fixtures() => TestData.Files(TestData.LocalFile("tiff"), "*.tif");

    /// <summary>The reference file for a fixture: files sharing a prefix hold the same pixels.</summary>
    private static string Reference(string name)
    {
        string stem = name[..^4];
        foreach (string candidate in new[] { stem, stem.Split('_')[0] })
        {
            foreach (string extension in new[] { ".ref.exr", ".ref.png" })
            {
                string path = TestData.LocalFile("tiff", candidate + extension);
                if (File.Exists(path)) return path;
            }
        }
        Assert.Fail($"no reference for {name}");
        return "";
    }

    [TestCaseSource(nameof(Fixtures))]
    public void MatchesLibtiff(string name)
    {
        var image = ImageCodecs.Read(TestData.LocalFile("tiff", name));
        var reference = ImageCodecs.Read(Reference(name));
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Tiff));
        ImageAssert.Close(image, reference, 1e-6, name);
        int bits = name.StartsWith("bilevel") ? 1 : name.StartsWith("float") ? 32 : name.Contains("16") ? 16 : 8;
        Assert.That(image.BitDepth, Is.EqualTo(bits));
        Assert.That(image.IsFloat, Is.EqualTo(name.StartsWith("float")));
        int channels = name.StartsWith("gray") || name.StartsWith("bilevel") ? 1 : name.StartsWith("rgba") ? 4 : 3;
        Assert.That(image.SourceChannels, Is.EqualTo(channels));
        Assert.That(image.HasAlpha, Is.EqualTo(channels == 4));
        // OpenImageIO writes associated alpha; the unassociated copy was retagged with tiffset.
        Assert.That(image.AlphaPremultiplied, Is.EqualTo(name.StartsWith("rgba") && !name.Contains("unassociated")));
    }

    [Test]
    public void OrientationTagCanBeLeftUnapplied()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("tiff", "rgb8_orientation6.tif"));
        var upright = TiffDecoder.Decode(file);
        Assert.That((upright.Width, upright.Height, upright.Orientation, upright.OrientationApplied), Is.EqualTo((43, 61, 6, true)));
        var stored = TiffDecoder.Decode(file, new ImageReadOptions { ApplyOrientation = false });
        Assert.That((stored.Width, stored.Height, stored.Orientation, stored.OrientationApplied), Is.EqualTo((61, 43, 6, false)));
        ImageAssert.Close(stored, ImageCodecs.Read(TestData.LocalFile("tiff", "rgb8_none.tif")), 0);
    }

    /// <summary>Builds a small uncompressed TIFF by hand: one strip, the given tags (SHORT or LONG values).</summary>
    internal static byte[] Build(bool little, byte[] pixels, params (int Tag, int Type, long[] Values)[] tags)
    {
        var entries = tags.ToList();
        entries.Add((273, 4, [8]));                    // StripOffsets: right after the header
        entries.Add((279, 4, [pixels.Length]));        // StripByteCounts
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        int ifdAt = 8 + pixels.Length + (pixels.Length & 1);
        int extraAt = ifdAt + 2 + 12 * entries.Count + 4;
        var file = new byte[extraAt + entries.Sum(e => e.Values.Length * (e.Type == 3 ? 2 : 4) > 4 ? e.Values.Length * (e.Type == 3 ? 2 : 4) : 0)];
        void U16(int at, long v) { if (little) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(at), (ushort)v); else BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at), (ushort)v); }
        void U32(int at, long v) { if (little) BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), (uint)v); else BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), (uint)v); }
        file[0] = file[1] = (byte)(little ? 'I' : 'M');
        U16(2, 42);
        U32(4, ifdAt);
        pixels.CopyTo(file, 8);
        U16(ifdAt, entries.Count);
        int extra = extraAt;
        for (int i = 0; i < entries.Count; i++)
        {
            var (tag, type, values) = entries[i];
            int at = ifdAt + 2 + 12 * i, size = type == 3 ? 2 : 4;
            U16(at, tag);
            U16(at + 2, type);
            U32(at + 4, values.Length);
            int valuesAt = values.Length * size <= 4 ? at + 8 : extra;
            if (valuesAt == extra)
            {
                U32(at + 8, extra);
                extra += values.Length * size;
            }
            for (int v = 0; v < values.Length; v++)
            {
                if (size == 2) U16(valuesAt + 2 * v, values[v]);
                else U32(valuesAt + 4 * v, values[v]);
            }
        }
        return file;
    }

    private static (int, int, long[]) Tag(int tag, params long[] values) => (tag, values.Any(v => v > 65535) ? 4 : 3, values);

    [TestCase(true)]
    [TestCase(false)]
    public void PaletteImages(bool little)
    {
        // 4-bit indices: a 3x2 image, rows padded to whole bytes.
        byte[] pixels = [0x01, 0x20, 0xF3, 0x00];
        var map = new long[3 * 16];
        for (int i = 0; i < 16; i++)
        {
            map[i] = i * 4369;              // red ramps 0..65535
            map[16 + i] = 65535 - i * 4369; // green falls
            map[32 + i] = i == 15 ? 65535 : 0;
        }
        byte[] file = Build(little, pixels, Tag(256, 3), Tag(257, 2), Tag(258, 4), Tag(259, 1), Tag(262, 3), Tag(277, 1), Tag(278, 2), (320, 3, map));
        var image = TiffDecoder.Decode(file);
        int[] expectedIndices = [0, 1, 2, 15, 3, 0];
        for (int p = 0; p < 6; p++)
        {
            int index = expectedIndices[p];
            Assert.That(image.Pixels[4 * p], Is.EqualTo(index / 15f).Within(1e-6), $"pixel {p} red");
            Assert.That(image.Pixels[4 * p + 1], Is.EqualTo(1 - index / 15f).Within(1e-6), $"pixel {p} green");
            Assert.That(image.Pixels[4 * p + 2], Is.EqualTo(index == 15 ? 1 : 0), $"pixel {p} blue");
            Assert.That(image.Pixels[4 * p + 3], Is.EqualTo(1f));
        }
        Assert.That(image.SourceChannels, Is.EqualTo(3));
    }

    [Test]
    public void WhiteIsZeroTwoBitGray()
    {
        // 2-bit samples, 5 pixels in a row: 0,1,2,3,0 -> white .. black
        byte[] pixels = [0b00_01_10_11, 0b00_000000];
        byte[] file = Build(false, pixels, Tag(256, 5), Tag(257, 1), Tag(258, 2), Tag(259, 1), Tag(262, 0), Tag(277, 1), Tag(278, 1));
        var image = TiffDecoder.Decode(file);
        Assert.That(Enumerable.Range(0, 5).Select(p => image.Pixels[4 * p]), Is.EqualTo(new[] { 1f, 2 / 3f, 1 / 3f, 0f, 1f }).Within(1e-6));
    }

    [TestCase(8)]
    [TestCase(32946)] // the old Deflate code, still written by some tools
    public void BothDeflateCodes(int compression)
    {
        byte[] raw = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
        using var zlib = new MemoryStream();
        using (var deflate = new System.IO.Compression.ZLibStream(zlib, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(raw);
        byte[] file = Build(true, zlib.ToArray(), Tag(256, 2), Tag(257, 2), Tag(258, 8, 8, 8), Tag(259, compression), Tag(262, 2), Tag(277, 3), Tag(278, 2));
        var image = TiffDecoder.Decode(file);
        Assert.That(image.Pixels.Where((_, i) => i % 4 != 3).Select(v => (int)MathF.Round(v * 255)), Is.EqualTo(raw.Select(b => (int)b)));
    }

    [Test]
    public void FillOrderTwoReversesBits()
    {
        // 1-bit black-is-zero, 8 pixels: 1,0,1,1,0,0,0,1 stored least significant bit first.
        byte[] file = Build(true, [0b1000_1101], Tag(256, 8), Tag(257, 1), Tag(258, 1), Tag(259, 1), Tag(262, 1), Tag(266, 2), Tag(277, 1), Tag(278, 1));
        var image = TiffDecoder.Decode(file);
        Assert.That(Enumerable.Range(0, 8).Select(p => image.Pixels[4 * p]), Is.EqualTo(new float[] { 1, 0, 1, 1, 0, 0, 0, 1 }));
    }

    [Test]
    public void CmykIsConvertedToRgb()
    {
        byte[] pixels = [0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 0, 128, 255, 51];
        byte[] file = Build(true, pixels, Tag(256, 4), Tag(257, 1), Tag(258, 8, 8, 8, 8), Tag(259, 1), Tag(262, 5), Tag(277, 4), Tag(278, 1));
        var image = TiffDecoder.Decode(file);
        float[] expected = [1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0.8f, 0.8f * 127 / 255f, 0, 1];
        Assert.That(image.Pixels, Is.EqualTo(expected).Within(1e-6));
    }

    [TestCase(7, "JPEG")]
    [TestCase(6, "JPEG")]
    [TestCase(3, "CCITT")]
    [TestCase(34712, "JPEG 2000")]
    public void OtherCompressionsAreNotSupported(int compression, string named)
    {
        byte[] file = Build(true, [1, 2, 3], Tag(256, 1), Tag(257, 1), Tag(258, 8, 8, 8), Tag(259, compression), Tag(262, 2), Tag(277, 3), Tag(278, 1));
        Assert.That(Assert.Throws<NotSupportedException>(() => TiffDecoder.Decode(file))!.Message, Does.Contain(named));
    }

    [TestCase(6, "YCbCr")]
    [TestCase(8, "L*a*b*")]
    [TestCase(32844, "LogL")]
    public void OtherPhotometricsAreNotSupported(int photometric, string named)
    {
        byte[] file = Build(true, [1, 2, 3], Tag(256, 1), Tag(257, 1), Tag(258, 8, 8, 8), Tag(259, 1), Tag(262, photometric), Tag(277, 3), Tag(278, 1));
        Assert.That(Assert.Throws<NotSupportedException>(() => TiffDecoder.Decode(file))!.Message, Does.Contain(named));
    }

    [Test]
    public void BigTiffAndSignedSamplesAreNotSupported()
    {
        Assert.That(Assert.Throws<NotSupportedException>(() => TiffDecoder.Decode([(byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))!.Message,
            Does.Contain("BigTIFF"));
        byte[] file = Build(true, [1], Tag(256, 1), Tag(257, 1), Tag(258, 8), Tag(259, 1), Tag(262, 1), Tag(277, 1), Tag(278, 1), Tag(339, 2));
        Assert.That(Assert.Throws<NotSupportedException>(() => TiffDecoder.Decode(file))!.Message, Does.Contain("signed"));
    }

    [Test]
    public void StripOutsideTheFileIsRejected()
    {
        byte[] file = Build(true, [1, 2, 3], Tag(256, 1), Tag(257, 1), Tag(258, 8, 8, 8), Tag(259, 1), Tag(262, 2), Tag(277, 3), Tag(278, 1));
        Assert.DoesNotThrow(() => TiffDecoder.Decode(file));
        file = Build(true, [1, 2, 3], Tag(256, 1), Tag(257, 1), Tag(258, 8, 8, 8), Tag(259, 1), Tag(262, 2), Tag(277, 3), Tag(278, 1), (273, 4, [100000]));
        Assert.That(Assert.Throws<ImageFormatException>(() => TiffDecoder.Decode(file))!.Message, Does.Contain("outside the file"));
    }

    [TestCase("rgb8_lzw_predictor.tif")]
    [TestCase("rgba16_deflate_tiles_bigendian.tif")]
    [TestCase("float_lzw_fpredictor.tif")]
    public void TruncationIsRejected(string name)
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("tiff", name));
        // These files end with an ICC profile, which the decoder ignores; cuts before it must fail.
        ImageAssert.TruncationsAreRejected(file, data => TiffDecoder.Decode(data), orIdentical: true);
    }

    [Test]
    public void LimitsAreEnforced()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("tiff", "rgb8_none.tif"));
        Assert.That(Assert.Throws<ImageFormatException>(() => TiffDecoder.Decode(file, new ImageReadOptions { MaxWidth = 60 }))!.Message, Does.Contain("width 61"));
        Assert.Throws<ImageFormatException>(() => TiffDecoder.Decode(file, new ImageReadOptions { MaxPixels = 1000 }));
    }

    private static readonly TiffCompression[] Compressions = [TiffCompression.None, TiffCompression.Lzw, TiffCompression.Deflate, TiffCompression.PackBits];

    [Test]
    public void RoundTripsEveryLayout([Values(8, 16, 32)] int bits, [Values] ImageChannels channels)
    {
        const int W = 37, H = 29;
        var pixels = ImageAssert.Gradient(W, H, bits == 32 ? 3f : 1f);
        foreach (var compression in Compressions)
        {
            using var stream = new MemoryStream();
            TiffEncoder.Encode(stream, W, H, pixels, new ImageWriteOptions { BitDepth = bits, Channels = channels, TiffCompression = compression });
            var image = TiffDecoder.Decode(stream.ToArray());
            Assert.That(image.BitDepth, Is.EqualTo(bits));
            Assert.That(image.IsFloat, Is.EqualTo(bits == 32));
            Assert.That(image.SourceChannels, Is.EqualTo((int)channels));
            var expected = bits == 32 ? pixels : ImageAssert.Quantized(pixels, bits);
            for (int i = 0; i < W * H; i++)
            {
                float r = expected[4 * i], g = expected[4 * i + 1], b = expected[4 * i + 2], a = expected[4 * i + 3];
                if ((int)channels <= 2)
                {
                    float gray = 0.2126f * pixels[4 * i] + 0.7152f * pixels[4 * i + 1] + 0.0722f * pixels[4 * i + 2];
                    r = g = b = bits == 32 ? gray : ImageAssert.Quantized([gray], bits)[0];
                }
                if (channels is ImageChannels.Gray or ImageChannels.Rgb) a = 1f;
                float[] want = [r, g, b, a];
                for (int c = 0; c < 4; c++)
                    if (Math.Abs(image.Pixels[4 * i + c] - want[c]) > 1e-6)
                        Assert.Fail($"{compression} {bits}-bit {channels}: pixel {i} channel {c}: {image.Pixels[4 * i + c]} vs {want[c]}");
            }
        }
    }

    [Test]
    public void LzwRoundTripsLongAndRepetitiveData()
    {
        // Long enough to fill the 4096-entry table several times (clear codes), with runs and noise.
        var random = new Random(5);
        var data = new byte[300_000];
        for (int i = 0; i < data.Length; i++) data[i] = i % 1000 < 500 ? (byte)(i / 7) : (byte)random.Next(4);
        byte[] encoded = TiffCompressors.LzwEncode(data);
        var decoded = new byte[data.Length];
        Assert.That(TiffCompressors.LzwDecode(encoded, decoded, "test"), Is.EqualTo(data.Length));
        Assert.That(decoded, Is.EqualTo(data));
        Assert.That(encoded.Length, Is.LessThan(data.Length / 2));

        foreach (int length in new[] { 0, 1, 2, 255, 256, 257, 510, 511, 512, 1023, 4096, 9000 })
        {
            var small = Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 256)).ToArray();
            var back = new byte[length];
            Assert.That(TiffCompressors.LzwDecode(TiffCompressors.LzwEncode(small), back, "test"), Is.EqualTo(length));
            Assert.That(back, Is.EqualTo(small), $"length {length}");
        }
    }

    [Test]
    public void PackBitsRoundTrips()
    {
        var random = new Random(3);
        var data = Enumerable.Range(0, 5000).Select(i => i % 300 < 150 ? (byte)7 : (byte)random.Next(256)).ToArray();
        using var stream = new MemoryStream();
        TiffCompressors.PackBitsEncode(data, stream);
        var back = new byte[data.Length];
        Assert.That(TiffCompressors.PackBitsDecode(stream.ToArray(), back, "test"), Is.EqualTo(data.Length));
        Assert.That(back, Is.EqualTo(data));
    }
}
