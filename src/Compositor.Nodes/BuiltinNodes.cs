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
        registry.Register(new Input.BokehImageNode());
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
        registry.Register(new Converter.SeparateColorNode());
        registry.Register(new Converter.CombineColorNode());
        registry.Register(new Converter.SeparateHsvaNode());
        registry.Register(new Converter.CombineHsvaNode());
        registry.Register(new Converter.SeparateYccaNode());
        registry.Register(new Converter.CombineYccaNode());
        registry.Register(new Converter.SeparateYuvaNode());
        registry.Register(new Converter.CombineYuvaNode());
        registry.Register(new Converter.SeparateXyzNode());
        registry.Register(new Converter.CombineXyzNode());
        registry.Register(new Converter.ColorRampNode());
        registry.Register(new Converter.IdMaskNode());
        registry.Register(new Converter.SwitchNode());
        registry.Register(new Converter.MapRangeNode());
        registry.Register(new Converter.MapValueNode());
        registry.Register(new Converter.NormalNode());
        registry.Register(new Converter.NormalizeNode());
        registry.Register(new Converter.LevelsNode());
        registry.Register(new Converter.PremultiplyKeyNode());
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
        registry.Register(new Filter.FilterNode());
        registry.Register(new Filter.DespeckleNode());
        registry.Register(new Filter.PixelateNode());
        registry.Register(new Filter.DirectionalBlurNode());
        registry.Register(new Filter.BilateralBlurNode());
        registry.Register(new Filter.BokehBlurNode());
        registry.Register(new Filter.DefocusNode());
        registry.Register(new Filter.DilateErodeNode());
        registry.Register(new Filter.GlareNode());
        registry.Register(new Filter.SunBeamsNode());
        registry.Register(new Filter.InpaintNode());
        registry.Register(new Filter.VectorBlurNode());
        registry.Register(new Filter.AntiAliasingNode());
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
        registry.Register(new Output.FileOutputNode());
        return registry;
    }
}
