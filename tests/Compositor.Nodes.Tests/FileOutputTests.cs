using Compositor.Codecs;
using Compositor.Codecs.Exr;
using Compositor.Compile;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Output;
using Compositor.NodeTypes;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Nodes.Tests;

/// <summary>
/// File Output: Blender's naming (base path, slot path, frame number, extension), each format's
/// conversion read back from disk, multi-layer files, dynamic sockets, rejected formats, and that
/// nothing is written while editing, for size-less inputs, or when a render fails.
/// </summary>
[TestFixture]
public sealed class FileOutputTests
{
    // A 3 × 2 linear premultiplied input, rows top to bottom as stored in the file.
    private static readonly float[] Pixels =
    [
        0.2f, 0.4f, 0.6f, 1f, 0.1f, 0.05f, 0.3f, 0.5f, 0f, 0f, 0f, 0f,
        0.9f, 0.5f, 0.25f, 1f, 1.5f, -0.1f, 0.5f, 1f, 0.02f, 0.01f, 0.3f, 0.25f,
    ];

    private string _folder = "";
    private string _input = "";

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"compositor-file-output-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _input = Path.Combine(_folder, "input.exr");
        ImageCodecs.Write(_input, 3, 2, Pixels, new ImageWriteOptions { BitDepth = 32, ExrCompression = ExrCompression.None });
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [TestCase("beauty_", 7, "beauty_0007")]
    [TestCase("a_###_b", 7, "a_007_b")]
    [TestCase("a_#_b_##", 12, "a_#_b_12")]
    [TestCase("a_#", 12345, "a_12345")]
    [TestCase("dir_##/x", 3, "dir_##/x0003")]
    [TestCase("x", -3, "x-0003")]
    public void FrameNumberRule(string path, int frame, string expected) =>
        Assert.That(FileOutputPaths.InsertFrame(path, frame), Is.EqualTo(expected));

    [TestCase("x0001", ".exr", "x0001.exr")]
    [TestCase("x.EXR", ".exr", "x.EXR")]
    [TestCase("e_1_f.jpg", ".exr", "e_1_f.exr")]
    [TestCase("c.png0001", ".exr", "c.png0001.exr")]
    [TestCase("d.0001.", ".png", "d.0001.png")]
    [TestCase("notes.txt", ".png", "notes.txt.png")]
    public void ExtensionRule(string path, string extension, string expected) =>
        Assert.That(FileOutputPaths.EnsureExtension(path, extension), Is.EqualTo(expected));

    [TestCase("out", "a", "out/a")]
    [TestCase("out/", "a", "out/a")]
    [TestCase("", "a", "a")]
    public void JoinRule(string folder, string file, string expected) => Assert.That(FileOutputPaths.Join(folder, file), Is.EqualTo(expected));

