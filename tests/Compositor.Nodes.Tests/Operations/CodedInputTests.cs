using System.Runtime.InteropServices;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Input;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Nodes.Tests.Operations;

/// <summary>
/// Images decoded from 8 bits per channel offer their pixels as codes (<see cref="ImageSource.Coded"/>),
/// and a fused chain that starts with channel-wise steps reads those codes and looks its results up
/// per code: the pixels must be the same bits as computing them from the floats.
/// </summary>
public class CodedInputTests
{
    private static string Input(string file) => Path.Combine(ConformanceImages.Folder, file);

    private static void AssertCodesHoldThePixels(ImageSource image)
    {
        var coded = image.Coded!;
        Assert.That((coded.Width, coded.Height), Is.EqualTo((image.Width, image.Height)));
        Assert.That(coded.Codes, Has.Length.EqualTo(image.Pixels.Length));
        var bits = MemoryMarshal.Cast<float, uint>(image.Pixels);
        for (int i = 0; i < bits.Length; i++)
        {
            uint expected = BitConverter.SingleToUInt32Bits(coded.Values[(i & 3) * 256 + coded.Codes[i]]);
            if (bits[i] != expected) Assert.Fail($"sample {i}: pixel bits {bits[i]:X8}, its code's value {expected:X8}");
        }
    }

    [TestCase("chelsea_240x160.png", "sRGB", "STRAIGHT")]
    [TestCase("rgba_straight_192.png", "sRGB", "STRAIGHT")]
    [TestCase("camera_gray.png", "Non-Color", "STRAIGHT")]
    public void EightBitImagesOfferCodesWhoseValuesAreTheirPixels(string file, string colorspace, string alphaMode)
    {
        var image = ImageSource.Load(Input(file), colorspace, alphaMode);
        Assert.That(image.Coded, Is.Not.Null, "an 8-bit image whose channels load one by one");
        AssertCodesHoldThePixels(image);
    }

    [TestCase("city_hdr_320x160.exr", "Linear", "PREMUL")]
    [TestCase("gradient16.png", "sRGB", "STRAIGHT")]
    public void FloatAndSixteenBitImagesOfferNoCodes(string file, string colorspace, string alphaMode)
    {
        Assert.That(ImageSource.Load(Input(file), colorspace, alphaMode).Coded, Is.Null);
    }

