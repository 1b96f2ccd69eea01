using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>1 where the rounded ID value equals the object index, else 0 (Blender's IDMaskOperation).</summary>
public sealed class IdMaskOperation : PixelOperation
{
    /// <summary>Creates the operation for pass index <paramref name="index"/>.</summary>
    public IdMaskOperation(int index) : base(DataType.Value)
    {
        Index = index;
        AddInput(DataType.Value);
    }

    /// <summary>The pass index matched.</summary>
    public int Index { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var id = inputs.In0;
        float index = Index;
        // Blender rounds half away from zero (roundf).
        for (int x = 0; x < width; x++) o[x] = MathF.Round(id[x], MidpointRounding.AwayFromZero) == index ? 1f : 0f;
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Index);
        return true;
    }
}
