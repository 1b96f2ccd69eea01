using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Input;

/// <summary>Value: a constant number, stored on its output socket.</summary>
public sealed class ValueNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ValueNode() : base("CompositorNodeValue", "Input")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var constant = context.AddOperation(new ConstantOperation(DataType.Value, context.OutputValue("Value")));
        context.MapOutput("Value", constant);
    }
}
