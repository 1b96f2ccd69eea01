using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// ID Mask: 1 where the rounded ID value equals <c>index</c>, else 0; with <c>use_antialiasing</c>
/// the mask is smoothed by Blender's SMAA (edge detection, blending weights, neighbourhood blending).
/// </summary>
public sealed class IdMaskNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public IdMaskNode() : base("CompositorNodeIDMask", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var mask = context.AddOperation(new IdMaskOperation(context.GetInt("index")));
        context.MapInput("ID value", mask.Inputs[0]);
        if (!context.GetBool("use_antialiasing"))
        {
            context.MapOutput("Alpha", mask);
            return;
        }

        throw context.Error("anti-aliasing (SMAA) is not implemented yet", "use_antialiasing");
    }
}
