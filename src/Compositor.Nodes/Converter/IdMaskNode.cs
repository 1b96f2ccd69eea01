using System.Text.Json;
using Compositor.Compile;
using Compositor.Graph;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// ID Mask: 1 where the rounded ID value equals <c>index</c>, else 0. Blender smooths the mask with
/// SMAA when <c>use_antialiasing</c> is set; that is not implemented yet, so such graphs are rejected
/// when loaded.
/// </summary>
public sealed class IdMaskNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public IdMaskNode() : base("CompositorNodeIDMask", "Converter")
    {
    }

    /// <summary>Why anti-aliased masks are rejected.</summary>
    public const string AntiAliasingNotSupported = "use_antialiasing: anti-aliasing the mask (Blender's SMAA) is not implemented yet";

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph) =>
        node.Properties.TryGetValue("use_antialiasing", out var aa) && aa.ValueKind == JsonValueKind.True ? AntiAliasingNotSupported : null;

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

        throw context.Error(AntiAliasingNotSupported, "use_antialiasing");
    }
}
