using Compositor.Compile;
using Compositor.Graph;
using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Color;

/// <summary>
/// Convert Colorspace: R, G and B from one color space of Blender 3.4's default configuration to
/// another (see <see cref="ColorSpaces"/>). Data spaces and equal spaces pass the image through, as
/// Blender does; a space this engine cannot convert fails the graph, naming it.
/// </summary>
public sealed class ConvertColorSpaceNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public ConvertColorSpaceNode() : base("CompositorNodeConvertColorSpace", "Converter")
    {
    }

    /// <inheritdoc />
    public override string? Validate(GraphNode node, NodeGraph graph)
    {
        string from = Enum(node, "from_color_space"), to = Enum(node, "to_color_space");
        return ColorSpaces.Unsupported(from, to);
    }

    private string Enum(GraphNode node, string name) =>
        node.Properties.TryGetValue(name, out var e) && e.ValueKind == System.Text.Json.JsonValueKind.String
            ? e.GetString()!
            : (string)Properties[name].Default!;

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        string from = context.GetEnum("from_color_space"), to = context.GetEnum("to_color_space");
        ColorSpaceConversion? conversion;
        try
        {
            conversion = ColorSpaces.Create(from, to);
        }
        catch (NotSupportedException e)
        {
            throw context.Error(e.Message, "from_color_space");
        }

        if (conversion is null)
        {
            var proxy = context.AddOperation(new SocketProxyOperation(DataType.Color), "pass-through");
            context.MapInput("Image", proxy.Inputs[0]);
            context.MapOutput("Image", proxy);
            return;
        }

        var op = context.AddOperation(new ConvertColorSpaceOperation(conversion));
        context.MapInput("Image", op.Inputs[0]);
        context.MapOutput("Image", op);
    }
}
