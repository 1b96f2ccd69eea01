using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>The negated dot product of two vectors (Blender's DotproductOperation, used by the Normal node).</summary>
public sealed class DotProductOperation : PixelOperation
{
    /// <summary>Creates the operation; the canvas comes from the first vector.</summary>
    public DotProductOperation() : base(DataType.Value)
    {
        AddInput(DataType.Vector);
        AddInput(DataType.Vector);
        CanvasInputIndex = 0;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var a = inputs.In0;
        var b = inputs.In1;
        for (int x = 0, i = 0; x < width; x++, i += 3)
            o[x] = -(a[i] * b[i] + a[i + 1] * b[i + 1] + a[i + 2] * b[i + 2]);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;
}
