using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Converter;

/// <summary>Switch: passes On through when <c>check</c> is set, else Off (a proxy removed while compiling).</summary>
public sealed class SwitchNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public SwitchNode() : base("CompositorNodeSwitch", "Layout")
    {
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var proxy = context.AddOperation(new SocketProxyOperation(DataType.Color), "switch");
        context.MapInput(context.GetBool("check") ? "On" : "Off", proxy.Inputs[0]);
        context.MapOutput("Image", proxy);
    }
}
