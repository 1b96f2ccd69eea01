using Compositor.Compile;
using Compositor.Nodes.Operations.Input;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Input;

/// <summary>
/// Bokeh Image: a 512 × 512 aperture shape for the bokeh blurs (<c>flaps</c>, <c>angle</c>,
/// <c>rounding</c>, <c>catadioptric</c>, <c>shift</c>).
/// </summary>
public sealed class BokehImageNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BokehImageNode() : base("CompositorNodeBokehImage", "Input")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var settings = new BokehSettings(context.GetInt("flaps"), context.GetFloat("angle"), context.GetFloat("rounding"),
            context.GetFloat("catadioptric"), context.GetFloat("shift"));
        var op = context.AddOperation(new BokehImageOperation(settings));
        context.MapOutput("Image", op);
    }
}
