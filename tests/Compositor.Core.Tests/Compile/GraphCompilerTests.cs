using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Nodes;
using Compositor.Nodes.Input;
using Compositor.Operations;

namespace Compositor.Core.Tests.Compile;

/// <summary>The compile passes: proxies, conversions, constants, canvases, merging, pruning.</summary>
public sealed class GraphCompilerTests
{
    private static OperationGraph Compile(string json, bool rendering = true) =>
        GraphCompiler.Compile(TestGraphs.Read(json), BuiltinNodes.CreateRegistry(), new CompileSettings
        {
            Scene = TestGraphs.Read(json).Settings,
            BaseDirectory = TestGraphs.Inputs,
            Rendering = rendering,
        });

    private const string Image2 = """{"name": "Img2", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_240x160.png"}}}""";
    private const string Unused = """{"name": "Unused", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "coffee_240x160.png"}}}""";
    private const string Image = """{"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_240x160.png"}}}""";

    [Test]
    public void RerouteChainsResolveToTheRealProducer()
    {
        var graph = Compile($$"""
            {"version": 1, "settings": {"resolution": [240, 160]},
             "nodes": [{{Image}}, {"name": "R1", "type": "NodeReroute"}, {"name": "R2", "type": "NodeReroute"}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "Img", "from_socket": "Image", "to": "R1", "to_socket": 0}, {"from": "R1", "from_socket": 0, "to": "R2", "to_socket": 0},
                       {"from": "R2", "from_socket": 0, "to": "Composite", "to_socket": "Image"}]}
            """);
        Assert.That(graph.Operations.Any(o => o is SocketProxyOperation), Is.False, "no proxy survives");
        Assert.That(graph.Outputs[0].Inputs[0].Link, Is.InstanceOf<ImageOperation>());
    }

    [Test]
    public void UnlinkedInputsBecomeConstantsAndAValueIntoAColorIsConverted()
    {
        var graph = Compile("""
            {"version": 1, "settings": {"resolution": [8, 8]},
             "nodes": [{"name": "V", "type": "CompositorNodeValue", "outputs": {"Value": 0.25}}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "V", "from_socket": 0, "to": "Composite", "to_socket": "Image"}]}
            """);
        // Value → color conversion of a constant folds into a color constant (0.25, 0.25, 0.25, 1).
        var image = (ConstantOperation)graph.Outputs[0].Inputs[0].Link!;
        Assert.That(image.Value.ToArray(), Is.EqualTo(new[] { 0.25f, 0.25f, 0.25f, 1f }));
        Assert.That(graph.Operations.Any(o => o is ConvertOperation), Is.False, "folded");
    }

    [Test]
    public void ColorIntoAValueInputIsTheMeanOfRgb()
    {
        var graph = Compile("""
            {"version": 1, "settings": {"resolution": [8, 8]},
             "nodes": [{"name": "C", "type": "CompositorNodeRGB", "outputs": {"RGBA": [0.9, 0.2, 0.05, 1]}}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "C", "from_socket": 0, "to": "Composite", "to_socket": "Alpha"}]}
            """);
        var alpha = (ConstantOperation)graph.Outputs[0].Inputs[1].Link!;
        Assert.That(alpha.Value[0], Is.EqualTo((0.9f + 0.2f + 0.05f) / 3f).Within(1e-6));
    }

    [Test]
    public void NegativeColorSocketValuesBecomeZeroAsInBlender()
    {
        var graph = Compile("""
            {"version": 1, "settings": {"resolution": [8, 8]},
             "nodes": [{"name": "C", "type": "CompositorNodeRGB", "outputs": {"RGBA": [-0.5, 0.2, -1, 1]}}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "C", "from_socket": 0, "to": "Composite", "to_socket": "Image"}]}
            """);
        Assert.That(((ConstantOperation)graph.Outputs[0].Inputs[0].Link!).Value.ToArray(), Is.EqualTo(new[] { 0f, 0.2f, 0f, 1f }));
    }

