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
        // Distort
        registry.Register(new Distort.ScaleNode());
        registry.Register(new Distort.TranslateNode());
        registry.Register(new Distort.RotateNode());
        registry.Register(new Distort.FlipNode());
        registry.Register(new Distort.TransformNode());
        registry.Register(new Distort.CropNode());
        registry.Register(new Distort.CornerPinNode());
        registry.Register(new Distort.DisplaceNode());
        registry.Register(new Distort.MapUvNode());
        registry.Register(new Distort.LensDistortionNode());
        // Filter
        registry.Register(new Filter.BlurNode());
        // Output
        registry.Register(new Output.CompositeNode());
        registry.Register(new Output.ViewerNode());
        registry.Register(new Output.SplitViewerNode());
        return registry;
    }
}
