using Compositor.Compile;
using Compositor.Imaging;
using Compositor.NodeTypes;

namespace Compositor.Nodes.Tests.Support;

/// <summary>
/// Test inputs registered under Bokeh Image's identifier: a node's <c>flaps</c> property (3, 4, …)
/// picks which of the given per-pixel inputs it produces, as a color or a value image of
/// <paramref name="width"/> × <paramref name="height"/>.
/// </summary>
internal sealed class ProbeSourceNode(int width, int height, IReadOnlyList<(bool IsValue, float[] Values)> sources)
    : NodeType("CompositorNodeBokehImage", "Input")
{
    public override void Convert(NodeConverterContext context)
    {
        var (isValue, values) = sources[context.GetInt("flaps") - 3];
        var op = new SourceOperation(Rect.FromSize(width, height), values, isValue ? DataType.Value : DataType.Color);
        context.MapOutput("Image", context.AddOperation(op));
    }
}
