using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// Linear remapping from one range to another (Blender's MapRangeOperation): inputs Value, From Min,
/// From Max, To Min, To Max. A source range narrower than 1e-6 gives 0; values beyond ±10000 map to
/// the target ends; with clamping the result stays inside the target range.
/// </summary>
public sealed class MapRangeOperation : PixelOperation
{
    private const float ZMax = 10000f;

    /// <summary>Creates the operation.</summary>
    public MapRangeOperation(bool clamp) : base(DataType.Value)
    {
        Clamp = clamp;
        for (int i = 0; i < 5; i++) AddInput(DataType.Value);
    }

    /// <summary>Clamp the result to the target range.</summary>
    public bool Clamp { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var value = inputs.In0;
        var fromMin = inputs.In1;
        var fromMax = inputs.In2;
        var toMin = inputs.In3;
        var toMax = inputs.In4;
        for (int x = 0; x < width; x++)
        {
            float sourceMin = fromMin[x], sourceMax = fromMax[x];
            if (MathF.Abs(sourceMax - sourceMin) < 1e-6f)
            {
                o[x] = 0f;
                continue;
            }

            float v = value[x];
            float destMin = toMin[x], destMax = toMax[x];
            if (v >= -ZMax && v <= ZMax)
            {
                v = (v - sourceMin) / (sourceMax - sourceMin);
                v = destMin + v * (destMax - destMin);
            }
            else if (v > ZMax)
            {
                v = destMax;
            }
            else
            {
                v = destMin;
            }

            if (Clamp)
            {
                float lo = destMax > destMin ? destMin : destMax;
                float hi = destMax > destMin ? destMax : destMin;
                v = v < lo ? lo : v > hi ? hi : v;
            }

            o[x] = v;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Clamp);
        return true;
    }
}
