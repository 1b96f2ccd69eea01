using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter.Glare;

/// <summary>
/// Keeps the highlights the glare works on (Blender's GlareThresholdOperation): a pixel whose
/// luminance reaches the threshold loses the threshold from each color channel (clamped at zero),
/// any other pixel becomes black; alpha passes. The canvas is the input's divided by the quality
/// scale (integer division), the input being fitted into it (FitAny).
/// </summary>
public sealed class GlareThresholdOperation : PixelOperation
{
    private readonly float _threshold;
    private readonly int _qualityScale;

    /// <summary>Creates the operation.</summary>
    public GlareThresholdOperation(float threshold, int qualityScale) : base(DataType.Color)
    {
        _threshold = threshold;
        _qualityScale = qualityScale;
        AddInput(DataType.Color, ResizeMode.FitAny);
    }

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined) =>
        determined with { XMax = determined.XMin + determined.Width / _qualityScale, YMax = determined.YMin + determined.Height / _qualityScale };

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var src = inputs.In0;
        float t = _threshold;
        for (int i = 0; i < width * 4; i += 4)
        {
            float r = src[i], g = src[i + 1], b = src[i + 2];
            if (0.2126f * r + 0.7152f * g + 0.0722f * b >= t)
            {
                output[i] = MathF.Max(r - t, 0f);
                output[i + 1] = MathF.Max(g - t, 0f);
                output[i + 2] = MathF.Max(b - t, 0f);
            }
            else
            {
                output[i] = output[i + 1] = output[i + 2] = 0f;
            }

            output[i + 3] = src[i + 3];
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_threshold);
        hash.Add(_qualityScale);
        return true;
    }
}
