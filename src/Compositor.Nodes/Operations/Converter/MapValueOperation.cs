using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// (value + offset) × size, then optionally raised to a minimum and capped at a maximum (Blender's
/// MapValueOperation with the node's texture mapping).
/// </summary>
public sealed class MapValueOperation : PixelOperation
{
    /// <summary>Creates the operation; null bounds are not applied.</summary>
    public MapValueOperation(float offset, float size, float? min, float? max) : base(DataType.Value)
    {
        Offset = offset;
        Size = size;
        Min = min;
        Max = max;
        AddInput(DataType.Value);
    }

    /// <summary>Added before scaling.</summary>
    public float Offset { get; }

    /// <summary>The scale.</summary>
    public float Size { get; }

    /// <summary>The lower bound, if used.</summary>
    public float? Min { get; }

    /// <summary>The upper bound, if used.</summary>
    public float? Max { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var input = inputs.In0;
        float offset = Offset, size = Size;
        bool useMin = Min.HasValue, useMax = Max.HasValue;
        float min = Min ?? 0f, max = Max ?? 0f;
        for (int x = 0; x < width; x++)
        {
            float v = (input[x] + offset) * size;
            if (useMin && v < min) v = min;
            if (useMax && v > max) v = max;
            o[x] = v;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Offset);
        hash.Add(Size);
        hash.Add(Min.HasValue);
        hash.Add(Min ?? 0f);
        hash.Add(Max.HasValue);
        hash.Add(Max ?? 0f);
        return true;
    }
}
