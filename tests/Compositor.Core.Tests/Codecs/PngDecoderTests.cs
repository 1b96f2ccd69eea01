using System.IO.Compression;
using System.Text;
using Compositor.Codecs;
using Compositor.Codecs.Png;
using static Compositor.Core.Tests.Codecs.PngTestFiles;

namespace Compositor.Core.Tests.Codecs;

/// <summary>PNG decoding of hand-built files: metadata chunks and every way a file can be broken.</summary>
public class PngDecoderTests
{
    private static ImageFormatException Rejects(byte[] png) =>
        Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(png))!;

    [Test]
    public void DecodesTinyHandBuiltFile()
    {
        var image = PngDecoder.Decode(TinyGray());
        Assert.That(image.Pixels, Is.EqualTo(new[]
        {
            10 / 255f, 10 / 255f, 10 / 255f, 1f, 20 / 255f, 20 / 255f, 20 / 255f, 1f,
            30 / 255f, 30 / 255f, 30 / 255f, 1f, 40 / 255f, 40 / 255f, 40 / 255f, 1f,
        }));
        Assert.That(image.SourceChannels, Is.EqualTo(1));
        Assert.That(image.HasAlpha, Is.False);
    }

    [Test]
    public void ExposesSrgbAndIccProfileWithoutApplyingThem()
    {
        byte[] profile = Encoding.ASCII.GetBytes("not really an ICC profile, but bytes to carry");
        byte[] iccp = [.. Encoding.Latin1.GetBytes("Test profile"), 0, 0, .. Zlib(profile)];
        var image = PngDecoder.Decode(TinyGray(Chunk("sRGB", [1]), Chunk("iCCP", iccp), Chunk("gAMA", [0, 0, 0xB1, 0x8F])));
        Assert.Multiple(() =>
        {
            Assert.That(image.IsSrgb, Is.True);
            Assert.That(image.SrgbRenderingIntent, Is.EqualTo(1));
            Assert.That(image.IccProfileName, Is.EqualTo("Test profile"));
            Assert.That(image.IccProfile, Is.EqualTo(profile));
            Assert.That(image.Gamma, Is.EqualTo(0.45455).Within(1e-9));
            Assert.That(image.Pixels[0], Is.EqualTo(10 / 255f), "sRGB/gAMA must not change the samples");
        });
    }

    [Test]
    public void IgnoresUnknownAncillaryChunk() =>
        Assert.That(PngDecoder.Decode(TinyGray(Chunk("prVt", [1, 2, 3]))).Width, Is.EqualTo(2));

    [Test]
    public void RejectsUnknownCriticalChunk() =>
        Assert.That(Rejects(TinyGray(Chunk("ABCD", [1]))).Message, Does.Contain("unknown critical chunk ABCD"));

    [Test]
    public void RejectsBadCrcInAncillaryChunk() =>
        Assert.That(Rejects(TinyGray(Chunk("tEXt", [65, 0, 66], breakCrc: true))).Message, Does.Contain("PNG chunk tEXt: bad CRC"));

    [Test]
    public void RejectsBadFilterType()
    {
        var png = File(Ihdr(2, 2, 8, 0), Idat([0, 1, 2, 5, 3, 4]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("invalid filter type 5 in row 1"));
    }

    [Test]
    public void RejectsTruncatedImageData()
    {
        var png = File(Ihdr(4, 4, 8, 0), Idat([0, 1, 2, 3, 4, 0, 5, 6]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("truncated IDAT data"));
    }

    [Test]
    public void RejectsHugeImageWithTinyDataBeforeAllocating()
    {
        var png = File(Ihdr(16000, 16000, 16, 6), Idat([0, 0, 0]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("truncated IDAT data").And.Contain("cannot hold"));
    }

    [TestCase(0, 10)]
    [TestCase(10, 0)]
    [TestCase(100000, 100000)]
    [TestCase(-1, 1)]
    public void RejectsInvalidOrHugeSize(int width, int height)
    {
        var png = File(Ihdr(width, height, 8, 0), Idat([0, 0]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("PNG chunk IHDR").And.Contain("size").Or.Contain("limit"));
    }

    [Test]
    public void RejectsCorruptAdlerChecksum()
    {
        byte[] zlib = Zlib([0, 10, 20, 0, 30, 40]);
        zlib[^1] ^= 0xFF;
        var png = File(Ihdr(2, 2, 8, 0), Chunk("IDAT", zlib), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("corrupt zlib data"));
    }

    [Test]
    public void RejectsNonConsecutiveIdat()
    {
        byte[] zlib = Zlib([0, 10, 20, 0, 30, 40]);
        var png = File(Ihdr(2, 2, 8, 0), Chunk("IDAT", zlib[..4]), Chunk("tEXt", [65, 0, 66]), Chunk("IDAT", zlib[4..]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("IDAT chunks are not consecutive"));
    }

    [Test]
    public void JoinsSplitIdatChunks()
    {
        byte[] zlib = Zlib([0, 10, 20, 0, 30, 40]);
        var png = File(Ihdr(2, 2, 8, 0), Chunk("IDAT", zlib[..3]), Chunk("IDAT", []), Chunk("IDAT", zlib[3..]), Iend());
        Assert.That(PngDecoder.Decode(png).Pixels[12], Is.EqualTo(40 / 255f));
    }

    [Test]
    public void RejectsPaletteIndexOutOfRange()
    {
        var png = File(Ihdr(2, 1, 8, 3), Chunk("PLTE", [255, 0, 0, 0, 255, 0]), Idat([0, 1, 2]), Iend());
        Assert.That(Rejects(png).Message, Does.Contain("palette index 2 out of range"));
    }

    [Test]
    public void RejectsPaletteImageWithoutPalette() =>
        Assert.That(Rejects(File(Ihdr(2, 1, 8, 3), Idat([0, 0, 0]), Iend())).Message, Does.Contain("no PLTE"));

    [Test]
    public void RejectsMissingIend()
    {
        var png = File(Ihdr(2, 2, 8, 0), Idat([0, 10, 20, 0, 30, 40]));
        Assert.That(Rejects(png).Message, Does.Contain("no IEND"));
    }

    [Test]
    public void RejectsChunkLongerThanFile()
    {
        var png = TinyGray();
        var idat = Chunks(png).First(c => c.Type == "IDAT");
        png[idat.Offset + 2] = 0x7F; // length now ~8 MB
        Assert.That(Rejects(png).Message, Does.Contain("PNG chunk IDAT: truncated"));
    }

    [Test]
    public void EveryTruncationIsRejected()
    {
        byte[] png = System.IO.File.ReadAllBytes(Path.Combine(TestData.PngSuite, "basi6a16.png"));
        for (int length = 0; length < png.Length; length += Math.Max(1, length / 50))
        {
            byte[] prefix = png[..length];
            Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(prefix), $"prefix of {length} bytes");
        }
    }

    /// <summary>
    /// Random corruption inside chunks (CRCs recomputed so it gets past them) must end in a decoded
    /// image or an ImageFormatException: never another exception, hang, or out-of-range access.
    /// </summary>
    [TestCase("basn3p04.png")]
    [TestCase("basi6a16.png")]
    [TestCase("tbrn2c08.png")]
    [TestCase("s09i3p02.png")]
    [TestCase("f04n2c08.png")]
    public void CorruptionNeverEscapesAsAnotherException(string name)
    {
        byte[] original = System.IO.File.ReadAllBytes(Path.Combine(TestData.PngSuite, name));
        var random = new Random(1234);
        int rejected = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] png = (byte[])original.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) png[8 + random.Next(png.Length - 8)] ^= (byte)(1 << random.Next(8));
            if (trial % 2 == 0) FixCrcs(png);
            try
            {
                var image = PngDecoder.Decode(png);
                Assert.That(image.Pixels, Has.Length.EqualTo(image.Width * image.Height * 4));
            }
            catch (ImageFormatException e)
            {
                Assert.That(e.Message, Does.StartWith("PNG"));
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(100), "most corruptions should be detected");
    }

    [Test]
    public void StreamAndArrayDecodeAgree()
    {
        byte[] png = System.IO.File.ReadAllBytes(Path.Combine(TestData.PngSuite, "basn6a08.png"));
        using var stream = new DeflateStreamLikeNonSeekable(png);
        Assert.That(PngDecoder.Decode(stream).Pixels, Is.EqualTo(PngDecoder.Decode(png).Pixels));
    }

    /// <summary>A forward-only stream, like a network or pipe stream.</summary>
    private sealed class DeflateStreamLikeNonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
