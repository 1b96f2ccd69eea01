using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Despeckle (Blender's DespeckleOperation): a pixel is replaced when enough of its eight
/// neighbours differ from it. Each neighbour weighs 1 (edge-adjacent) or √½ (diagonal); the
/// neighbours differing from the centre by more than <c>threshold</c> in some colour channel are
/// averaged by weight. When their weight share exceeds <c>threshold_neighbor</c> and the weighted
/// mean of all eight neighbours also differs from the centre, the output mixes the centre towards
/// that average by the factor; otherwise the pixel is kept. Neighbours beyond the canvas repeat the
/// edge pixel.
/// </summary>
public sealed partial class DespeckleOperation : NodeOperation
{
    /// <summary>The image input.</summary>
    public const int ImageInput = 0;

    /// <summary>The factor input.</summary>
    public const int FactorInput = 1;

    private const float Diagonal = 0.70710678118654752f;
    private const float TotalWeight = 4f + 4f * Diagonal;

    /// <summary>Creates the operation.</summary>
    public DespeckleOperation(float threshold, float thresholdNeighbor) : base(DataType.Color)
    {
        Threshold = threshold;
        ThresholdNeighbor = thresholdNeighbor;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        CanvasInputIndex = ImageInput;
        Flags = OperationFlags.Complex;
    }

    /// <summary>Largest channel difference at which two colours still count as equal.</summary>
    public float Threshold { get; }

    /// <summary>Share of differing neighbours (by weight) that must be exceeded.</summary>
    public float ThresholdNeighbor { get; }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == ImageInput ? outputArea.Expand(1, 1) : outputArea;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Threshold);
        hash.Add(ThresholdNeighbor);
        return true;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var image = inputs[ImageInput];
        var factor = inputs[FactorInput];
        var canvas = Canvas;
        int width = area.Width;
        var data = image.DangerousGetArray();
        int elem = image.IsSingleElement ? 0 : 4;
        float t = Threshold, tn = ThresholdNeighbor;
        float[] facScratch = new float[width];
        Span<int> taps = stackalloc int[8];
        Span<float> weights = [Diagonal, 1f, Diagonal, 1f, 1f, Diagonal, 1f, Diagonal];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            int yd = Math.Max(y - 1, canvas.YMin), yu = Math.Min(y + 1, canvas.YMax - 1);
            int rd = image.IndexOf(area.XMin, yd), rm = image.IndexOf(area.XMin, y), ru = image.IndexOf(area.XMin, yu);
            var fac = factor.ReadRow(y, area.XMin, width, facScratch);
            var dst = o.GetRow(y, area.XMin, width);
            for (int i = 0; i < width; i++)
            {
                int x = area.XMin + i;
                int l = x > canvas.XMin ? -elem : 0, r = x < canvas.XMax - 1 ? elem : 0;
                int c = i * elem;
                int m = rm + c;
                taps[0] = rd + c + l; taps[1] = rd + c; taps[2] = rd + c + r;
                taps[3] = m + l; taps[4] = m + r;
                taps[5] = ru + c + l; taps[6] = ru + c; taps[7] = ru + c + r;

                float c0 = data[m], c1 = data[m + 1], c2 = data[m + 2], c3 = data[m + 3];
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, k0 = 0, k1 = 0, k2 = 0, k3 = 0, w = 0;
                for (int n = 0; n < 8; n++)
                {
                    int p = taps[n];
                    float wn = weights[n];
                    float v0 = data[p], v1 = data[p + 1], v2 = data[p + 2], v3 = data[p + 3];
                    a0 += v0 * wn; a1 += v1 * wn; a2 += v2 * wn; a3 += v3 * wn;
                    if (Differs(v0, v1, v2, c0, c1, c2, t))
                    {
                        w += wn;
                        k0 += v0 * wn; k1 += v1 * wn; k2 += v2 * wn; k3 += v3 * wn;
                    }
                }

                float inv = 1f / TotalWeight;
                var d = dst.Slice(i * 4, 4);
                if (w != 0f && w / TotalWeight > tn && Differs(a0 * inv, a1 * inv, a2 * inv, c0, c1, c2, t))
                {
                    float f = fac[i], g = 1f - f, iw = 1f / w;
                    d[0] = g * c0 + f * (k0 * iw);
                    d[1] = g * c1 + f * (k1 * iw);
                    d[2] = g * c2 + f * (k2 * iw);
                    d[3] = g * c3 + f * (k3 * iw);
                }
                else
                {
                    d[0] = c0; d[1] = c1; d[2] = c2; d[3] = c3;
                }
            }
        }
    }

    private static bool Differs(float a0, float a1, float a2, float b0, float b1, float b2, float t) =>
        MathF.Abs(a0 - b0) > t || MathF.Abs(a1 - b1) > t || MathF.Abs(a2 - b2) > t;
}
