using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Mix;

/// <summary>
/// The inputs and canvas rule shared by Blender's Mix-family operations (Mix blend modes and Alpha
/// Over): input 0 is the factor, 1 the first image, 2 the second. The canvas comes from the first
/// image if it has one of its own, else from the second, else from the factor.
/// </summary>
public abstract class MixBaseOperation : PixelOperation
{
    /// <summary>Adds the factor and the two color inputs.</summary>
    protected MixBaseOperation() : base(DataType.Color)
    {
        AddInput(DataType.Value);
        AddInput(DataType.Color);
        AddInput(DataType.Color);
        CanvasInputIndex = 1;
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        // Ask each image with no preference: only one with a size of its own answers.
        if (HasOwnCanvas(1, resolver)) CanvasInputIndex = 1;
        else if (HasOwnCanvas(2, resolver)) CanvasInputIndex = 2;
        else CanvasInputIndex = 0;
        return base.DetermineCanvas(preferred, resolver);
    }

    private bool HasOwnCanvas(int index, CanvasResolver resolver)
    {
        var input = Inputs[index];
        return input.IsConnected && !resolver.Resolve(input.Link!, Rect.Empty).IsEmpty;
    }
}
