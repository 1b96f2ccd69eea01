using Compositor.Compile;
using Compositor.Nodes.Operations.Math;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Math: one of Blender's math functions of up to three values, optionally clamped to 0..1 (<c>use_clamp</c>).</summary>
public sealed class MathNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public MathNode() : base("CompositorNodeMath", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string name = context.GetEnum("operation");
        var type = MathOperationTypes.Parse(name) ?? throw context.Error($"operation '{name}' is not supported", "operation");
        var op = context.AddOperation(new MathOperation(type, context.GetBool("use_clamp")));
        context.MapInput("Value", op.Inputs[0]);
        context.MapInput("Value_001", op.Inputs[1]);
        context.MapInput("Value_002", op.Inputs[2]);
        context.MapOutput("Value", op);
    }
}
