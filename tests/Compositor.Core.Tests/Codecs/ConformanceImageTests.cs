using Compositor.Codecs;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Every image the conformance suite uses (inputs and expected outputs) must decode.</summary>
public class ConformanceImageTests
{
    private static string[] ExrFiles() =>
        Directory.Exists(TestData.Conformance)
            ? Directory.GetFiles(TestData.Conformance, "*.exr", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(TestData.Conformance, p)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string[] PngFiles() =>
        Directory.Exists(TestData.Conformance)
            ? Directory.GetFiles(TestData.Conformance, "*.png", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(TestData.Conformance, p)).Order(StringComparer.Ordinal).ToArray()
            : [];

    [Test]
    public void ConformanceImagesArePresent()
    {
        Assert.That(ExrFiles(), Has.Length.GreaterThan(100), $"conformance data not found under {TestData.Conformance}");
        Assert.That(PngFiles(), Is.Not.Empty);
    }

    [TestCaseSource(nameof(ExrFiles))]
    public void ExrDecodes(string relativePath)
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Conformance, relativePath));
        var exr = image.Exr!;
        Assert.That((image.Width, image.Height), Is.EqualTo(((int)exr.DisplayWindow.Width, (int)exr.DisplayWindow.Height)));
        Assert.That(image.SourceChannels, Is.EqualTo(exr.Channels.Count));
        // A decoding error would scramble bytes into wild exponents or NaN; real images stay finite.
        Assert.That(image.Pixels.All(float.IsFinite), Is.True);
    }

    [TestCase("zdepth.exr")]
    [TestCase("zdepth2.exr")]
    [TestCase("object_index.exr")]
    public void GrayDataInputsHaveEqualChannels(string name)
    {
        // SOURCES.md: these store the same value in R, G and B.
        var image = ImageCodecs.Read(Path.Combine(TestData.Conformance, "inputs", name));
        for (int i = 0; i < image.Pixels.Length; i += 4)
        {
            if (image.Pixels[i] != image.Pixels[i + 1] || image.Pixels[i] != image.Pixels[i + 2])
                Assert.Fail($"pixel {i / 4}: R={image.Pixels[i]} G={image.Pixels[i + 1]} B={image.Pixels[i + 2]}");
        }
        Assert.That(image.Pixels.Distinct().Count(), Is.GreaterThan(2));
    }

    [Test]
    public void ObjectIndexHoldsIndices0To3()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Conformance, "inputs", "object_index.exr"));
        var indices = Enumerable.Range(0, image.Width * image.Height).Select(i => image.Pixels[4 * i]).Distinct().Order().ToArray();
        Assert.That(indices, Is.EqualTo(new[] { 0f, 1f, 2f, 3f }));
    }

    [Test]
    public void UvSwirlHasBlueOne()
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Conformance, "inputs", "uv_swirl.exr"));
        Assert.That(Enumerable.Range(0, image.Width * image.Height).All(i => image.Pixels[4 * i + 2] == 1f), Is.True);
    }

    [TestCaseSource(nameof(PngFiles))]
    public void PngDecodes(string relativePath)
    {
        var image = ImageCodecs.Read(Path.Combine(TestData.Conformance, relativePath));
        Assert.That(image.Pixels.All(v => v is >= 0f and <= 1f), Is.True);
        Assert.That(image.Pixels.Distinct().Count(), Is.GreaterThan(1));
    }
}
