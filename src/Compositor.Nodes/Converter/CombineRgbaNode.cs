using Compositor.Compile;
using Compositor.Nodes.Operations.Converter;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Converter;

/// <summary>
/// Combine RGBA (legacy): a color from four values, taken as they are (no premultiplication). The
/// canvas is that of the first linked of R, G, B, else of A.
/// </summary>
public sealed class CombineRgbaNode : NodeType
{
    private static readonly string[] Sockets = ["R", "G", "B", "A"];

    /// <summary>Declares the node type.</summary>
    public CombineRgbaNode() : base("CompositorNodeCombRGBA", "Converter")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        int canvasInput = 3;
        for (int i = 0; i < 3; i++)
        {
            if (context.IsInputLinked(Sockets[i]))
            {
                canvasInput = i;
                break;
            }
        }

        var op = context.AddOperation(new CombineChannelsOperation(canvasInput));
        for (int i = 0; i < 4; i++) context.MapInput(Sockets[i], op.Inputs[i]);
        context.MapOutput("Image", op);
    }
}
