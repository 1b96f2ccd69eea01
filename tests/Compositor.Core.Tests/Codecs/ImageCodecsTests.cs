using Compositor.Codecs;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Format detection and the atomic file writing of <see cref="ImageCodecs"/>.</summary>
public class ImageCodecsTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "codecs-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static readonly float[] TwoPixels = [0.25f, 0.5f, 0.75f, 1f, 1f, 0f, 0.5f, 0.5f];

    [TestCase("image.png")]
    [TestCase("IMAGE.PNG")]
    [TestCase("image.exr")]
    public void WritesByExtensionAndReadsBack(string name)
    {
        string path = Path.Combine(_folder, name);
        ImageCodecs.Write(path, 2, 1, TwoPixels, new ImageWriteOptions { BitDepth = 16 });
        var image = ImageCodecs.Read(path);
        bool exr = name.EndsWith("exr", StringComparison.OrdinalIgnoreCase);
        Assert.That(image.Format, Is.EqualTo(exr ? ImageFileFormat.Exr : ImageFileFormat.Png));
        Assert.That(image.Pixels, Is.EqualTo(TwoPixels).Within(1e-4));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file may remain");
    }

    [TestCase("a.jpg", ImageFileFormat.Jpeg, 0.03)]
    [TestCase("a.JPEG", ImageFileFormat.Jpeg, 0.03)]
    [TestCase("a.tif", ImageFileFormat.Tiff, 1e-4)]
    [TestCase("a.tiff", ImageFileFormat.Tiff, 1e-4)]
    [TestCase("a.tga", ImageFileFormat.Tga, 0.003)]
    [TestCase("a.bmp", ImageFileFormat.Bmp, 0.003)]
    [TestCase("a.hdr", ImageFileFormat.Hdr, 0.004)]
    [TestCase("a.pfm", ImageFileFormat.Pfm, 0)]
    public void EveryFormatWritesByExtensionAndReadsBack(string name, ImageFileFormat format, double tolerance)
    {
        const int W = 24, H = 16;
        var pixels = new float[W * H * 4];
        for (int i = 0; i < W * H; i++)
        {
            pixels[4 * i] = 0.5f;
            pixels[4 * i + 1] = 0.25f + (i % W) / 100f;
            pixels[4 * i + 2] = 0.75f;
            pixels[4 * i + 3] = 1f;
        }
        string path = Path.Combine(_folder, name);
        ImageCodecs.Write(path, W, H, pixels, new ImageWriteOptions { BitDepth = format == ImageFileFormat.Tiff ? 16 : null, JpegQuality = 100, JpegSubsampling = JpegSubsampling.Yuv444 });
        Assert.That(ImageCodecs.FormatFromExtension(path), Is.EqualTo(format));
        var image = ImageCodecs.Read(path);
        Assert.That(image.Format, Is.EqualTo(format));
        Assert.That(image.Pixels, Is.EqualTo(pixels).Within(tolerance));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file may remain");
    }

    [TestCase("a.png")]
    [TestCase("a.exr")]
    [TestCase("a.jpg")]
    [TestCase("a.tif")]
    [TestCase("a.tga")]
    [TestCase("a.bmp")]
    [TestCase("a.hdr")]
    [TestCase("a.pfm")]
    public void SizeLimitsApplyToEveryFormat(string name)
    {
        const int W = 40, H = 30;
        string path = Path.Combine(_folder, name);
        ImageCodecs.Write(path, W, H, new float[W * H * 4]);
        Assert.That(Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path, new ImageReadOptions { MaxWidth = W - 1 }))!.Message,
            Does.StartWith(path).And.Contain($"width {W}"));
        Assert.That(Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path, new ImageReadOptions { MaxHeight = H - 1 }))!.Message,
            Does.Contain($"height {H}"));
        Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path, new ImageReadOptions { MaxPixels = W * H - 1 }));
        Assert.That(ImageCodecs.Read(path, new ImageReadOptions { MaxWidth = W, MaxHeight = H, MaxPixels = W * H }).Width, Is.EqualTo(W));
    }

    [Test]
    public void SceneLinearFormatsAreKnown()
    {
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Exr), Is.True);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Hdr), Is.True);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Pfm), Is.True);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Tiff, new ImageWriteOptions { BitDepth = 32 }), Is.True);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Tiff, new ImageWriteOptions { BitDepth = 16 }), Is.False);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Png), Is.False);
        Assert.That(ImageCodecs.StoresSceneLinear(ImageFileFormat.Jpeg), Is.False);
    }

    [Test]
    public void DetectsFormatByContentNotExtension()
    {
        string png = Path.Combine(_folder, "really-a-png.exr.png");
        ImageCodecs.Write(png, 2, 1, TwoPixels);
        string misnamed = Path.Combine(_folder, "misnamed.exr");
        File.Move(png, misnamed);
        Assert.That(ImageCodecs.Read(misnamed).Format, Is.EqualTo(ImageFileFormat.Png));
    }

    [Test]
    public void RejectsUnknownExtension() =>
        Assert.Throws<ArgumentException>(() => ImageCodecs.Write(Path.Combine(_folder, "a.xyz"), 2, 1, TwoPixels));

    [Test]
    public void FailedWriteLeavesNeitherPartialFileNorOldFileDamaged()
    {
        string path = Path.Combine(_folder, "keep.png");
        ImageCodecs.Write(path, 2, 1, TwoPixels);
        byte[] before = File.ReadAllBytes(path);
        // A pixel array of the wrong size fails inside the encoder, after the temporary file was created.
        Assert.Throws<ArgumentException>(() => ImageCodecs.Write(path, 3, 1, TwoPixels));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void UnknownContentGivesClearError()
    {
        string path = Path.Combine(_folder, "text.png");
        File.WriteAllText(path, "hello, not an image");
        var error = Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path))!;
        Assert.That(error.Message, Does.StartWith(path).And.Contain("unrecognized image format"));
    }

    [Test]
    public void EmptyFileGivesClearError()
    {
        string path = Path.Combine(_folder, "empty.png");
        File.WriteAllBytes(path, []);
        Assert.That(Assert.Throws<ImageFormatException>(() => ImageCodecs.Read(path))!.Problem, Is.EqualTo("empty file"));
    }

    [Test]
    public void JpegIsRecognizedBySignature()
    {
        string path = Path.Combine(_folder, "photo.png");
        File.Copy(TestData.LocalFile("jpeg", "cat_420.jpg"), path);
        var image = ImageCodecs.Read(path);
        Assert.That(image.Format, Is.EqualTo(ImageFileFormat.Jpeg));
        Assert.That((image.Width, image.Height), Is.EqualTo((61, 43)));
    }

    [Test]
    public void UnsupportedJpegProcessNamesTheFile()
    {
        byte[] file = File.ReadAllBytes(TestData.LocalFile("jpeg", "cat_420.jpg"));
        file[JpegDecoderTests.FindMarker(file, 0xC0) + 1] = 0xC9;
        string path = Path.Combine(_folder, "arithmetic.jpg");
        File.WriteAllBytes(path, file);
        var error = Assert.Throws<NotSupportedException>(() => ImageCodecs.Read(path))!;
        Assert.That(error.Message, Does.StartWith(path).And.Contain("arithmetic"));
    }
}
