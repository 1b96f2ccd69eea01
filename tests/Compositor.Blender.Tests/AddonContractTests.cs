using Compositor.Graph;
using Compositor.Nodes;
using Compositor.NodeTypes;

namespace Compositor.Blender.Tests;

/// <summary>The add-on and the engine agree on which node types exist and on every property's name and shape.</summary>
public sealed class AddonContractTests
{
    private static readonly NodeRegistry Registry = BuiltinNodes.CreateRegistry();

    private static string SupportedListPath => Path.Combine(Blender.AddonFolder, "compositor_graph", "supported_nodes.txt");

    [Test]
    public void SupportedNodeListEqualsTheRegistry()
    {
        var listed = File.ReadAllLines(SupportedListPath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var registered = Registry.Types.Select(t => t.Identifier).Order(StringComparer.Ordinal).ToList();
        Assert.That(listed, Is.EqualTo(registered),
            $"{SupportedListPath} must list exactly the registry's node types; regenerate it with tools/blender-addon/update_supported_nodes.sh");
    }

    [Test]
    public void SupportedColorspaceListEqualsTheEngines()
    {
        string path = Path.Combine(Blender.AddonFolder, "compositor_graph", "supported_colorspaces.txt");
        var listed = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Order(StringComparer.Ordinal);
        var known = Nodes.Operations.Color.ColorSpaces.All.Where(Nodes.Input.ImageSource.IsKnownColorspace).Order(StringComparer.Ordinal);
        Assert.That(listed, Is.EqualTo(known), $"{path} must list the image colorspaces the engine reads");
    }

    /// <summary>
    /// A newly added node of every type, exported by the add-on with every property: each property
    /// and socket value it writes is one the engine declares and accepts (what Blender can hold, the
    /// engine reads).
    /// </summary>
    [Test]
    public void EveryPropertyTheAddonWritesIsOneTheEngineReads()
    {
        var graph = GraphReader.ReadFile(Path.Combine(RoundTrip.Result.Folder, "all_nodes.json"));
        var exportedTypes = graph.Nodes.Select(n => n.Type).ToHashSet(StringComparer.Ordinal);
        Assert.That(Registry.Types.Select(t => t.Identifier).Where(t => !exportedTypes.Contains(t)), Is.Empty, "registry types Blender did not export");
        Assert.Multiple(() =>
        {
            foreach (var node in graph.Nodes)
            {
                if (!Registry.TryGet(node.Type, out var type)) continue;
                foreach (var (key, value) in node.Properties)
                {
                    Assert.That(type.Properties.TryGetValue(key, out var definition), Is.True, $"{node.Type}: the engine has no property '{key}'");
                    if (definition is not null && !(key == "image" && value.ValueKind == System.Text.Json.JsonValueKind.Null))
                        Assert.That(definition.Validate(value), Is.Null, $"{node.Type}.{key} = {value.GetRawText()}");
                }

                // An Image node without an image is incomplete by design; every other node is whole.
                if (node.Type != "CompositorNodeImage") Assert.That(type.Validate(node, graph), Is.Null, $"{node.Type}: the engine rejects the node");
                var inputs = type.GetInputs(node).Select(s => s.Identifier).ToHashSet(StringComparer.Ordinal);
                foreach (var key in node.Inputs.Keys) Assert.That(inputs, Does.Contain(key), $"{node.Type}: input socket '{key}'");
                var outputs = type.GetOutputs(node).Select(s => s.Identifier).ToHashSet(StringComparer.Ordinal);
                foreach (var key in node.Outputs.Keys) Assert.That(outputs, Does.Contain(key), $"{node.Type}: output socket '{key}'");
            }
        });
    }
}
