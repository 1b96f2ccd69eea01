using Compositor.NodeTypes;

namespace Compositor.Nodes.Tests;

[TestFixture]
public sealed class RegistryTests
{
    [TestCase("CompositorNodeMixRGB", "Color")]
    [TestCase("CompositorNodeAlphaOver", "Color")]
    [TestCase("CompositorNodeInvert", "Color")]
    [TestCase("CompositorNodeHueSat", "Color")]
    [TestCase("CompositorNodeMath", "Converter")]
    [TestCase("CompositorNodeSetAlpha", "Converter")]
    [TestCase("CompositorNodeRGBToBW", "Converter")]
    [TestCase("CompositorNodeSepRGBA", "Converter")]
    [TestCase("CompositorNodeCombRGBA", "Converter")]
    public void BuiltinRegistryHasTheNode(string identifier, string category)
    {
        var registry = BuiltinNodes.CreateRegistry();
        Assert.That(registry.TryGet(identifier, out NodeType type), Is.True, identifier);
        Assert.That(type.Identifier, Is.EqualTo(identifier));
        Assert.That(type.Category, Is.EqualTo(category));
    }
}
