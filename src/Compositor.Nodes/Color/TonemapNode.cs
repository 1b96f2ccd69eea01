using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Tonemap: R/D Photoreceptor or R/H Simple, from statistics of the whole image.</summary>
public sealed class TonemapNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public TonemapNode() : base("CompositorNodeTonemap", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = new TonemapSettings(
            context.GetEnum("tonemap_type") == "RD_PHOTORECEPTOR",
            context.GetFloat("key"), context.GetFloat("offset"), context.GetFloat("gamma"),
            context.GetFloat("intensity"), context.GetFloat("contrast"), context.GetFloat("adaptation"), context.GetFloat("correction"));
        var op = context.AddOperation(new TonemapOperation(settings));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
