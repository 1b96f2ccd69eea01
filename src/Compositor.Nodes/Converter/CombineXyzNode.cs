using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Combine XYZ: a vector from three values (Blender combines them as a color whose fourth channel
/// no socket feeds). The canvas is that of the first linked of X, Y, else Z.
/// </summary>
public sealed class CombineXyzNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public CombineXyzNode() : base("CompositorNodeCombineXYZ", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        int canvasInput = context.IsInputLinked("X") ? 0 : context.IsInputLinked("Y") ? 1 : 2;
        var op = context.AddOperation(new CombineChannelsOperation(canvasInput));
        context.MapInput("X", op.Inputs[0]);
        context.MapInput("Y", op.Inputs[1]);
        context.MapInput("Z", op.Inputs[2]);
        context.MapOutput("Vector", op);
    }
}
