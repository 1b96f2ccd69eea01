using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// Set Alpha in "Replace Alpha" mode (Blender's SetAlphaReplaceOperation): the color's R, G and B
/// unchanged, alpha from the alpha input.
/// </summary>
public sealed class SetAlphaReplaceOperation : PixelOperation
{
    /// <summary>Creates the operation; the canvas comes from input <paramref name="canvasInput"/> (0: color, 1: alpha).</summary>
    public SetAlphaReplaceOperation(int canvasInput = 0) : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        CanvasInputIndex = canvasInput;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var alpha = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            o[i] = c[i];
            o[i + 1] = c[i + 1];
            o[i + 2] = c[i + 2];
            o[i + 3] = alpha[x];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(CanvasInputIndex);
        return true;
    }
}
