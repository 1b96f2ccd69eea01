using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>Separate RGBA (legacy): the four channels of a color as values, premultiplied as stored.</summary>
public sealed class SeparateRgbaNode : NodeType
{
    private static readonly string[] Sockets = ["R", "G", "B", "A"];

    /// <summary>Declares the node type.</summary>
    public SeparateRgbaNode() : base("CompositorNodeSepRGBA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        for (int channel = 0; channel < 4; channel++)
        {
            var op = context.AddOperation(new SeparateChannelOperation(channel), Sockets[channel]);
            context.MapInput("Image", op.Inputs[0]);
            context.MapOutput(Sockets[channel], op);
        }
    }
}
