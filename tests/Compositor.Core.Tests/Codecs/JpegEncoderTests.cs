using Compositor.Codecs;
using Compositor.Codecs.Jpeg;

namespace Compositor.Core.Tests.Codecs;

/// <summary>The baseline JPEG encoder: tables as libjpeg makes them, sampling, round trips.</summary>
public class JpegEncoderTests
{
    /// <summary>A smooth colorful test image with some detail, RGBA 0..1.</summary>
    private static float[] TestImage(int w, int h)
    {
        var pixels = new float[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 4;
                pixels[i] = 0.5f + 0.4f * MathF.Sin(x * 0.07f + y * 0.02f);
                pixels[i + 1] = 0.5f + 0.4f * MathF.Cos(y * 0.09f);
                pixels[i + 2] = (x + y) / (float)(w + h);
                pixels[i + 3] = 0.5f;
            }
        return pixels;
    }

    private static byte[] Encode(float[] pixels, int w, int h, ImageWriteOptions options)
    {
        using var stream = new MemoryStream();
        JpegEncoder.Encode(stream, w, h, pixels, options);
        return stream.ToArray();
    }

    private static (double MaxError, double Psnr) Compare(float[] expected, DecodedImage actual)
    {
        double max = 0, sum = 0;
        int n = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (i % 4 == 3) continue;
            double d = Math.Abs(Math.Round(expected[i] * 255) - actual.Pixels[i] * 255);
            max = Math.Max(max, d);
            sum += d * d;
            n++;
        }
        return (max, 10 * Math.Log10(255.0 * 255.0 / Math.Max(sum / n, 1e-12)));
    }

    [TestCase(JpegSubsampling.Yuv444, 100, 2.0, 48.0)]
    [TestCase(JpegSubsampling.Yuv420, 95, 8.0, 40.0)]
    [TestCase(JpegSubsampling.Yuv422, 90, 10.0, 38.0)]
    public void RoundTripIsClose(JpegSubsampling subsampling, int quality, double maxError, double minPsnr)
    {
        const int W = 77, H = 51;
        var pixels = TestImage(W, H);
        var image = JpegDecoder.Decode(Encode(pixels, W, H, new ImageWriteOptions { JpegQuality = quality, JpegSubsampling = subsampling }));
        Assert.That((image.Width, image.Height), Is.EqualTo((W, H)));
        Assert.That(image.Pixels.Where((_, i) => i % 4 == 3), Is.All.EqualTo(1f), "alpha is dropped");
        var (max, psnr) = Compare(pixels, image);
        Assert.That(max, Is.LessThanOrEqualTo(maxError));
        Assert.That(psnr, Is.GreaterThanOrEqualTo(minPsnr));
    }

    [Test]
    public void GrayIsOneComponent()
    {
        const int W = 40, H = 24;
        var pixels = TestImage(W, H);
        byte[] file = Encode(pixels, W, H, new ImageWriteOptions { Channels = ImageChannels.Gray, JpegQuality = 100 });
        int sof = JpegDecoderTests.FindMarker(file, 0xC0);
        Assert.That(file[sof + 9], Is.EqualTo(1), "component count");
        var image = JpegDecoder.Decode(file);
        Assert.That(image.SourceChannels, Is.EqualTo(1));
        for (int i = 0; i < W * H; i++)
        {
            float gray = EncoderTestGray(pixels, i);
            Assert.That(image.Pixels[4 * i] * 255, Is.EqualTo(Math.Round(gray * 255)).Within(2.0), $"pixel {i}");
        }
    }

    private static float EncoderTestGray(float[] p, int i) => 0.2126f * p[4 * i] + 0.7152f * p[4 * i + 1] + 0.0722f * p[4 * i + 2];

    [TestCase(JpegSubsampling.Yuv420, 0x22)]
    [TestCase(JpegSubsampling.Yuv422, 0x21)]
    [TestCase(JpegSubsampling.Yuv444, 0x11)]
    public void SamplingFactorsAreWritten(JpegSubsampling subsampling, int lumaFactors)
    {
        byte[] file = Encode(TestImage(20, 20), 20, 20, new ImageWriteOptions { JpegSubsampling = subsampling });
        int sof = JpegDecoderTests.FindMarker(file, 0xC0);
        Assert.That(file[sof + 11], Is.EqualTo(lumaFactors));
        Assert.That(file[sof + 14], Is.EqualTo(0x11));
        Assert.That(file[sof + 17], Is.EqualTo(0x11));
    }

    /// <summary>The DQT segment (tables 0 and 1 in one segment, or split as cjpeg writes them) as table id → 64 zigzag entries.</summary>
    private static Dictionary<int, byte[]> QuantizationTables(byte[] file)
    {
        var tables = new Dictionary<int, byte[]>();
        int pos = 2;
        while (file[pos + 1] != 0xDA)
        {
            int length = file[pos + 2] << 8 | file[pos + 3];
            if (file[pos + 1] == 0xDB)
                for (int at = pos + 4; at < pos + 2 + length; at += 65)
                    tables[file[at]] = file[(at + 1)..(at + 65)];
            pos += 2 + length;
        }
        return tables;
    }

    [TestCase("cat_444.jpg", 85)]
    [TestCase("cat_420_progressive.jpg", 75)]
    [TestCase("cat_gray.jpg", 90)]
    [TestCase("cat_420_q100_optimized.jpg", 100)]
    public void QuantizationTablesMatchLibjpeg(string cjpegFile, int quality)
    {
        var expected = QuantizationTables(File.ReadAllBytes(TestData.LocalFile("jpeg", cjpegFile)));
        var actual = QuantizationTables(Encode(TestImage(16, 16), 16, 16, new ImageWriteOptions { JpegQuality = quality }));
        foreach (var (id, table) in expected) Assert.That(actual[id], Is.EqualTo(table), $"table {id}");
    }

    [Test]
    public void LowQualityTablesAreClampedForBaseline()
    {
        // Quality 10 scales by 500 %: cjpeg without -baseline would write 16-bit entries (coffee_q10.jpg
        // has 80 ... 495); baseline files, as Blender writes them, clamp to 255.
        var luma = JpegEncoder.ScaleQuantizationTable(JpegTables.LuminanceQuantization, 10);
        Assert.That(luma[0], Is.EqualTo(80));
        Assert.That(luma[1], Is.EqualTo(55));
        Assert.That(luma[63], Is.EqualTo(255));
        Assert.That(JpegEncoder.ScaleQuantizationTable(JpegTables.LuminanceQuantization, 100), Is.All.EqualTo(1));
        Assert.That(JpegEncoder.ScaleQuantizationTable(JpegTables.ChrominanceQuantization, 50)[0], Is.EqualTo(17));
    }

    [Test]
    public void QualityTradesSizeForError()
    {
        const int W = 64, H = 64;
        var pixels = TestImage(W, H);
        var sizes = new List<int>();
        var errors = new List<double>();
        foreach (int quality in new[] { 10, 50, 90, 100 })
        {
            byte[] file = Encode(pixels, W, H, new ImageWriteOptions { JpegQuality = quality });
            sizes.Add(file.Length);
            errors.Add(Compare(pixels, JpegDecoder.Decode(file)).Psnr);
        }
        Assert.That(sizes, Is.Ordered.Ascending);
        Assert.That(errors, Is.Ordered.Ascending);
        Assert.That(sizes.Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public void StandardHuffmanTablesAreComplete()
    {
        // Every run/size symbol of 8-bit baseline coding must have a code.
        var expected = new HashSet<int> { 0x00, 0xF0 };
        for (int run = 0; run < 16; run++)
            for (int size = 1; size <= 10; size++) expected.Add(run << 4 | size);
        Assert.That(JpegTables.LuminanceAcValues.ToArray().Select(v => (int)v), Is.EquivalentTo(expected));
        Assert.That(JpegTables.ChrominanceAcValues.ToArray().Select(v => (int)v), Is.EquivalentTo(expected));
        int Sum(ReadOnlySpan<byte> bits) { int s = 0; foreach (byte b in bits) s += b; return s; }
        Assert.That(Sum(JpegTables.LuminanceAcBits), Is.EqualTo(162));
        Assert.That(Sum(JpegTables.ChrominanceAcBits), Is.EqualTo(162));
        Assert.That(Sum(JpegTables.LuminanceDcBits), Is.EqualTo(12));
        Assert.That(Sum(JpegTables.ChrominanceDcBits), Is.EqualTo(12));
    }

    [Test]
    public void WritesThroughImageCodecsByExtension()
    {
        string folder = Path.Combine(Path.GetTempPath(), "jpeg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var pixels = TestImage(30, 20);
            foreach (string name in new[] { "a.jpg", "b.JPEG" })
            {
                string path = Path.Combine(folder, name);
                ImageCodecs.Write(path, 30, 20, pixels, new ImageWriteOptions { JpegQuality = 95 });
                var image = ImageCodecs.Read(path);
                Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Jpeg));
                Assert.That(Compare(pixels, image).Psnr, Is.GreaterThan(35));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void RejectsBadArguments()
    {
        var pixels = TestImage(4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(pixels, 4, 4, new ImageWriteOptions { JpegQuality = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(pixels, 4, 4, new ImageWriteOptions { JpegQuality = 101 }));
        Assert.Throws<ArgumentException>(() => Encode(pixels, 5, 4, ImageWriteOptions.Default));
    }
}