    [Test]
    public void EqualOperationsAreMergedAndUnreadOnesPruned()
    {
        var graph = Compile($$"""
            {"version": 1, "settings": {"resolution": [240, 160]},
             "nodes": [{{Image}},
                       {{Image2}}, {{Unused}},
                       {"name": "Composite", "type": "CompositorNodeComposite", "properties": {"use_alpha": true} }],
             "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"},
                       {"from": "Img2", "from_socket": "Alpha", "to": "Composite", "to_socket": "Alpha"}]}
            """);
        var images = graph.Operations.OfType<ImageOperation>().ToList();
        Assert.That(images, Has.Count.EqualTo(2), "image and alpha of the same file; the unused image is pruned");
        Assert.That(graph.Operations.All(o => !o.Label.StartsWith("Unused")), Is.True);
    }

    [Test]
    public void ASmallerInputIsCentredTruncatingTheOffset()
    {
        var graph = Compile("""
            {"version": 1, "settings": {"resolution": [400, 300]},
             "nodes": [{"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_317x211.png"}}}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
            """);
        var composite = graph.Outputs[0];
        Assert.That(composite.Canvas, Is.EqualTo(Rect.FromSize(400, 300)));
        var translate = (TranslateOperation)composite.Inputs[0].Link!;
        Assert.That((translate.DeltaX, translate.DeltaY), Is.EqualTo((41, 44)), "(400-317)/2 = 41.5 and (300-211)/2 = 44.5, truncated");
        Assert.That(translate.Inputs[0].Link!.Canvas, Is.EqualTo(Rect.FromSize(317, 211)));
    }

    [Test]
    public void MutedNodePassesItsInputThrough()
    {
        var graph = Compile($$"""
            {"version": 1, "settings": {"resolution": [240, 160]},
             "nodes": [{{Image}}, {"name": "V", "type": "CompositorNodeViewer", "mute": true}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
            """);
        Assert.That(graph.Outputs, Has.Count.EqualTo(1));
    }

    [Test]
    public void ViewersRunOnlyWhileEditingAndFirst()
    {
        string json = $$"""
            {"version": 1, "settings": {"resolution": [240, 160]},
             "nodes": [{{Image}}, {"name": "Viewer", "type": "CompositorNodeViewer"}, {"name": "Composite", "type": "CompositorNodeComposite"}],
             "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"},
                       {"from": "Img", "from_socket": "Image", "to": "Viewer", "to_socket": "Image"}]}
            """;
        Assert.That(Compile(json, rendering: true).Outputs.Select(o => o.Kind), Is.EqualTo(new[] { OutputKind.Composite }));
        Assert.That(Compile(json, rendering: false).Outputs.Select(o => o.Kind), Is.EqualTo(new[] { OutputKind.Viewer, OutputKind.Composite }));
    }

    [Test]
    public void GroupSocketsTakeTheGroupNodesValuesElseInterfaceDefaults()
    {
        var graph = Compile("""
            {"version": 1, "settings": {"resolution": [4, 4]},
             "nodes": [{"name": "G", "type": "CompositorNodeGroup", "properties": {"node_tree": "Pass"}, "inputs": {"In_A": 0.75}},
                       {"name": "Composite", "type": "CompositorNodeComposite", "properties": {"use_alpha": true} }],
             "links": [{"from": "G", "from_socket": "Out_C", "to": "Composite", "to_socket": "Image"},
                       {"from": "G", "from_socket": "Out_A", "to": "Composite", "to_socket": "Alpha"}],
             "groups": {"Pass": {
               "interface": {"inputs": [{"name": "A", "identifier": "In_A", "type": "VALUE", "default": 0.5},
                                        {"name": "C", "identifier": "In_C", "type": "RGBA", "default": [0.1, 0.2, 0.3, 1]}],
                             "outputs": [{"name": "A", "identifier": "Out_A", "type": "VALUE"}, {"name": "C", "identifier": "Out_C", "type": "RGBA"}]},
               "nodes": [{"name": "In", "type": "NodeGroupInput"}, {"name": "Out", "type": "NodeGroupOutput"}],
               "links": [{"from": "In", "from_socket": "In_A", "to": "Out", "to_socket": "Out_A"},
                         {"from": "In", "from_socket": "In_C", "to": "Out", "to_socket": "Out_C"}]}}}
            """);
        var composite = graph.Outputs[0];
        Assert.That(((ConstantOperation)composite.Inputs[1].Link!).Value[0], Is.EqualTo(0.75f), "the group node's own value");
        Assert.That(((ConstantOperation)composite.Inputs[0].Link!).Value.ToArray(), Is.EqualTo(new[] { 0.1f, 0.2f, 0.3f, 1f }), "the interface default");
    }
}
