using Compositor.Compile;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Output;

/// <summary>Composite: the render result, at the scene resolution. With <c>use_alpha</c> off, alpha is 1.</summary>
public sealed class CompositeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public CompositeNode() : base("CompositorNodeComposite", "Output")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        bool ignoreAlpha = !context.GetBool("use_alpha");
        var scene = context.Settings.Scene;
        var op = context.AddOperation(new CompositeOperation(context.DisplayName, scene.ResolutionX, scene.ResolutionY,
            ignoreAlpha || context.IsInputLinked("Alpha")));
        context.MapInput("Image", op.Inputs[0]);
        if (ignoreAlpha) context.LinkConstant(op.Inputs[1], 1f);
        else context.MapInput("Alpha", op.Inputs[1]);
        context.MapInput("Z", op.Inputs[2]);
    }
}
