using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Curves;

/// <summary>
/// Vector Curves (Blender's VectorCurveOperation): X, Y and Z each through their own curve, after
/// the mapping's black and white levels (Blender's BKE_curvemapping_evaluate_premulRGBF).
/// </summary>
public sealed class VectorCurveOperation : PixelOperation
{
    /// <summary>Creates the operation for <paramref name="mapping"/> (three curves).</summary>
    public VectorCurveOperation(CurveMapping mapping) : base(DataType.Vector)
    {
        Mapping = mapping;
        AddInput(DataType.Vector);
    }

    /// <summary>The mapping.</summary>
    public CurveMapping Mapping { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var v = inputs.In0;
        var black = Mapping.Black;
        var multiplier = Mapping.BlackWhiteMultiplierValues;
        for (int x = 0, i = 0; x < width; x++, i += 3)
            Mapping.EvaluateRgb(v[i], v[i + 1], v[i + 2], black, multiplier, out o[i], out o[i + 1], out o[i + 2]);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Mapping.Fingerprint);
        return true;
    }
}
