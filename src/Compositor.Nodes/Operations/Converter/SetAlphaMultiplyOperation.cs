using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; done + 4 <= width; done += 4)
                (Vector512.Create(c.Slice(done * 4, 16)) * VectorMath.PerPixel4(alpha, done)).CopyTo(o.Slice(done * 4, 16));
        for (int x = done, i = done * 4; x < width; x++, i += 4)
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
