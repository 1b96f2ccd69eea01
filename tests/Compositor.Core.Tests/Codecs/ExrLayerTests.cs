using Compositor.Codecs;
using Compositor.Codecs.Exr;

namespace Compositor.Core.Tests.Codecs;

/// <summary>Multi-layer files (Blender-style "Layer.Pass.Channel" names): writing and choosing a layer.</summary>
public class ExrLayerTests
{
    private const int Width = 5, Height = 3;

    private static float[] Plane(float start) => Enumerable.Range(0, Width * Height).Select(i => start + i).ToArray();

    private static ExrImage MultiLayer(ExrCompression compression = ExrCompression.Zip)
    {
        ExrOutputChannel[] channels =
        [
            new("ViewLayer.Depth.Z", Plane(1000), ExrPixelType.Float),
            new("ViewLayer.Combined.R", Plane(0)),
            new("ViewLayer.Combined.G", Plane(100)),
            new("ViewLayer.Combined.B", Plane(200)),
            new("ViewLayer.Combined.A", Plane(300)),
            new("ViewLayer.Mist.Y", Plane(50)),
            new("a.very.long.layer.name.beyond.thirty.one.bytes.Z", Plane(7), ExrPixelType.Float),
        ];
        using var buffer = new MemoryStream();
        ExrEncoder.EncodeChannels(buffer, Width, Height, channels, compression);
        return ExrDecoder.Decode(buffer.ToArray());
    }

    [Test]
    public void WritesChannelsSortedAndReadsThemByName(
        [Values(ExrCompression.None, ExrCompression.Rle, ExrCompression.Zips, ExrCompression.Zip)] ExrCompression compression)
    {
        var image = MultiLayer(compression);
        var names = image.Channels.Select(c => c.Name).ToArray();
        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(image.ChannelsByName["ViewLayer.Depth.Z"].Values, Is.EqualTo(Plane(1000)));
        Assert.That(image.ChannelsByName["ViewLayer.Depth.Z"].PixelType, Is.EqualTo(ExrPixelType.Float));
        Assert.That(image.ChannelsByName["ViewLayer.Combined.G"].Values, Is.EqualTo(Plane(100)), "small integers are exact in half");
        Assert.That(image.ChannelsByName["a.very.long.layer.name.beyond.thirty.one.bytes.Z"].Values, Is.EqualTo(Plane(7)));
    }

    [Test]
    public void ListsLayers() =>
        Assert.That(MultiLayer().Layers, Is.EquivalentTo(new[]
        {
            "ViewLayer.Combined", "ViewLayer.Depth", "ViewLayer.Mist", "a.very.long.layer.name.beyond.thirty.one.bytes",
        }));

    [Test]
    public void DefaultLayerIsTheFirstWithColorChannels()
    {
        var image = MultiLayer().ToDecodedImage();
        Assert.That(image.Pixels[..4], Is.EqualTo(new[] { 0f, 100f, 200f, 300f }));
        Assert.That(image.SourceChannels, Is.EqualTo(4));
    }

    [Test]
    public void ChosenLayerWithSinglePassBecomesGray()
    {
        var image = MultiLayer().ToDecodedImage("ViewLayer.Depth");
        Assert.That(image.Pixels.AsSpan(4 * 6, 4).ToArray(), Is.EqualTo(new[] { 1006f, 1006f, 1006f, 1f }));
        Assert.That(image.BitDepth, Is.EqualTo(32));
        Assert.That(image.SourceChannels, Is.EqualTo(1));
    }

    [Test]
    public void ChosenLuminanceLayerBecomesGray()
    {
        var image = MultiLayer().ToDecodedImage("ViewLayer.Mist");
        Assert.That(image.Pixels.AsSpan(4 * 2, 4).ToArray(), Is.EqualTo(new[] { 52f, 52f, 52f, 1f }));
    }

    [Test]
    public void UnknownLayerIsReported() =>
        Assert.Throws<KeyNotFoundException>(() => MultiLayer().ToDecodedImage("ViewLayer.Nope"));

    [Test]
    public void ChannelInDisplayWindowPlacesTheDataWindow()
    {
        var image = ExrDecoder.Decode(File.ReadAllBytes(Path.Combine(TestData.Exr, "datawindow_offset_zip_half.exr")));
        var plane = image.ChannelInDisplayWindow("G");
        var green = image.ChannelsByName["G"];
        Assert.That(plane, Has.Length.EqualTo(192 * 96));
        Assert.That(plane[7 * 192 + 13], Is.EqualTo(green.Values[0]));
        Assert.That(plane[51 * 192 + 79], Is.EqualTo(green.Values[^1]));
        Assert.That(plane[6 * 192 + 13], Is.EqualTo(0f));
    }

    [Test]
    public void RejectsDuplicateOrMisSizedChannels()
    {
        using var buffer = new MemoryStream();
        Assert.Throws<ArgumentException>(() => ExrEncoder.EncodeChannels(buffer, 2, 1, [new("R", new float[2]), new("R", new float[2])]));
        Assert.Throws<ArgumentException>(() => ExrEncoder.EncodeChannels(buffer, 2, 1, [new("R", new float[3])]));
        Assert.Throws<ArgumentException>(() => ExrEncoder.EncodeChannels(buffer, 2, 1, []));
    }
}
