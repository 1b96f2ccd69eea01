using System.Buffers.Binary;
using Compositor.Codecs;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Decodes every file of Willem van Schaik's PngSuite and compares it with pypng's decode.</summary>
public class PngSuiteTests
{
    private static string[] ValidFiles() =>
        TestData.Files(TestData.PngSuite, "*.png").Where(name => !name.StartsWith('x')).ToArray();

    private static string[] CorruptFiles() => TestData.Files(TestData.PngSuite, "x*.png");

    [Test]
    public void SuiteIsPresent()
    {
        Assert.That(ValidFiles(), Has.Length.GreaterThan(150), $"PngSuite not found under {TestData.PngSuite}");
        Assert.That(CorruptFiles(), Has.Length.EqualTo(14));
    }

    [TestCaseSource(nameof(ValidFiles))]
    public void DecodesExactlyAsReference(string name)
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.PngSuite, name));
        byte[] reference = File.ReadAllBytes(Path.Combine(TestData.PngSuite, "decoded", Path.ChangeExtension(name, ".rgba16")));

        Assert.That(reference, Has.Length.EqualTo(image.Width * image.Height * 8), "size differs from the reference");
        Assert.That(image.IsFloat, Is.False);
        int maxCode = (1 << image.BitDepth) - 1;
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            int expected = BinaryPrimitives.ReadUInt16BigEndian(reference.AsSpan(2 * i));
            int actual = ReferenceScale(image, (int)MathF.Round(image.Pixels[i] * maxCode));
            if (actual != expected)
            {
                int pixel = i / 4;
                Assert.Fail($"pixel ({pixel % image.Width},{pixel / image.Width}) channel {"RGBA"[i % 4]}: got {actual}, expected {expected}");
            }
        }
    }

    /// <summary>
    /// How the reference scales a <paramref name="code"/> to 16 bits: normally
    /// code * 65535 / (2^depth - 1). But for 8-bit samples with an sBIT chunk declaring fewer bits,
    /// pypng (despite the README) shifts all four output channels down to the largest sBIT value m
    /// and the harness multiplied by 65535 / (2^m - 1) in integers: 3-bit 7 becomes 7 * 9362 = 65534.
    /// (16-bit files are not affected.) Our decoder does not apply sBIT, so the test reproduces
    /// that scaling from our samples.
    /// </summary>
    private static int ReferenceScale(DecodedImage image, int code)
    {
        int depth = image.BitDepth;
        int significant = image.SignificantBits?.Max() ?? depth;
        if (depth != 8 || significant >= depth) return (int)((long)code * 65535 / ((1 << depth) - 1));
        return (code >> (depth - significant)) * (65535 / ((1 << significant) - 1));
    }

    [Test]
    public void ExposesSignificantBits()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.PngSuite, "cs3n3p08.png"));
        Assert.That(image.SignificantBits, Is.EqualTo(new[] { 3, 3, 3 }));
        // Not applied: the brightest palette entry 0xFF stays 1.0 rather than 7/7 of a 3-bit scale shifted down.
        Assert.That(image.Pixels.Max(), Is.EqualTo(1f));
    }

    // What each corrupt file must be rejected for (PngSuite.README explains the names).
    private static readonly Dictionary<string, string> CorruptReasons = new()
    {
        ["xc1n0g08.png"] = "invalid color type 1",
        ["xc9n2c08.png"] = "invalid color type 9",
        ["xcrn0g04.png"] = "bad signature",
        ["xcsn0g01.png"] = "PNG chunk IDAT: bad CRC",
        ["xd0n2c08.png"] = "invalid bit depth 0",
        ["xd3n2c08.png"] = "invalid bit depth 3",
        ["xd9n2c08.png"] = "invalid bit depth 99",
        ["xdtn0g01.png"] = "no IDAT chunk",
        ["xhdn0g08.png"] = "PNG chunk IHDR: bad CRC",
        ["xlfn0g04.png"] = "bad signature",
        ["xs1n0g01.png"] = "bad signature",
        ["xs2n0g01.png"] = "bad signature",
        ["xs4n0g01.png"] = "bad signature",
        ["xs7n0g01.png"] = "bad signature",
    };

    [TestCaseSource(nameof(CorruptFiles))]
    public void RejectsCorruptFileWithClearError(string name)
    {
        string path = Path.Combine(TestData.PngSuite, name);
        var error = Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path))!;
        Assert.That(error.FileName, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ": "));
        Assert.That(CorruptReasons, Does.ContainKey(name), "new corrupt file: add its expected reason");
        Assert.That(error.Problem, Does.Contain(CorruptReasons[name]));
    }

    [TestCase("basn0g01.png", 1, 1, false)]
    [TestCase("basn0g16.png", 16, 1, false)]
    [TestCase("basn2c08.png", 8, 3, false)]
    [TestCase("basn3p04.png", 8, 3, false)]
    [TestCase("basn4a16.png", 16, 2, true)]
    [TestCase("basn6a08.png", 8, 4, true)]
    [TestCase("tbbn0g04.png", 4, 2, true)]
    [TestCase("tbrn2c08.png", 8, 4, true)]
    [TestCase("tbbn3p08.png", 8, 4, true)]
    public void ReportsSourceLayout(string name, int bitDepth, int channels, bool hasAlpha)
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.PngSuite, name));
        Assert.Multiple(() =>
        {
            Assert.That(image.BitDepth, Is.EqualTo(bitDepth));
            Assert.That(image.SourceChannels, Is.EqualTo(channels));
            Assert.That(image.HasAlpha, Is.EqualTo(hasAlpha));
            Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Png));
        });
    }

    [TestCase("g03n0g16.png", 0.35)]
    [TestCase("g25n2c08.png", 2.5)]
    public void ExposesGammaWithoutApplyingIt(string name, double gamma)
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.PngSuite, name));
        Assert.That(image.Gamma, Is.EqualTo(gamma).Within(1e-9));
        Assert.That(image.IsSrgb, Is.False);
    }

    [Test]
    public void ReadsFromStream()
    {
        using var stream = File.OpenRead(Path.Combine(TestData.PngSuite, "basn2c08.png"));
        var image = ImageCodecs.Read(stream);
        Assert.That((image.Width, image.Height), Is.EqualTo((32, 32)));
    }
}
