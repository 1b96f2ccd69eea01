using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Pixelate (Blender's PixelateOperation). It samples its input at the rounded coordinate with
/// nearest-pixel sampling; Blender's full-frame model evaluates it at whole pixel coordinates
/// only, so the result is the input itself (the blocky look of Blender's tiled model comes from
/// scale operations sampled through it at fractional coordinates, which full-frame does not do).
/// The output has the data type of the linked input.
/// </summary>
public sealed class PixelateOperation : PixelOperation
{
    /// <summary>Creates the operation for data of type <paramref name="type"/>.</summary>
    public PixelateOperation(DataType type) : base(type)
    {
        AddInput(type);
        CanvasInputIndex = 0;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(OutputType!.Value);
        return true;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width) =>
        inputs.In0[..output.Length].CopyTo(output);
}
