using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Decodes the OpenImageIO-written test files and compares them with OpenEXR's own decode.</summary>
public class ExrReferenceTests
{
    // Every codec must decode exactly as OpenEXR does: for the lossy PXR24, B44/B44A and DWAA/DWAB too,
    // since their decoding is deterministic (for DWA, our float operations follow OpenEXR's own order).
    private static string[] SupportedFiles() => TestData.Files(TestData.Exr, "*.exr");

    [Test]
    public void TestFilesArePresent()
    {
        Assert.That(SupportedFiles(), Has.Length.EqualTo(25), $"EXR test files not found under {TestData.Exr}");
        Assert.That(SupportedFiles(), Has.Some.Contains("piz").And.Some.StartsWith("tiled").And.Some.Contains("b44a").And.Some.Contains("pxr24")
            .And.Some.Contains("dwaa").And.Some.Contains("dwab"));
    }

    private static ExrImage Reference(string name) =>
        ExrDecoder.Decode(File.ReadAllBytes(Path.Combine(TestData.Exr, "decoded", name)));

    [TestCaseSource(nameof(SupportedFiles))]
    public void DecodeMatchesOpenExrExactly(string name)
    {
        var image = ExrDecoder.Decode(File.ReadAllBytes(Path.Combine(TestData.Exr, name)));
        var reference = Reference(name);
        Assert.That(reference.Compression, Is.EqualTo(ExrCompression.None));
        Assert.That(image.DataWindow, Is.EqualTo(reference.DataWindow));
        Assert.That(image.DisplayWindow, Is.EqualTo(reference.DisplayWindow));
        Assert.That(image.Channels.Select(c => c.Name), Is.EqualTo(reference.Channels.Select(c => c.Name)));
        foreach (var channel in image.Channels)
        {
            var expected = reference.FindChannel(channel.Name)!.Values;
            Assert.That(channel.Values, Has.Length.EqualTo(expected.Length));
            for (int i = 0; i < expected.Length; i++)
            {
                // Bitwise, so that NaN payloads and -0 count too.
                if (BitConverter.SingleToInt32Bits(channel.Values[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                    Assert.Fail($"channel {channel.Name} sample {i}: got {channel.Values[i]}, expected {expected[i]}");
            }
        }
    }

    [TestCase("scan_dwaa_half.exr")]
    [TestCase("scan_dwab_float.exr")]
    public void DwaIsReallyLossyYetClose(string name)
    {
        // The reference comparison above is exact; this checks the lossy codec against the lossless original.
        var image = ExrDecoder.Decode(File.ReadAllBytes(Path.Combine(TestData.Exr, name)));
        var original = ExrDecoder.Decode(File.ReadAllBytes(Path.Combine(TestData.Exr, "decoded", name.Contains("half") ? "scan_zip_half.exr" : "scan_zip_float.exr")));
        int differing = 0;
        double worstRelative = 0;
        foreach (string channel in new[] { "R", "G", "B" })
        {
            var a = image.FindChannel(channel)!.Values;
            var b = original.FindChannel(channel)!.Values;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) differing++;
                worstRelative = Math.Max(worstRelative, Math.Abs(a[i] - b[i]) / Math.Max(0.05, Math.Abs(b[i])));
            }
        }
        Assert.That(differing, Is.GreaterThan(0), "DWA is lossy: some samples must differ from the original");
        Assert.That(worstRelative, Is.LessThan(0.25), "but not by much");
        Assert.That(image.FindChannel("A")!.Values, Is.EqualTo(original.FindChannel("A")!.Values), "alpha is coded losslessly (RLE)");
    }

    [Test]
    public void HalfAndFloatFilesReportTheirDepth()
    {
        var half = ImageCodecs.Read(Path.Combine(TestData.Exr, "scan_zip_half.exr"));
        var full = ImageCodecs.Read(Path.Combine(TestData.Exr, "scan_zip_float.exr"));
        Assert.Multiple(() =>
        {
            Assert.That(half.BitDepth, Is.EqualTo(16));
            Assert.That(full.BitDepth, Is.EqualTo(32));
            Assert.That(half.IsFloat && full.IsFloat, Is.True);
            Assert.That(half.SourceChannels, Is.EqualTo(4));
            Assert.That(half.HasAlpha, Is.True);
            Assert.That(half.Exr!.FindChannel("R")!.PixelType, Is.EqualTo(ExrPixelType.Half));
        });
    }

    [Test]
    public void DataWindowIsPlacedInsideDisplayWindow()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Exr, "datawindow_offset_zip_half.exr"));
        var exr = image.Exr!;
        Assert.That(exr.DataWindow, Is.EqualTo(new ExrBox(13, 7, 79, 51)));
        Assert.That((image.Width, image.Height), Is.EqualTo((192, 96)));
        var red = exr.FindChannel("R")!;
        var alpha = exr.FindChannel("A")!;
        Assert.That((red.Width, red.Height), Is.EqualTo((67, 45)));

        for (int y = 0; y < 96; y++)
            for (int x = 0; x < 192; x++)
            {
                int at = (y * 192 + x) * 4;
                bool inside = x is >= 13 and <= 79 && y is >= 7 and <= 51;
                float expectedRed = inside ? red.Values[(y - 7) * 67 + (x - 13)] : 0f;
                float expectedAlpha = inside ? alpha.Values[(y - 7) * 67 + (x - 13)] : 0f;
                if (image.Pixels[at] != expectedRed || image.Pixels[at + 3] != expectedAlpha)
                    Assert.Fail($"pixel ({x},{y}): got R={image.Pixels[at]} A={image.Pixels[at + 3]}, expected R={expectedRed} A={expectedAlpha}");
            }
        Assert.That(red.Values.Any(v => v != 0f), Is.True);
    }

    [Test]
    public void LuminanceOnlyBecomesGrayWithOpaqueAlpha()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Exr, "gray_Y_zip_float.exr"));
        var luminance = image.Exr!.FindChannel("Y")!.Values;
        Assert.That(image.SourceChannels, Is.EqualTo(1));
        Assert.That(image.HasAlpha, Is.False);
        for (int i = 0; i < luminance.Length; i++)
        {
            var pixel = image.Pixels.AsSpan(4 * i, 4).ToArray();
            Assert.That(pixel, Is.EqualTo(new[] { luminance[i], luminance[i], luminance[i], 1f }), $"pixel {i}");
        }
    }

    [Test]
    public void RgbOnlyGetsOpaqueAlpha()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Exr, "rgb_zip_half.exr"));
        Assert.That(image.SourceChannels, Is.EqualTo(3));
        Assert.That(image.HasAlpha, Is.False);
        Assert.That(Enumerable.Range(0, image.Width * image.Height).All(i => image.Pixels[4 * i + 3] == 1f), Is.True);
        Assert.That(image.Pixels[0], Is.EqualTo(image.Exr!.FindChannel("R")!.Values[0]));
        Assert.That(image.Pixels[2], Is.EqualTo(image.Exr!.FindChannel("B")!.Values[0]));
    }
}
