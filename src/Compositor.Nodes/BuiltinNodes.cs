using Compositor.NodeTypes;

namespace Compositor.Nodes;

/// <summary>Every node type Compositor implements, registered explicitly (no reflection at start-up).</summary>
public static class BuiltinNodes
{
    /// <summary>A registry holding every built-in node type.</summary>
    public static NodeRegistry CreateRegistry()
    {
        var registry = new NodeRegistry();
        // Input
        registry.Register(new Input.ValueNode());
        registry.Register(new Input.RgbNode());
        registry.Register(new Input.ImageNode());
        // Color
        registry.Register(new Color.MixNode());
        registry.Register(new Color.AlphaOverNode());
        registry.Register(new Color.InvertNode());
        registry.Register(new Color.GammaNode());
        registry.Register(new Color.HueSaturationValueNode());
        // Converter
        registry.Register(new Converter.MathNode());
        registry.Register(new Converter.SetAlphaNode());
        registry.Register(new Converter.RgbToBwNode());
        registry.Register(new Converter.SeparateRgbaNode());
        registry.Register(new Converter.CombineRgbaNode());
        registry.Register(new Converter.PremultiplyKeyNode());
        // Distort
        registry.Register(new Distort.ScaleNode());
        // Filter
        registry.Register(new Filter.BlurNode());
        registry.Register(new Filter.DilateErodeNode());
        // Matte
        registry.Register(new Matte.BoxMaskNode());
        registry.Register(new Matte.EllipseMaskNode());
        registry.Register(new Matte.ChannelMatteNode());
        registry.Register(new Matte.ChromaMatteNode());
        registry.Register(new Matte.ColorMatteNode());
        registry.Register(new Matte.ColorSpillNode());
        registry.Register(new Matte.DifferenceMatteNode());
        registry.Register(new Matte.DistanceMatteNode());
        registry.Register(new Matte.LuminanceMatteNode());
        registry.Register(new Matte.KeyingNode());
        registry.Register(new Matte.DoubleEdgeMaskNode());
        // Output
        registry.Register(new Output.CompositeNode());
        registry.Register(new Output.ViewerNode());
        registry.Register(new Output.SplitViewerNode());
        return registry;
    }
}
