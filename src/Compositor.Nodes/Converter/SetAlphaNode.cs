using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Set Alpha: <c>APPLY</c> multiplies the whole color by the alpha input, <c>REPLACE_ALPHA</c>
/// replaces only the alpha channel. With only the alpha input linked, its canvas decides the size.
/// </summary>
public sealed class SetAlphaNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public SetAlphaNode() : base("CompositorNodeSetAlpha", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        int canvasInput = !context.IsInputLinked("Image") && context.IsInputLinked("Alpha") ? 1 : 0;
        string mode = context.GetEnum("mode");
        var op = context.AddOperation(CreateOperation(mode, canvasInput) ?? throw context.Error($"mode '{mode}' is not supported", "mode"));
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Alpha", op.Inputs[1]);
        context.MapOutput("Image", op);
    }

    /// <summary>The operation for Blender's <c>mode</c> identifier, or null when unknown.</summary>
    public static PixelOperation? CreateOperation(string mode, int canvasInput = 0) => mode switch
    {
        "APPLY" => new SetAlphaMultiplyOperation(canvasInput),
        "REPLACE_ALPHA" => new SetAlphaReplaceOperation(canvasInput),
        _ => null,
    };
}
