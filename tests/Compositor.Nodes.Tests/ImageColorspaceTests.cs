using Compositor.Codecs;
using Compositor.Nodes.Input;

namespace Compositor.Nodes.Tests;

/// <summary>The Image node brings every supported input colorspace to scene linear (Rec.709 primaries).</summary>
public sealed class ImageColorspaceTests
{
    private static float[] LoadOnePixel(float r, float g, float b, string colorspace)
    {
        string path = Path.Combine(Path.GetTempPath(), $"compositor-cs-{Guid.NewGuid():N}.exr");
        try
        {
            ImageCodecs.Write(path, 1, 1, new[] { r, g, b, 1f }, new ImageWriteOptions());
            return ImageSource.Load(path, colorspace, "PREMUL").Pixels;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void XyzOfLinearRedBecomesRed()
    {
        // sRGB/Rec.709 red in CIE XYZ (D65): the first column of the sRGB-to-XYZ matrix.
        var p = LoadOnePixel(0.4124564f, 0.2126729f, 0.0193339f, "XYZ");
        Assert.That(p[..3], Is.EqualTo(new[] { 1f, 0f, 0f }).Within(2e-3));
    }

    [Test]
    public void DataAndLinearSpacesAreLeftAlone()
    {
        Assert.That(LoadOnePixel(0.25f, 2f, -0.5f, "Non-Color")[..3], Is.EqualTo(new[] { 0.25f, 2f, -0.5f }));
        Assert.That(LoadOnePixel(0.25f, 2f, -0.5f, "Linear")[..3], Is.EqualTo(new[] { 0.25f, 2f, -0.5f }));
    }

    [Test]
    public void AcesCgGrayStaysGray()
    {
        // Equal RGB in any of these spaces is the same white point's gray, so it stays (nearly) neutral.
        var p = LoadOnePixel(0.5f, 0.5f, 0.5f, "Linear ACEScg");
        Assert.That(p[1], Is.EqualTo(p[0]).Within(5e-3));
        Assert.That(p[2], Is.EqualTo(p[0]).Within(5e-3));
        Assert.That(p[0], Is.EqualTo(0.5f).Within(2e-2));
    }

    [Test]
    public void UnsupportedColorspaceIsNamed()
    {
        var e = Assert.Throws<NotSupportedException>(() => LoadOnePixel(0.5f, 0.5f, 0.5f, "Filmic sRGB"));
        Assert.That(e!.Message, Does.Contain("Filmic sRGB"));
        Assert.That(ImageSource.IsKnownColorspace("Linear ACEScg"), Is.True);
        Assert.That(ImageSource.IsKnownColorspace("Made Up"), Is.False);
    }
}
