using Compositor.Compile;
using Compositor.Nodes.Operations.Curves;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Color;

/// <summary>Hue Correct: hue, saturation and value adjusted by curves over the hue, mixed in by the factor.</summary>
public sealed class HueCorrectNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public HueCorrectNode() : base("CompositorNodeHueCorrect", "Color")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new HueCorrectOperation(CurveMappingReader.Read(context, "mapping", CurveMappingDefaults.HueCorrect)));
        context.MapInput("Fac", op.Inputs[0]);
        context.MapInput("Image", op.Inputs[1]);
        context.MapOutput("Image", op);
    }
}
