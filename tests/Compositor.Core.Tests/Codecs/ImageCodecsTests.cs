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
