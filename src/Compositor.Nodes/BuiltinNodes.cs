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
        registry.Register(new Input.TimeNode());
        registry.Register(new Input.SceneTimeNode());
        // Color
        registry.Register(new Color.MixNode());
        registry.Register(new Color.AlphaOverNode());
        registry.Register(new Color.InvertNode());
        registry.Register(new Color.GammaNode());
        registry.Register(new Color.HueSaturationValueNode());
        registry.Register(new Color.RgbCurvesNode());
        registry.Register(new Color.HueCorrectNode());
        registry.Register(new Color.BrightContrastNode());
        registry.Register(new Color.ColorBalanceNode());
        registry.Register(new Color.ColorCorrectionNode());
        registry.Register(new Color.ExposureNode());
        registry.Register(new Color.PosterizeNode());
        registry.Register(new Color.TonemapNode());
        registry.Register(new Color.ZCombineNode());
        registry.Register(new Color.ConvertColorSpaceNode());
        // Vector
        registry.Register(new Color.VectorCurvesNode());
        // Converter
        registry.Register(new Converter.MathNode());
        registry.Register(new Converter.SetAlphaNode());
        registry.Register(new Converter.RgbToBwNode());
        registry.Register(new Converter.SeparateRgbaNode());
        registry.Register(new Converter.CombineRgbaNode());
        // Distort
        registry.Register(new Distort.ScaleNode());
        // Filter
        registry.Register(new Filter.BlurNode());
        // Output
        registry.Register(new Output.CompositeNode());
        registry.Register(new Output.ViewerNode());
        registry.Register(new Output.SplitViewerNode());
        return registry;
    }
}
