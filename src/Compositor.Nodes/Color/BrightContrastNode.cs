using Compositor.Compile;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Bright/Contrast: brightness and contrast, on straight colors when <c>use_premultiply</c> ("Convert Premultiplied") is on.</summary>
public sealed class BrightContrastNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public BrightContrastNode() : base("CompositorNodeBrightContrast", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new BrightnessOperation(context.GetBool("use_premultiply")));
        context.MapInput("Image", op.Inputs[0]);
        context.MapInput("Bright", op.Inputs[1]);
        context.MapInput("Contrast", op.Inputs[2]);
        context.MapOutput("Image", op);
    }
}
