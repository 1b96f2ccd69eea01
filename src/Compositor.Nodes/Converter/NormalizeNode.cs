using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Normalize: maps the input's range (values within ±10000) to 0..1, reading the whole input.</summary>
public sealed class NormalizeNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public NormalizeNode() : base("CompositorNodeNormalize", "Vector")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(new NormalizeOperation());
        context.MapInput("Value", op.Inputs[0]);
        context.MapOutput("Value", op);
    }
}
