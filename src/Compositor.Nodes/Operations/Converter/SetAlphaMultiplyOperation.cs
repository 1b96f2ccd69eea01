using System.Runtime.CompilerServices;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// Set Alpha in "Apply Mask" mode (Blender's SetAlphaMultiplyOperation): all four channels of the
/// color times the alpha input, which keeps the result premultiplied.
/// </summary>
public sealed class SetAlphaMultiplyOperation : PixelOperation
{
    /// <summary>Creates the operation; the canvas comes from input <paramref name="canvasInput"/> (0: color, 1: alpha).</summary>
    public SetAlphaMultiplyOperation(int canvasInput = 0) : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        CanvasInputIndex = canvasInput;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c = inputs.In0;
        var alpha = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float a = alpha[x];
            o[i] = c[i] * a;
            o[i + 1] = c[i + 1] * a;
            o[i + 2] = c[i + 2] * a;
            o[i + 3] = c[i + 3] * a;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(CanvasInputIndex);
        return true;
    }
}