    [Test]
    public void AnImageWhoseLoadingMixesChannelsOffersNoCodes()
    {
        // A premultiplied 8-bit file is divided by its alpha when loaded: as Non-Color data (no 8-bit
        // sRGB decode to round it back to a code), red under alpha 200 becomes a value no 8-bit code
        // has, so no table of one float per code holds the pixels. (An sRGB file's decode rounds to a
        // code, whose value then serves.) Loaded as straight, channels load one by one.
        string path = Path.Combine(Path.GetTempPath(), $"coded-premul-{Guid.NewGuid():N}.png");
        try
        {
            float[] rgba = [64 / 255f, 0f, 0f, 200 / 255f, 64 / 255f, 0f, 0f, 1f];
            Compositor.Codecs.ImageCodecs.Write(path, 2, 1, rgba, new Compositor.Codecs.ImageWriteOptions { Channels = Compositor.Codecs.ImageChannels.Rgba, BitDepth = 8 });
            Assert.That(ImageSource.Load(path, "Non-Color", "PREMUL").Coded, Is.Null, "premultiplied, alpha varying");
            AssertCodesHoldThePixels(ImageSource.Load(path, "sRGB", "PREMUL"));
            var straight = ImageSource.Load(path, "Non-Color", "STRAIGHT");
            Assert.That(straight.Coded, Is.Not.Null, "straight");
            AssertCodesHoldThePixels(straight);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A test producer of codes: its float output is each code's value.</summary>
    private sealed class CodedSource(CodedColors coded) : NodeOperation(DataType.Color), ICodedColorOutput
    {
        public CodedColors? CodedColors => coded;

        public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => Rect.FromSize(coded.Width, coded.Height);

        public MemoryBuffer Render(Rect area)
        {
            var b = MemoryBuffer.Create(DataType.Color, area, clear: true);
            Execute(b, area, [], new RenderContext());
            return b;
        }

        public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
        {
            for (int y = Math.Max(0, area.YMin); y < Math.Min(coded.Height, area.YMax); y++)
                for (int x = Math.Max(0, area.XMin); x < Math.Min(coded.Width, area.XMax); x++)
                    for (int c = 0; c < 4; c++)
                        output!.Span[output.IndexOf(x, y) + c] = coded.Values[c * 256 + coded.Codes[(y * coded.Width + x) * 4 + c]];
        }
    }

    private static (float[] Pixels, long Remembered) Render(CodedColors coded, Rect canvas, bool remember, bool readCodes, params Rect[] areas)
    {
        var fused = new FusedPixelOperation(GradingChain.Steps(new CodedSource(coded))) { RememberChannelValues = remember, ReadCodes = readCodes };
        return GradingChain.Run(fused, canvas, (op, area) => ((CodedSource)op).Render(area), areas);
    }

    [Test]
    public void AChainReadingCodesGivesTheBitsOfComputingEveryPixel()
    {
        Assume.That(ChannelCache.IsSupported, "the channel-wise run is remembered with AVX2 gathers");
        var coded = ImageSource.Load(Input("chelsea_240x160.png"), "sRGB", "STRAIGHT").Coded!;
        // The canvas reaches past the image on the right and at the top: those blocks read floats (zeros).
        var canvas = new Rect(-3, 0, 250, 170);
        var areas = new[] { new Rect(-3, 0, 250, 80), new Rect(-3, 80, 250, 170), };
        var (computed, none) = Render(coded, canvas, remember: false, readCodes: false, areas);
        var (fromFloats, _) = Render(coded, canvas, remember: true, readCodes: false, areas);
        var (fromCodes, rows) = Render(coded, canvas, remember: true, readCodes: true, areas);
        Assert.That(none, Is.Zero);
        FloatAssert.SameBits(computed, fromFloats, "computed", "remembered from floats");
        FloatAssert.SameBits(computed, fromCodes, "computed", "looked up by code");
        Assert.That(computed.Count(v => v != 0f), Is.GreaterThan(computed.Length / 2), "a picture, not black");

        // Only blocks wholly inside the image read codes: with the canvas starting left of it, none
        // does; on the image's own canvas every row does.
        var inside = Rect.FromSize(coded.Width, coded.Height);
        var (exact, _) = Render(coded, inside, remember: false, readCodes: false, inside);
        var (looked, insideRows) = Render(coded, inside, remember: true, readCodes: true, inside);
        FloatAssert.SameBits(exact, looked, "computed", "looked up by code");
        Assert.That(insideRows, Is.EqualTo(coded.Height), "every row read as codes");
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void AGraphOnAPngGivesTheBitsOfTheSamePixelsHeldAsFloatsAndOfUnfusedSteps(ExecutionModel model)
    {
        const string graph = """
            {"version": 1, "settings": {"resolution": [240, 160]},
             "nodes": [
              {"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_240x160.png", "colorspace": "sRGB"}}},
              {"name": "Exp", "type": "CompositorNodeExposure", "inputs": {"Exposure": 0.4}},
              {"name": "CB", "type": "CompositorNodeColorBalance", "properties": {"correction_method": "LIFT_GAMMA_GAIN", "lift": [1.02, 1, 0.98], "gain": [1.1, 1.0, 0.9]}},
              {"name": "Gam", "type": "CompositorNodeGamma", "inputs": {"Gamma": 0.9}},
              {"name": "HS", "type": "CompositorNodeHueSat", "inputs": {"Saturation": 1.2, "Hue": 0.52}},
              {"name": "BC", "type": "CompositorNodeBrightContrast", "inputs": {"Bright": 3.0, "Contrast": 10.0}},
              {"name": "Inv", "type": "CompositorNodeInvert", "inputs": {"Fac": 0.1}},
              {"name": "Mix", "type": "CompositorNodeMixRGB", "properties": {"blend_type": "OVERLAY"}, "inputs": {"Fac": 0.3}},
              {"name": "Post", "type": "CompositorNodePosterize", "inputs": {"Steps": 64}},
              {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [
              {"from": "Img", "from_socket": "Image", "to": "Exp", "to_socket": "Image"},
              {"from": "Exp", "from_socket": "Image", "to": "CB", "to_socket": "Image"},
              {"from": "CB", "from_socket": "Image", "to": "Gam", "to_socket": "Image"},
              {"from": "Gam", "from_socket": "Image", "to": "HS", "to_socket": "Image"},
              {"from": "HS", "from_socket": "Image", "to": "BC", "to_socket": "Image"},
              {"from": "BC", "from_socket": "Image", "to": "Inv", "to_socket": "Color"},
              {"from": "Inv", "from_socket": "Color", "to": "Mix", "to_socket": "Image"},
              {"from": "Img", "from_socket": "Image", "to": "Mix", "to_socket": "Image_001"},
              {"from": "Mix", "from_socket": "Image", "to": "Post", "to_socket": "Image"},
              {"from": "Post", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
            """;
        var fromFile = GraphReader.ReadString(graph, ConformanceImages.Folder);
        var image = ImageSource.Load(Input("chelsea_240x160.png"), "sRGB", "STRAIGHT");
        Assert.That(image.Coded, Is.Not.Null);
        // The same pixels from memory: no codes, so the chain reads floats.
        var fromMemory = GraphReader.ReadString(graph, ConformanceImages.Folder);
        var node = fromMemory.Nodes.Single(n => n.Name == "Img");
        node.Image = ImageInput.FromLinearRgba(image.Width, image.Height, image.Pixels, topRowFirst: false);

        using var scheduler = new WorkScheduler(2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        var options = new RenderOptions { Model = model, ChunkSize = 64 };
        using var coded = renderer.Render(fromFile, options);
        using var floats = renderer.Render(fromMemory, options);
        // Step by step: no fusion, no remembered results, no planes.
        using var unfused = renderer.Render(fromFile, options with { FusePixelOperations = false });
        FloatAssert.SameBits(unfused.Composite!.Span.ToArray(), floats.Composite!.Span.ToArray(), "step by step", "fused from floats");
        FloatAssert.SameBits(floats.Composite!.Span.ToArray(), coded.Composite!.Span.ToArray(), "from floats", "from codes");
        Assert.That(coded.Composite.Span.ToArray().Count(v => v != 0f), Is.GreaterThan(coded.Composite.Span.Length / 2), "a picture, not black");
    }
}
