using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>A color from four values (Blender's CombineChannelsOperation); no premultiplication is applied.</summary>
public sealed class CombineChannelsOperation : PixelOperation
{
    /// <summary>Creates the operation; the canvas comes from input <paramref name="canvasInput"/>.</summary>
    public CombineChannelsOperation(int canvasInput = 0) : base(DataType.Color)
    {
        for (int i = 0; i < 4; i++) AddInput(DataType.Value);
        CanvasInputIndex = canvasInput;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var r = inputs.In0;
        var g = inputs.In1;
        var b = inputs.In2;
        var a = inputs.In3;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            o[i] = r[x];
            o[i + 1] = g[x];
            o[i + 2] = b[x];
            o[i + 3] = a[x];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(CanvasInputIndex);
        return true;
    }
}
