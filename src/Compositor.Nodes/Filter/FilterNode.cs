using Compositor.Compile;
using Compositor.NodeTypes;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Filter (Blender's FilterNode): a 3×3 kernel chosen by <c>filter_type</c>. Soften, Box Sharpen
/// (<c>SHARPEN</c>), Diamond Sharpen and Shadow convolve all channels; Laplace, Sobel, Prewitt and
/// Kirsch detect edges from the kernel and its transpose.
/// </summary>
public sealed class FilterNode : NodeType
{
    /// <summary>Declares the node type.</summary>
    public FilterNode() : base("CompositorNodeFilter", "Filter")
    {
    }

    /// <summary>The operation for filter type <paramref name="type"/> (a <c>filter_type</c> enum identifier).</summary>
    public static ConvolutionFilterOperation CreateOperation(string type)
    {
        const float e = 1f / 8f, s = 1f / 16f;
        return type switch
        {
            "SOFTEN" => new ConvolutionFilterOperation([s, 2 * s, s, 2 * s, 4 * s, 2 * s, s, 2 * s, s]),
            "SHARPEN" => new ConvolutionFilterOperation([-1, -1, -1, -1, 9, -1, -1, -1, -1]),
            "SHARPEN_DIAMOND" => new ConvolutionFilterOperation([0, -1, 0, -1, 5, -1, 0, -1, 0]),
            "LAPLACE" => new ConvolutionEdgeFilterOperation([-e, -e, -e, -e, 1, -e, -e, -e, -e]),
            "SOBEL" => new ConvolutionEdgeFilterOperation([1, 2, 1, 0, 0, 0, -1, -2, -1]),
            "PREWITT" => new ConvolutionEdgeFilterOperation([1, 1, 1, 0, 0, 0, -1, -1, -1]),
            "KIRSCH" => new ConvolutionEdgeFilterOperation([5, 5, 5, -3, -3, -3, -2, -2, -2]),
            "SHADOW" => new ConvolutionFilterOperation([1, 2, 1, 0, 1, 0, -1, -2, -1]),
            _ => new ConvolutionFilterOperation([0, 0, 0, 0, 1, 0, 0, 0, 0]),
        };
    }

    /// <inheritdoc />
    public override void Convert(NodeConverterContext context)
    {
        var op = context.AddOperation(CreateOperation(context.GetEnum("filter_type")));
        context.MapInput("Image", op.Inputs[ConvolutionFilterOperation.ImageInput]);
        context.MapInput("Fac", op.Inputs[ConvolutionFilterOperation.FactorInput]);
        context.MapOutput("Image", op);
    }
}