    [Test]
    public void SlotsBecomeUniquelyNamedSockets()
    {
        var node = Node("""{"file_slots":[{"path":"a"},{"path":"a"},{"path":"a_001"},{"path":"b"}]}""");
        var inputs = new FileOutputNode().GetInputs(node);
        Assert.That(inputs.Select(i => i.Identifier), Is.EqualTo(new[] { "a", "a_001", "a_002", "b" }));
        Assert.That(inputs.Select(i => i.Name), Is.EqualTo(new[] { "a", "a", "a_001", "b" }));
        Assert.That(new FileOutputNode().GetInputs(Node("{}")).Single().Identifier, Is.EqualTo("Image"));
        Assert.That(new FileOutputNode().GetInputs(Node("""{"layer_slots":[{"name":"beauty"},{"name":"depth"}]}""")).Select(i => i.Identifier),
            Is.EqualTo(new[] { "beauty", "depth" }));
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void WritesEachLinkedSlotInItsFormat(ExecutionModel model)
    {
        string graph = Graph("""
            "base_path":"out/","format":{"file_format":"OPEN_EXR","color_depth":"32","exr_codec":"ZIP","color_mode":"RGBA"},
            "file_slots":[
              {"path":"float_","use_node_format":true},
              {"path":"half_###","use_node_format":false,"format":{"file_format":"OPEN_EXR","color_depth":"16","exr_codec":"RLE","color_mode":"RGB"}},
              {"path":"png8","use_node_format":false,"format":{"file_format":"PNG","color_depth":"8","color_mode":"RGBA"}},
              {"path":"png16rgb","use_node_format":false,"format":{"file_format":"PNG","color_depth":"16","color_mode":"RGB"}},
              {"path":"bw","use_node_format":false,"format":{"file_format":"PNG","color_depth":"8","color_mode":"BW"}},
              {"path":"unlinked","use_node_format":true}]
            """, [0, 1, 2, 3, 4], frame: 7);
        using var result = Render(graph, model: model);
        Assert.That(Files(), Is.EquivalentTo(new[] { "input.exr", "out/float_0007.exr", "out/half_007.exr", "out/png80007.png", "out/png16rgb0007.png", "out/bw0007.png" }));

        var exr = ImageCodecs.Read(Path.Combine(_folder, "out/float_0007.exr"));
        Assert.That(exr.Exr!.Channels.Select(c => (c.Name, c.PixelType)), Is.EquivalentTo(new[] { ("R", ExrPixelType.Float), ("G", ExrPixelType.Float), ("B", ExrPixelType.Float), ("A", ExrPixelType.Float) }));
        Assert.That(exr.Pixels, Is.EqualTo(Pixels), "EXR keeps linear premultiplied values");

        var half = ImageCodecs.Read(Path.Combine(_folder, "out/half_007.exr"));
        Assert.That(half.Exr!.Channels.Select(c => c.Name), Is.EquivalentTo(new[] { "R", "G", "B" }));
        Assert.That(half.Exr.Compression, Is.EqualTo(ExrCompression.Rle));
        Assert.That(half.Exr.Channels[0].PixelType, Is.EqualTo(ExrPixelType.Half));

        // PNG RGBA: un-premultiplied, sRGB; pixel (1, 0) = (0.1, 0.05, 0.3) / 0.5.
        var png = ImageCodecs.Read(Path.Combine(_folder, "out/png80007.png"));
        Assert.That(png.BitDepth, Is.EqualTo(8));
        Assert.That(png.Pixels.AsSpan(4, 4).ToArray(), Is.EqualTo(new[] { Code8(0.2f), Code8(0.1f), Code8(0.6f), Code8(0.5f, srgb: false) }));
        Assert.That(png.Pixels.AsSpan(8, 4).ToArray(), Is.EqualTo(new[] { 0f, 0f, 0f, 0f }), "transparent black");

        // PNG RGB: the stored (premultiplied) values, no un-premultiplying.
        var rgb = ImageCodecs.Read(Path.Combine(_folder, "out/png16rgb0007.png"));
        Assert.That((rgb.BitDepth, rgb.SourceChannels), Is.EqualTo((16, 3)));
        Assert.That(rgb.Pixels[4] * 65535f, Is.EqualTo(MathF.Round(DisplayTransfer.LinearToSrgb(0.1f) * 65535f)).Within(0.01f));

        // 8-bit BW keeps the red channel.
        var bw = ImageCodecs.Read(Path.Combine(_folder, "out/bw0007.png"));
        Assert.That(bw.SourceChannels, Is.EqualTo(1));
        Assert.That(bw.Pixels[0], Is.EqualTo(Code8(0.2f)));

        Assert.That(result.Outputs.Count(o => o.Kind == OutputKind.File), Is.EqualTo(5), "each written slot is also a result");
    }

    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void MultilayerWritesOneFileWithALayerPerLinkedSlot(ExecutionModel model)
    {
        string graph = """
            {"version":1,"settings":{"resolution":[3,2],"frame_current":12},
             "nodes":[
              {"name":"Img","type":"CompositorNodeImage","properties":{"image":{"filepath":"input.exr","colorspace":"Non-Color"}}},
              {"name":"Sep","type":"CompositorNodeSepRGBA"},
              {"name":"Xyz","type":"CompositorNodeCombineXYZ","inputs":{"Y":0.5,"Z":2}},
              {"name":"File","type":"CompositorNodeOutputFile","properties":{
                "base_path":"multi/render_","format":{"file_format":"OPEN_EXR_MULTILAYER","color_depth":"16","exr_codec":"ZIPS","color_mode":"RGBA"},
                "file_slots":[{"path":"vec"},{"path":"beauty"},{"path":"unused"},{"path":"green"}],
                "layer_slots":[{"name":"Vector"},{"name":"Beauty"},{"name":"Unused"},{"name":"Green"}]}},
              {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[
              {"from":"Img","from_socket":"Image","to":"Sep","to_socket":"Image"},
              {"from":"Sep","from_socket":"R","to":"Xyz","to_socket":"X"},
              {"from":"Xyz","from_socket":"Vector","to":"File","to_socket":"vec"},
              {"from":"Img","from_socket":"Image","to":"File","to_socket":"beauty"},
              {"from":"Sep","from_socket":"G","to":"File","to_socket":"green"},
              {"from":"Img","from_socket":"Image","to":"Composite","to_socket":"Image"}]}
            """;
        using var _ = Render(graph, model: model);
        Assert.That(Files(), Is.EquivalentTo(new[] { "input.exr", "multi/render_0012.exr" }));
        var exr = ImageCodecs.Read(Path.Combine(_folder, "multi/render_0012.exr")).Exr!;
        Assert.That(exr.Channels.Select(c => c.Name), Is.EquivalentTo(new[]
        {
            "Vector.X", "Vector.Y", "Vector.Z", "Beauty.R", "Beauty.G", "Beauty.B", "Beauty.A", "Green.V",
        }));
        Assert.That(exr.Channels.All(c => c.PixelType == ExrPixelType.Half));
        Assert.That(exr.Compression, Is.EqualTo(ExrCompression.Zips));
        // Every layer holds its own input (Blender 3.4's FULL_FRAME mode would copy the first into all).
        float[] Values(string name) => exr.ChannelsByName[name].Values;
        Assert.That(Values("Beauty.B"), Is.EqualTo(new[] { 0.6f, 0.3f, 0f, 0.25f, 0.5f, 0.3f }).Within(1e-3f));
        Assert.That(Values("Green.V"), Is.EqualTo(new[] { 0.4f, 0.05f, 0f, 0.5f, -0.1f, 0.01f }).Within(1e-3f));
        Assert.That(Values("Vector.Z"), Has.All.EqualTo(2f));
        Assert.That(Values("Vector.X"), Is.EqualTo(new[] { 0.2f, 0.1f, 0f, 0.9f, 1.5f, 0.02f }).Within(1e-3f));
    }

    [Test]
    public void ValueAndVectorSlotsWriteAsBlenderDoes()
    {
        string graph = """
            {"version":1,"settings":{"resolution":[3,2]},
             "nodes":[
              {"name":"Img","type":"CompositorNodeImage","properties":{"image":{"filepath":"input.exr","colorspace":"Non-Color"}}},
              {"name":"Sep","type":"CompositorNodeSepRGBA"},
              {"name":"File","type":"CompositorNodeOutputFile","properties":{"base_path":"","format":{"file_format":"OPEN_EXR","color_depth":"32","exr_codec":"NONE","color_mode":"RGBA"},
                "file_slots":[{"path":"value_exr"},{"path":"value_png","use_node_format":false,"format":{"file_format":"PNG","color_depth":"8","color_mode":"RGBA"}}]}},
              {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[
              {"from":"Img","from_socket":"Image","to":"Sep","to_socket":"Image"},
              {"from":"Sep","from_socket":"B","to":"File","to_socket":0},
              {"from":"Sep","from_socket":"B","to":"File","to_socket":1},
              {"from":"Img","from_socket":"Image","to":"Composite","to_socket":"Image"}]}
            """;
        using var _ = Render(graph);
        var exr = ImageCodecs.Read(Path.Combine(_folder, "value_exr0001.exr"));
        Assert.That(exr.Exr!.Channels.Select(c => c.Name), Is.EquivalentTo(new[] { "R", "G", "B" }), "a value has no alpha channel");
        Assert.That(exr.Exr.ChannelsByName["G"].Values, Is.EqualTo(new[] { 0.6f, 0.3f, 0f, 0.25f, 0.5f, 0.3f }));
        // A one-channel buffer skips colour management and fills every PNG channel, alpha included.
        var png = ImageCodecs.Read(Path.Combine(_folder, "value_png0001.png"));
        Assert.That(png.Pixels.AsSpan(0, 4).ToArray(), Has.All.EqualTo(Code8(0.6f, srgb: false)));
    }

    [Test]
    public void ConstantInputsHaveNoSizeAndWriteNothing()
    {
        string graph = """
            {"version":1,"settings":{"resolution":[4,4]},
             "nodes":[{"name":"V","type":"CompositorNodeValue","outputs":{"Value":0.3}},
                      {"name":"File","type":"CompositorNodeOutputFile","properties":{"base_path":"const/"}},
                      {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[{"from":"V","from_socket":"Value","to":"File","to_socket":"Image"},{"from":"V","from_socket":"Value","to":"Composite","to_socket":"Image"}]}
            """;
        using var _ = Render(graph);
        Assert.That(Files(), Is.EqualTo(new[] { "input.exr" }));
    }

    [Test]
    public void EditingWritesNothing()
    {
        using var _ = Render(Graph("\"base_path\":\"edit/\"", [0]), rendering: false);
        Assert.That(Files(), Is.EqualTo(new[] { "input.exr" }));
    }

    [TestCase("""{"file_format":"JPEG"}""", "'JPEG' is not supported")]
    [TestCase("""{"file_format":"TIFF","color_depth":"16"}""", "'TIFF' is not supported")]
    [TestCase("""{"file_format":"OPEN_EXR","exr_codec":"PIZ"}""", "'PIZ' is not supported")]
    [TestCase("""{"file_format":"OPEN_EXR","exr_codec":"DWAA"}""", "'DWAA' is not supported")]
    [TestCase("""{"file_format":"PNG","color_depth":"32"}""", "color_depth")]
    [TestCase("""{"file_format":"OPEN_EXR","color_mode":"BW"}""", "'BW' is not available")]
    [TestCase("""{"file_format":"PNG","quality":90,"dither":1}""", "unknown key 'dither'")]
    public void UnsupportedFormatsAreRejectedBeforeAnyWork(string format, string message)
    {
        var graph = GraphReader.ReadString(Graph($"\"base_path\":\"bad/\",\"format\":{format}", [0]));
        graph.BaseDirectory = _folder;
        var e = Assert.Throws<GraphException>(() => Renderer().Render(graph, new RenderOptions()))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(Files(), Is.EqualTo(new[] { "input.exr" }));
    }

    [Test]
    public void SlotFormatsAreCheckedToo()
    {
        var graph = GraphReader.ReadString(Graph("""
            "base_path":"bad/","file_slots":[{"path":"ok"},{"path":"no","use_node_format":false,"format":{"file_format":"WEBP"}}]
            """, [0, 1]));
        var e = Assert.Throws<GraphException>(() => Renderer().Compile(graph))!;
        Assert.That(e.Message, Does.Contain("file_slots[1].format").And.Contain("WEBP"));
    }

    [Test]
    public void AFailedRenderLeavesNoFiles()
    {
        var registry = new NodeRegistry();
        foreach (var type in BuiltinNodes.CreateRegistry().Types.Where(t => t.Identifier != "CompositorNodeInvert")) registry.Register(type);
        registry.Register(new ThrowingInvertNode());
        string graph = """
            {"version":1,"settings":{"resolution":[3,2]},
             "nodes":[
              {"name":"Img","type":"CompositorNodeImage","properties":{"image":{"filepath":"input.exr","colorspace":"Non-Color"}}},
              {"name":"Good","type":"CompositorNodeOutputFile","properties":{"base_path":"good/"}},
              {"name":"Broken","type":"CompositorNodeInvert"},
              {"name":"Bad","type":"CompositorNodeOutputFile","properties":{"base_path":"bad/"}},
              {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[
              {"from":"Img","from_socket":"Image","to":"Good","to_socket":"Image"},
              {"from":"Img","from_socket":"Image","to":"Broken","to_socket":"Color"},
              {"from":"Broken","from_socket":"Color","to":"Bad","to_socket":"Image"},
              {"from":"Img","from_socket":"Image","to":"Composite","to_socket":"Image"}]}
            """;
        var parsed = GraphReader.ReadString(graph);
        parsed.BaseDirectory = _folder;
        var renderer = new Renderer(registry, new WorkScheduler(1));
        Assert.Throws<InvalidOperationException>(() => renderer.Render(parsed, new RenderOptions()));
        Assert.That(Files(), Is.EqualTo(new[] { "input.exr" }));
    }

    [Test]
    public void RelativePathsFollowTheFileOutputDirectory()
    {
        string other = Path.Combine(_folder, "elsewhere");
        var graph = GraphReader.ReadString(Graph("\"base_path\":\"//rel/\"", [0]));
        graph.BaseDirectory = _folder;
        using var _ = Renderer().Render(graph, new RenderOptions { FileOutputDirectory = other });
        Assert.That(File.Exists(Path.Combine(other, "rel", "Image0001.exr")), Is.True);
    }

    /// <summary>Invert whose operation fails, to make a render fail after other outputs ran.</summary>
    private sealed class ThrowingInvertNode() : NodeType("CompositorNodeInvert", "Color")
    {
        public override void Convert(NodeConverterContext context)
        {
            var op = context.AddOperation(new ThrowingOperation());
            context.MapInput("Color", op.Inputs[0]);
            context.MapOutput("Color", op);
        }
    }

    private sealed class ThrowingOperation : PixelOperation
    {
        public ThrowingOperation() : base(DataType.Color)
        {
            AddInput(DataType.Color);
            Flags = OperationFlags.None;
        }

        protected override void ProcessRow(Span<float> output, in InputRows inputs, int width) => throw new InvalidOperationException("broken on purpose");
    }

    private static float Code8(float linear, bool srgb = true)
    {
        float v = srgb ? DisplayTransfer.LinearToSrgb(linear) : linear;
        return (byte)(Math.Clamp(v, 0f, 1f) * 255f + 0.5f) / 255f;
    }

    private static GraphNode Node(string properties)
    {
        var graph = GraphReader.ReadString($$$"""{"version":1,"nodes":[{"name":"F","type":"CompositorNodeOutputFile","properties":{{{properties}}}}]}""");
        return graph.Nodes[0];
    }

    private static Renderer Renderer() => new(BuiltinNodes.CreateRegistry(), new WorkScheduler(1));

    /// <summary>A 3 × 2 graph: the test image into a File Output (<paramref name="fileProperties"/>) on the given sockets, and the Composite.</summary>
    private static string Graph(string fileProperties, int[] sockets, int frame = 1)
    {
        string links = string.Concat(sockets.Select(s => "{\"from\":\"Img\",\"from_socket\":\"Image\",\"to\":\"File\",\"to_socket\":" + s + "},"));
        return """
            {"version":1,"settings":{"resolution":[3,2],"frame_current":FRAME},
             "nodes":[
              {"name":"Img","type":"CompositorNodeImage","properties":{"image":{"filepath":"input.exr","colorspace":"Non-Color"}}},
              {"name":"File","type":"CompositorNodeOutputFile","properties":{PROPERTIES}},
              {"name":"Composite","type":"CompositorNodeComposite"}],
             "links":[LINKS{"from":"Img","from_socket":"Image","to":"Composite","to_socket":"Image"}]}
            """.Replace("FRAME", frame.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("PROPERTIES", fileProperties).Replace("LINKS", links);
    }

    private RenderResult Render(string json, bool rendering = true, ExecutionModel model = ExecutionModel.FullFrame)
    {
        var graph = GraphReader.ReadString(json);
        graph.BaseDirectory = _folder;
        return Renderer().Render(graph, new RenderOptions { Rendering = rendering, Model = model, ChunkSize = 32 });
    }

    private string[] Files() =>
        Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_folder, f).Replace('\\', '/')).Order().ToArray();
}
