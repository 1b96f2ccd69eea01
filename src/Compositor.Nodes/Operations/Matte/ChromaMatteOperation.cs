using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Matte;

/// <summary>
/// Chroma Key's matte (Blender's ChromaMatteOperation, after "Video Demystified"), on Y'CbCr image
/// and key colors: the CbCr plane is rotated to the key's hue; pixels inside the acceptance wedge
/// get 1 − distance / gain, those within the cutoff angle 0; the result never exceeds the pixel's
/// alpha, and pixels outside the wedge keep it.
/// </summary>
public sealed class ChromaMatteOperation : PixelOperation
{
    /// <summary>Creates the operation: <paramref name="acceptance"/> and <paramref name="cutoff"/> are the node's tolerance and threshold angles (radians).</summary>
    public ChromaMatteOperation(float acceptance, float cutoff, float gain) : base(DataType.Value)
    {
        Acceptance = acceptance;
        Cutoff = cutoff;
        Gain = gain;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <summary>Acceptance angle (<c>tolerance</c>).</summary>
    public float Acceptance { get; }

    /// <summary>Cutoff angle (<c>threshold</c>).</summary>
    public float Cutoff { get; }

    /// <summary>Falloff divisor (<c>gain</c>).</summary>
    public float Gain { get; }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> o, in InputRows inputs, int width)
    {
        var image = inputs.In0;
        var key = inputs.In1;
        float tanHalf = MathF.Tan(Acceptance / 2f), halfCutoff = Cutoff / 2f, gain = Gain;
        for (int x = 0, i = 0; x < width; x++, i += 4)
        {
            float imageCb = image[i + 1] * 2f - 1f;
            float imageCr = image[i + 2] * 2f - 1f;
            float keyCb = key[i + 1] * 2f - 1f;
            float keyCr = key[i + 2] * 2f - 1f;
            float theta = (float)System.Math.Atan2(keyCr, keyCb);
            float cos = MathF.Cos(theta), sin = MathF.Sin(theta);
            float xAngle = imageCb * cos + imageCr * sin;
            float zAngle = imageCr * cos - imageCb * sin;
            float kfg = xAngle - MathF.Abs(zAngle) / tanHalf;
            float a = image[i + 3];
            if (kfg > 0f)
            {
                float beta = (float)System.Math.Atan2(zAngle, xAngle);
                float alpha = 1f - kfg / gain;
                if (MathF.Abs(beta) < halfCutoff) alpha = 0f;
                o[x] = alpha < a ? alpha : a;
            }
            else
            {
                o[x] = a;
            }
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Acceptance);
        hash.Add(Cutoff);
        hash.Add(Gain);
        return true;
    }
}
