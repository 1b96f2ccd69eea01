using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Distance Key's matte (Blender's DistanceRGBMatteOperation and DistanceYCCMatteOperation): the
/// Euclidean distance between image and key color — over R, G, B, or with
/// <see cref="ChromaOnly"/> over Cb and Cr of Y'CbCr inputs; transparent below the tolerance, a ramp
/// over the falloff (never above the image's alpha), the image's alpha beyond.
/// </summary>
public sealed class DistanceMatteOperation : PixelOperation
{
    /// <summary>Creates the operation. Inputs: image, key color.</summary>
    public DistanceMatteOperation(float tolerance, float falloff, bool chromaOnly) : base(DataType.Value)
    {
        Tolerance = tolerance;
        Falloff = falloff;
        ChromaOnly = chromaOnly;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <summary>Distance keyed out completely.</summary>
    public float Tolerance { get; }

    /// <summary>Width of the ramp above the tolerance.</summary>
    public float Falloff { get; }

    /// <summary>Measure only channels 1 and 2 (Cb, Cr): the YCC mode.</summary>
    public bool ChromaOnly { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var image = inputs.In0;
        var key = inputs.In1;
        float tolerance = Tolerance, falloff = Falloff;
        bool chroma = ChromaOnly;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float d1 = image[i + 1] - key[i + 1], d2 = image[i + 2] - key[i + 2];
            float distance;
            if (chroma)
            {
                distance = MathF.Sqrt(d1 * d1 + d2 * d2);
            }
            else
            {
                float d0 = image[i] - key[i];
                distance = MathF.Sqrt(d0 * d0 + d1 * d1 + d2 * d2);
            }

            float a = image[i + 3];
            if (distance < tolerance) o[x] = 0f;
            else if (distance < falloff + tolerance)
            {
                float alpha = (distance - tolerance) / falloff;
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
        hash.Add(ChromaOnly);
        return true;
    }
}
