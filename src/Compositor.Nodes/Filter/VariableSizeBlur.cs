using Compositor.Compile;
using Compositor.Nodes.Operations.Math;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// The Blur node's variable-size path, as Blender builds it: the Size map clamped to [0, 1], softened
/// by an x and a y <see cref="GaussianAlphaBlurOperation"/>, drives a
/// <see cref="GaussianBlurReferenceOperation"/> of the image.
/// </summary>
internal static class VariableSizeBlur
{
    /// <summary>Adds the operations and maps the Size socket; returns the operation reading the image.</summary>
    public static NodeOperation Build(NodeConverterContext context, BlurSettings settings)
    {
        var clamp = context.AddOperation(new MathOperation(MathOperationType.Add, useClamp: true), "size clamp");
        context.MapInput("Size", clamp.Inputs[0]);
        context.LinkConstant(clamp.Inputs[1], 0f);
        context.LinkConstant(clamp.Inputs[2], 0f);

        var x = context.AddOperation(new GaussianAlphaBlurOperation(settings, BlurAxis.X), "size blur x");
        var y = context.AddOperation(new GaussianAlphaBlurOperation(settings, BlurAxis.Y), "size blur y");
        context.Link(clamp, x.Inputs[BlurOperationBase.ImageInput]);
        context.LinkConstant(x.Inputs[BlurOperationBase.SizeInput], 1f);
        context.Link(x, y.Inputs[BlurOperationBase.ImageInput]);
        context.LinkConstant(y.Inputs[BlurOperationBase.SizeInput], 1f);

        var reference = context.AddOperation(new GaussianBlurReferenceOperation(settings), "variable blur");
        context.Link(y, reference.Inputs[BlurOperationBase.SizeInput]);
        return reference;
    }
}
