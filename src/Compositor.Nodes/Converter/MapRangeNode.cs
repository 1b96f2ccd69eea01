using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Map Range: maps Value linearly from [From Min, From Max] to [To Min, To Max], optionally clamped
/// (<c>use_clamp</c>). Blender 3.4's compositor node has no other interpolation.
/// </summary>
public sealed class MapRangeNode : NodeType
{
    private static readonly string[] Sockets = ["Value", "From Min", "From Max", "To Min", "To Max"];

    /// <summary>Declares the node type.</summary>
    public MapRangeNode() : base("CompositorNodeMapRange", "Vector")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new MapRangeOperation(context.GetBool("use_clamp")));
        for (int i = 0; i < Sockets.Length; i++) context.MapInput(Sockets[i], op.Inputs[i]);
        context.MapOutput("Value", op);
    }
}
