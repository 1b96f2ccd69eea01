using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>
/// Blender's six implicit socket conversions: color or vector to value is the plain mean of the
/// first three channels (not luminance); value to color is gray with alpha 1; value to vector
/// repeats the value; color to vector drops alpha; vector to color sets alpha 1.
/// </summary>
public sealed class ConvertOperation : PixelOperation
{
    /// <summary>Creates the conversion from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public ConvertOperation(DataType from, DataType to) : base(to)
    {
        if (from == to) throw new ArgumentException($"no conversion needed from {from} to itself");
        From = from;
        To = to;
        AddInput(from);
    }

    /// <summary>Source type.</summary>
    public DataType From { get; }

    /// <summary>Target type.</summary>
    public DataType To { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var src = inputs.In0;
        int ci = (int)From, co = (int)To;
        switch (From, To)
        {
            case (DataType.Color, DataType.Value):
            case (DataType.Vector, DataType.Value):
                for (int x = 0; x < width; x++)
                {
                    int s = x * ci;
                    output[x] = (src[s] + src[s + 1] + src[s + 2]) / 3f;
                }
                break;
            case (DataType.Value, _):
                for (int x = 0; x < width; x++)
                {
                    float v = src[x];
                    int d = x * co;
                    output[d] = v; output[d + 1] = v; output[d + 2] = v;
                    if (co == 4) output[d + 3] = 1f;
                }
                break;
            case (DataType.Color, DataType.Vector):
                for (int x = 0; x < width; x++)
                {
                    int s = x * 4, d = x * 3;
                    output[d] = src[s]; output[d + 1] = src[s + 1]; output[d + 2] = src[s + 2];
                }
                break;
            case (DataType.Vector, DataType.Color):
                for (int x = 0; x < width; x++)
                {
                    int s = x * 3, d = x * 4;
                    output[d] = src[s]; output[d + 1] = src[s + 1]; output[d + 2] = src[s + 2]; output[d + 3] = 1f;
                }
                break;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(From);
        hash.Add(To);
        return true;
    }
}
