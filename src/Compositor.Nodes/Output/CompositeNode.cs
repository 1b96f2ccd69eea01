using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>Composite: the render result, at the scene resolution. With <c>use_alpha</c> off, alpha is 1.</summary>
public sealed class CompositeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public CompositeNode() : base("CompositorNodeComposite", "Output")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context) => OutputNodes.Convert(context, OutputKind.Composite);
}

/// <summary>What Composite and Viewer share: one image output operation with the Alpha input rule.</summary>
internal static class OutputNodes
{
    public static void Convert(NodeConverterContext context, OutputKind kind)
    {
        bool ignoreAlpha = !context.GetBool("use_alpha");
        var scene = context.Settings.Scene;
        var size = Rect.FromSize(scene.ResolutionX, scene.ResolutionY);
        var op = new ImageOutputOperation(kind, context.DisplayName, kind == OutputKind.Composite ? size : null, size,
            ignoreAlpha || context.IsInputLinked("Alpha"));
        if (kind == OutputKind.Viewer)
        {
            op = new ImageOutputOperation(kind, context.DisplayName, null, size, op.UseAlphaInput)
            {
                IsActiveViewer = true,
                ChunkOrdering = context.GetEnum("tile_order") switch
                {
                    "RANDOM" => Execution.ChunkOrdering.Random,
                    "BOTTOMUP" => Execution.ChunkOrdering.TopDown,
                    "RULE_OF_THIRDS" => Execution.ChunkOrdering.RuleOfThirds,
                    _ => Execution.ChunkOrdering.CenterOut,
                },
                CenterX = context.GetFloat("center_x"),
                CenterY = context.GetFloat("center_y"),
            };
        }

        context.AddOperation(op);
        context.MapInput("Image", op.Inputs[0]);
        if (ignoreAlpha) context.LinkConstant(op.Inputs[1], 1f);
        else context.MapInput("Alpha", op.Inputs[1]);
        context.MapInput("Z", op.Inputs[2]);
    }
}
