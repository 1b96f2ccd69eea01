using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>
/// Maps the input's values linearly so that its smallest becomes 0 and its largest 1 (Blender's
/// NormalizeOperation). Minimum and maximum are taken once over the whole input, ignoring values
/// beyond ±10000 (and NaN); results are clamped to 0..1; a flat input gives 0.
/// </summary>
public sealed class NormalizeOperation : NodeOperation
{
    private const float ZMax = 10000f;
    private readonly object _gate = new();
    private (float Min, float Multiply)? _range;

    /// <summary>Creates the operation.</summary>
    public NormalizeOperation() : base(DataType.Value)
    {
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex | OperationFlags.CanBeConstant;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        Inputs[inputIndex].Link is { IsCanvasSet: true } producer ? producer.Canvas : outputArea;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        lock (_gate) _range = null;
    }

    /// <summary>The minimum and the factor 1 / (max − min) of <paramref name="input"/> as Blender computes them.</summary>
    public static (float Min, float Multiply) Range(MemoryBuffer input)
    {
        float min = 1f + ZMax, max = -1f - ZMax;
        if (input.IsSingleElement)
        {
            Accumulate(input.SingleElement, ref min, ref max);
        }
        else
        {
            for (int y = input.Rect.YMin; y < input.Rect.YMax; y++)
                Accumulate(input.GetRow(y, input.Rect.XMin, input.Width), ref min, ref max);
        }

        return (min, max != min ? 1f / (max - min) : 0f);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var input = inputs[0];
        (float min, float mul) = input.IsSingleElement ? Range(input) : Cached(input);
        var o = output!;
        if (o.IsSingleElement)
        {
            o.DangerousGetArray()[0] = Map(input.SingleElement[0], min, mul);
            return;
        }

        var scratch = new float[area.Width];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var src = input.ReadRow(y, area.XMin, area.Width, scratch);
            var dst = o.GetRow(y, area.XMin, area.Width);
            for (int x = 0; x < dst.Length; x++) dst[x] = Map(src[x], min, mul);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash) => true;

    private (float, float) Cached(MemoryBuffer input)
    {
        lock (_gate)
        {
            _range ??= Range(input);
            return _range.Value;
        }
    }

    private static void Accumulate(ReadOnlySpan<float> values, ref float min, ref float max)
    {
        foreach (float v in values)
        {
            if (v > max && v <= ZMax) max = v;
            if (v < min && v >= -ZMax) min = v;
        }
    }

    private static float Map(float v, float min, float mul)
    {
        float r = (v - min) * mul;
        return r < 0f ? 0f : r > 1f ? 1f : r;
    }
}
