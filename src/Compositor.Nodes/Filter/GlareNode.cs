using Compositor.Compile;
using Compositor.Nodes.Filter.Glare;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Glare (Blender's GlareNode): the image is thresholded at the quality's reduced size, the glare
/// algorithm (ghosts, streaks, fog glow, simple star) runs on the highlights, and the result is
/// scaled back and mixed with the image by <c>mix</c>.
/// </summary>
public sealed class GlareNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public GlareNode() : base("CompositorNodeGlare", "Filter")
    {
    }

    /// <summary>Reads the node's settings.</summary>
    public static GlareSettings ReadSettings(NodeConverterContext context) => new()
    {
        Type = context.GetEnum("glare_type") switch
        {
            "GHOSTS" => GlareType.Ghosts,
            "FOG_GLOW" => GlareType.FogGlow,
            "SIMPLE_STAR" => GlareType.SimpleStar,
            _ => GlareType.Streaks,
        },
        Quality = context.GetEnum("quality") switch
        {
            "HIGH" => 0,
            "LOW" => 2,
            _ => 1,
        },
        Iterations = context.GetInt("iterations"),
        ColorModulation = context.GetFloat("color_modulation"),
        Mix = context.GetFloat("mix"),
        Threshold = context.GetFloat("threshold"),
        Streaks = context.GetInt("streaks"),
        AngleOffset = context.GetFloat("angle_offset"),
        Fade = context.GetFloat("fade"),
        Size = context.GetInt("size"),
        Rotate45 = context.GetBool("use_rotate_45"),
    };

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = ReadSettings(context);
        GlareOperationBase glare = settings.Type switch
        {
            GlareType.Ghosts => new GlareGhostOperation(settings),
            GlareType.FogGlow => new GlareFogGlowOperation(settings),
            GlareType.SimpleStar => new GlareSimpleStarOperation(settings),
            _ => new GlareStreaksOperation(settings),
        };
        context.AddOperation(glare, "glare");
        var threshold = context.AddOperation(new GlareThresholdOperation(settings.Threshold, settings.QualityScale), "threshold");
        var mix = context.AddOperation(new MixGlareOperation(), "mix");

        context.MapInput("Image", threshold.Inputs[0]);
        context.Link(threshold, glare.Inputs[0]);
        context.LinkConstant(mix.Inputs[0], settings.Mix);
        context.MapInput("Image", mix.Inputs[1]);
        context.Link(glare, mix.Inputs[2]);
        context.MapOutput("Image", mix);
    }
}
