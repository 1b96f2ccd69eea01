using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Filter;

/// <summary>Sun Beams (Blender's SunBeamsNode): <c>source</c> (relative position) and <c>ray_length</c> (relative to the longer side).</summary>
public sealed class SunBeamsNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public SunBeamsNode() : base("CompositorNodeSunBeams", "Filter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var source = context.GetFloats("source");
        var op = context.AddOperation(new SunBeamsOperation(source[0], source[1], context.GetFloat("ray_length")), "sun beams");
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
