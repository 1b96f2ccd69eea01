using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Separate XYZ: the three components of a vector as values.</summary>
public sealed class SeparateXyzNode : NodeType
{
    private static readonly string[] Sockets = ["X", "Y", "Z"];

    /// <summary>Declares the node type.</summary>
    public SeparateXyzNode() : base("CompositorNodeSeparateXYZ", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        for (int channel = 0; channel < 3; channel++)
        {
            var op = context.AddOperation(new SeparateChannelOperation(channel), Sockets[channel]);
            context.MapInput("Vector", op.Inputs[0]);
            context.MapOutput(Sockets[channel], op);
        }
    }
}
