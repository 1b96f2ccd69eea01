using Compositor.Devices;
using Compositor.Graph;
using Compositor.Operations;
using Compositor.Rendering;

using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests.Distort;

/// <summary>
/// A transform chain like the perf graph's on a real image: in the full-frame model whole-pixel
/// translations hand on their input's buffer (even one that does not cover the area, to the Lens) and the chain's buffers share two arrays, with the
/// same pixels as the tiled model, which computes every operation.
/// </summary>
public class TransformChainExecutionTests
{
    private const string Chain = """
        {"version": 1, "settings": {"resolution": [301, 203]},
         "nodes": [
          {"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "chelsea_317x211.png", "colorspace": "sRGB"}}},
          {"name": "Scale", "type": "CompositorNodeScale", "properties": {"space": "RELATIVE"}, "inputs": {"X": 0.8, "Y": 0.9}},
          {"name": "Rot", "type": "CompositorNodeRotate", "properties": {"filter_type": "BILINEAR"}, "inputs": {"Degr": 0.35}},
          {"name": "Tr", "type": "CompositorNodeTransform", "properties": {"filter_type": "BILINEAR"}, "inputs": {"X": 13, "Y": -7, "Angle": -0.2, "Scale": 1.15}},
          {"name": "Move", "type": "CompositorNodeTranslate", "inputs": {"X": -9.6, "Y": 4.2}},
          {"name": "Flip", "type": "CompositorNodeFlip", "properties": {"axis": "X"}},
          {"name": "Lens", "type": "CompositorNodeLensdist", "properties": {"use_fit": true}, "inputs": {"Distort": 0.05}},
          {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [
          {"from": "Img", "from_socket": "Image", "to": "Scale", "to_socket": "Image"},
          {"from": "Scale", "from_socket": "Image", "to": "Rot", "to_socket": "Image"},
          {"from": "Rot", "from_socket": "Image", "to": "Tr", "to_socket": "Image"},
          {"from": "Tr", "from_socket": "Image", "to": "Move", "to_socket": "Image"},
          {"from": "Move", "from_socket": "Image", "to": "Flip", "to_socket": "Image"},
          {"from": "Flip", "from_socket": "Image", "to": "Lens", "to_socket": "Image"},
          {"from": "Lens", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
        """;

    [Test]
    public void FullFrameSharesBuffersAndMovesWithoutCopyingWithTiledPixels()
    {
        var graph = GraphReader.ReadString(Chain, ConformanceImages.Folder);
        using var scheduler = new WorkScheduler(2);
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler);
        using var full = renderer.Render(graph, new RenderOptions { Model = ExecutionModel.FullFrame });
        using var tiled = renderer.Render(graph, new RenderOptions { Model = ExecutionModel.Tiled, ChunkSize = 64 });
        Assert.That(full.Composite!.Span.ToArray(), Is.EqualTo(tiled.Composite!.Span.ToArray()), "full frame vs tiled");
        Assert.That(full.Composite.Span.ToArray().Count(v => v != 0f), Is.GreaterThan(full.Composite.Span.Length / 2), "an image, not black");

        var timed = full.Statistics.OperationTimes.Select(t => t.Name).ToList();
        Assert.That(timed, Has.Some.Contains("Rot"), "rendered operations are timed");
        Assert.That(timed, Has.None.Contains("Tr:translate").And.None.Contains("Move"), "translations render nothing");
        // The Lens's input is fitted by a translation its input's buffer does not cover; the Lens
        // reads outside as transparent black, as the translation's zero-padded copy would hold.
        Assert.That(timed, Has.None.Contains("Lens:fit"), "the fit translation renders nothing");

        // Seven operations render into buffers; they share two arrays (a chain writes one while it
        // reads the other), and the result is the third allocation.
        Assert.That(full.Statistics.BufferAllocations, Is.EqualTo(3), "arrays rented or charged in the full-frame render");
    }
}
