using Compositor.Compile;
using Compositor.Graph;
using Compositor.Nodes;

namespace Compositor.Core.Tests.Graph;

/// <summary>Rejected graphs: each error names the node, the key and the reason, before any work.</summary>
public sealed class GraphLoadingErrorTests
{
    private static GraphException Reject(string json)
    {
        return Assert.Throws<GraphException>(() =>
        {
            var graph = TestGraphs.Read(json);
            GraphValidator.Validate(graph, BuiltinNodes.CreateRegistry());
        })!;
    }

    private const string Composite = """{"name": "Composite", "type": "CompositorNodeComposite"}""";

    [Test]
    public void JsonSyntaxErrorGivesLineAndColumn()
    {
        var e = Reject("{\n  \"version\": 1,\n  \"nodes\": [ {\"name\": \"A\",, } ]\n}");
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Column, Is.GreaterThan(1));
        Assert.That(e.Message, Does.StartWith("line 3, column"));
    }

    [Test]
    public void UnsupportedVersionNamesTheSupportedOnes()
    {
        var e = Reject("""{"version": 2, "nodes": []}""");
        Assert.That(e.Key, Is.EqualTo("version"));
        Assert.That(e.Message, Does.Contain("supported versions: 1"));
    }

    [Test]
    public void UnknownNodeTypeIsNamed()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "X", "type": "CompositorNodeFoo"}]}""");
        Assert.That((e.Node, e.Key), Is.EqualTo(("X", "type")));
        Assert.That(e.Message, Does.Contain("unknown node type 'CompositorNodeFoo'"));
    }

    [Test]
    public void SceneOnlyBlenderNodeTypeIsNamedAsNotSupported()
    {
        // Render Layers is a Blender type (the default scene's tree has one) that needs a 3D render.
        var e = Reject("""{"version": 1, "nodes": [{"name": "Render Layers", "type": "CompositorNodeRLayers"}]}""");
        Assert.That((e.Node, e.Key), Is.EqualTo(("Render Layers", "type")));
        Assert.That(e.Message, Does.Contain("node type CompositorNodeRLayers is not supported by this version of Compositor"));
    }

    [Test]
    public void UnknownPropertyIsNamed()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "C", "type": "CompositorNodeComposite", "properties": {"use_alhpa": true}}]}""");
        Assert.That((e.Node, e.Key), Is.EqualTo(("C", "properties.use_alhpa")));
    }

    [Test]
    public void WrongPropertyTypeIsNamed()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "C", "type": "Composite", "properties": {"use_alpha": 3}}]}""");
        Assert.That(e.Key, Is.EqualTo("properties.use_alpha"));
        Assert.That(e.Message, Does.Contain("expected true or false"));
    }

    [Test]
    public void BadEnumValueListsTheAllowedOnes()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "V", "type": "CompositorNodeViewer", "properties": {"tile_order": "SPIRAL"}}]}""");
        Assert.That(e.Key, Is.EqualTo("properties.tile_order"));
        Assert.That(e.Message, Does.Contain("unknown value 'SPIRAL'").And.Contain("CENTEROUT"));
    }

    [Test]
    public void UnknownInputSocketValueIsNamed()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "C", "type": "CompositorNodeComposite", "inputs": {"Imagee": [1, 0, 0, 1]}}]}""");
        Assert.That((e.Node, e.Key), Is.EqualTo(("C", "inputs.Imagee")));
    }

    [Test]
    public void LinkToUnknownNodeIsRejected()
    {
        var e = Reject($$"""{"version": 1, "nodes": [{{Composite}}], "links": [{"from": "Nope", "from_socket": 0, "to": "Composite", "to_socket": "Image"}]}""");
        Assert.That(e.Key, Is.EqualTo("links[0].from"));
        Assert.That(e.Message, Does.Contain("'Nope'"));
    }

    [Test]
    public void LinkToMissingSocketListsTheSockets()
    {
        var e = Reject($$"""
            {"version": 1, "nodes": [{"name": "V", "type": "CompositorNodeValue"}, {{Composite}}],
             "links": [{"from": "V", "from_socket": 0, "to": "Composite", "to_socket": 7}]}
            """);
        Assert.That((e.Node, e.Key), Is.EqualTo(("Composite", "links[0].to_socket")));
        Assert.That(e.Message, Does.Contain("Image, Alpha, Z"));
    }

    [Test]
    public void TwoLinksIntoOneInputAreRejected()
    {
        var e = Reject($$"""
            {"version": 1, "nodes": [{"name": "V", "type": "CompositorNodeValue"}, {"name": "W", "type": "CompositorNodeValue"}, {{Composite}}],
             "links": [{"from": "V", "from_socket": 0, "to": "Composite", "to_socket": "Alpha"},
                       {"from": "W", "from_socket": 0, "to": "Composite", "to_socket": "Alpha"}]}
            """);
        Assert.That(e.Message, Does.Contain("more than one link"));
    }

    [Test]
    public void CyclesAreRejected()
    {
        var e = Reject("""
            {"version": 1, "nodes": [{"name": "R1", "type": "NodeReroute"}, {"name": "R2", "type": "NodeReroute"}],
             "links": [{"from": "R1", "from_socket": 0, "to": "R2", "to_socket": 0}, {"from": "R2", "from_socket": 0, "to": "R1", "to_socket": 0}]}
            """);
        Assert.That(e.Message, Does.Contain("cycle"));
    }

    [Test]
    public void GroupContainingItselfIsRejected()
    {
        var e = Reject("""
            {"version": 1, "nodes": [{"name": "G", "type": "CompositorNodeGroup", "properties": {"node_tree": "A"}}],
             "groups": {"A": {"nodes": [{"name": "Inner", "type": "CompositorNodeGroup", "properties": {"node_tree": "A"}}]}}}
            """);
        Assert.That(e.Message, Does.Contain("contains itself"));
    }

    [Test]
    public void UnknownGroupIsRejected()
    {
        var e = Reject("""{"version": 1, "nodes": [{"name": "G", "type": "CompositorNodeGroup", "properties": {"node_tree": "Missing"}}]}""");
        Assert.That((e.Node, e.Key), Is.EqualTo(("G", "properties.node_tree")));
    }

    [Test]
    public void UnreadableImageIsRejectedWhenCompiling()
    {
        var graph = TestGraphs.Read(TestGraphs.ImageToComposite("does_not_exist.png", 8, 8));
        // An input problem: a GraphException (raised before any pixel work) of the kind that names the file.
        var e = Assert.Throws<InputFileException>(() => new Rendering.Renderer(BuiltinNodes.CreateRegistry(), new Devices.WorkScheduler(1)).Compile(graph))!;
        Assert.That(e.Node, Is.EqualTo("Img"));
        Assert.That(e.Path, Does.EndWith("does_not_exist.png"));
        Assert.That(e.Message, Does.Contain("does_not_exist.png"));
    }

    [Test]
    public void ShortTypeNamesAreAccepted()
    {
        var graph = TestGraphs.Read("""{"version": 1, "nodes": [{"name": "C", "type": "Composite"}]}""");
        Assert.DoesNotThrow(() => GraphValidator.Validate(graph, BuiltinNodes.CreateRegistry()));
        Assert.That(graph.Nodes[0].Type, Is.EqualTo("CompositorNodeComposite"));
    }

    [Test]
    public void ChunkSizeAsStringIsAccepted()
    {
        var graph = TestGraphs.Read("""{"version": 1, "settings": {"chunk_size": "128", "resolution": [10, 20]}, "nodes": []}""");
        Assert.That((graph.Settings.ChunkSize, graph.Settings.ResolutionX, graph.Settings.ResolutionY), Is.EqualTo((128, 10, 20)));
    }
}
