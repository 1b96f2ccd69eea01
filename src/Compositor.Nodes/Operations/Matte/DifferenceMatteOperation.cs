using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Difference Key's matte (Blender's DifferenceMatteOperation): the mean absolute RGB difference of
/// the two images; transparent up to the tolerance, a ramp over the falloff (never above the first
/// image's alpha), the first image's alpha beyond.
/// </summary>
public sealed class DifferenceMatteOperation : PixelOperation
{
    /// <summary>Creates the operation.</summary>
    public DifferenceMatteOperation(float tolerance, float falloff) : base(DataType.Value)
    {
        Tolerance = tolerance;
        Falloff = falloff;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <summary>Largest difference keyed out completely.</summary>
    public float Tolerance { get; }

    /// <summary>Width of the ramp above the tolerance.</summary>
    public float Falloff { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var c1 = inputs.In0;
        var c2 = inputs.In1;
        float tolerance = Tolerance, falloff = Falloff;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float d = (MathF.Abs(c2[i] - c1[i]) + MathF.Abs(c2[i + 1] - c1[i + 1]) + MathF.Abs(c2[i + 2] - c1[i + 2])) / 3f;
            float a = c1[i + 3];
            if (d <= tolerance) o[x] = 0f;
            else if (d <= falloff + tolerance)
            {
                float alpha = (d - tolerance) / falloff;
                o[x] = alpha < a ? alpha : a;
            }
            else o[x] = a;
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Tolerance);
        hash.Add(Falloff);
        return true;
    }
}
