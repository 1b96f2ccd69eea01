using Compositor.Compile;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>The Blur node's variable-size path (Blender: clamp the Size map, blur it, drive GaussianBlurReferenceOperation).</summary>
internal static class VariableSizeBlur
{
    /// <summary>Adds the operations and maps the Size socket; returns the operation reading the image.</summary>
    public static NodeOperation Build(NodeConverterContext context, BlurSettings settings) =>
        throw new NotSupportedException(
            $"Blur node '{context.DisplayName}': use_variable_size is not supported yet (needs Blender's GaussianBlurReferenceOperation and the alpha blurs of the Size map)");
}
