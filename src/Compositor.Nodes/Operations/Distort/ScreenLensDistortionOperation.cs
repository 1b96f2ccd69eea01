using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Compositor.Imaging;
using Compositor.Imaging.Sampling;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Distort;

/// <summary>
/// The Lens Distortion node's screen mode (Blender 3.4's full-frame ScreenLensDistortionOperation):
/// radial distortion with chromatic dispersion. Red, green and blue get the coefficients
/// <c>k + d</c>, <c>k</c>, <c>k − d</c> (k = distortion clamped to [−0.999, 1], d = dispersion
/// clamped to [0, 1] / 4); a pixel at normalised radius r reads along the ray between the
/// colours' distorted positions, <c>p = (uv / (1 + √(1 − 4k·r²)) + ½) · size − ½</c>, with as many
/// bilinear samples as the positions lie pixels apart (random offsets with jitter), the samples
/// weighted linearly between the two colours they blend. Pixels whose distortion has no solution
/// are transparent black; the others get alpha 1. <c>fit</c> scales the image to keep it inside the
/// frame for positive distortion.
/// </summary>
/// <remarks>
/// The canvas is the image's moved to the origin. The Distort and Dispersion inputs are used only
/// as constants: a linked varying input counts as 0, and (as in Blender) a linked dispersion is
/// read only when the distortion is a constant too. Blender's jitter is random per render; here it
/// is a fixed per-pixel sequence, so results repeat.
/// </remarks>
public sealed class ScreenLensDistortionOperation : NodeOperation
{
    private readonly float? _fixedDistortion;
    private readonly float? _fixedDispersion;
    private readonly float[] _k = new float[3];
    private readonly float[] _k4 = new float[3];
    private readonly float[] _dk4 = new float[3];
    private float _sc = 1f;
    private float _cx;
    private float _cy;

    /// <summary>Creates the operation.</summary>
    /// <param name="fit">Scale to fit (Blender's fit).</param>
    /// <param name="jitter">Jittered sampling (Blender's jit).</param>
    /// <param name="distortion">The Distort socket's value when unlinked, else null (read from the input).</param>
    /// <param name="dispersion">The Dispersion socket's value when unlinked, else null.</param>
    public ScreenLensDistortionOperation(bool fit, bool jitter, float? distortion, float? dispersion) : base(DataType.Color)
    {
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
        Fit = fit;
        Jitter = jitter;
        _fixedDistortion = distortion;
        _fixedDispersion = dispersion;
        Flags = OperationFlags.Complex | OperationFlags.SampledInputs;
        CanvasInputIndex = 0;
    }

    /// <summary>Scale to fit.</summary>
    public bool Fit { get; }

    /// <summary>Jittered sampling.</summary>
    public bool Jitter { get; }

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined) => determined.Translate(-determined.XMin, -determined.YMin);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == 0 ? ImageCanvas : Rect.Empty;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        _cx = 0.5f * Canvas.Width;
        _cy = 0.5f * Canvas.Height;
        float distortion = _fixedDistortion ?? ConstantInputs.ValueOr(Inputs[1], 0f);
        float dispersion = _fixedDispersion
            ?? (ConstantInputs.IsConstant(Inputs[1]) ? ConstantInputs.ValueOr(Inputs[2], 0f) : 0f);
        UpdateVariables(distortion, dispersion);
    }

    private void UpdateVariables(float distortion, float dispersion)
    {
        _k[1] = MathF.Max(MathF.Min(distortion, 1f), -0.999f);
        float d = 0.25f * MathF.Max(MathF.Min(dispersion, 1f), 0f);
        _k[0] = MathF.Max(MathF.Min(_k[1] + d, 1f), -0.999f);
        _k[2] = MathF.Max(MathF.Min(_k[1] - d, 1f), -0.999f);
        float maxk = MathF.Max(_k[0], MathF.Max(_k[1], _k[2]));
        _sc = Fit && maxk > 0f ? 1f / (1f + 2f * maxk) : 1f / (1f + maxk);
        _dk4[0] = 4f * (_k[1] - _k[0]);
        _dk4[1] = 4f * (_k[2] - _k[1]);
        _dk4[2] = 0f;
        for (int i = 0; i < 3; i++) _k4[i] = _k[i] * 4f;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var sampler = new Sampler(input, ImageCanvas);
        float width = Canvas.Width, height = Canvas.Height;
        int w = area.Width;
        Span<float> delta = stackalloc float[6];
        Span<float> sum = stackalloc float[4];
        Span<int> count = stackalloc int[3];
        if (!Jitter && _dk4[0] == 0f && _dk4[1] == 0f)
        {
            ExecuteWithoutDispersion(o, area, sampler, width, height);
            return;
        }

        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            for (int i = 0; i < w; i++)
            {
                int x = area.XMin + i;
                float uvx = _sc * ((x + 0.5f) - _cx) / _cx;
                float uvy = _sc * ((y + 0.5f) - _cy) / _cy;
                float rsq = uvx * uvx + uvy * uvy;
                var out4 = dst.Slice(i * 4, 4);
                bool valid = true;
                for (int c = 0; c < 3; c++)
                {
                    float t = 1f - _k4[c] * rsq;
                    if (t < 0f)
                    {
                        valid = false;
                        break;
                    }

                    Distort(uvx, uvy, t, width, height, out delta[c * 2], out delta[c * 2 + 1]);
                }

                if (!valid)
                {
                    out4.Clear();
                    continue;
                }

                sum.Clear();
                count.Clear();
                var random = new BlenderRandom(PixelSeed(x, y));
                Accumulate(sampler, 0, 1, rsq, uvx, uvy, delta, sum, count, ref random, width, height);
                Accumulate(sampler, 1, 2, rsq, uvx, uvy, delta, sum, count, ref random, width, height);
                out4.Clear();
                for (int c = 0; c < 3; c++)
                    if (count[c] != 0) out4[c] = 2f * sum[c] / count[c];
                out4[3] = 1f;
            }
        }
    }

    /// <summary>
    /// Without dispersion or jitter every channel is distorted alike and sampled once at the middle
    /// of its (empty) dispersion range: the sums above reduce to one bilinear sample per pixel, to
    /// the bit (2 · ½c / 1 and 2 · (½c + ½c) / 2 are c exactly), so it is taken directly.
    /// </summary>
    private void ExecuteWithoutDispersion(MemoryBuffer o, Rect area, in Sampler sampler, float width, float height)
    {
        int w = area.Width;
        float k4 = _k4[0];
        var columns = new float[w];
        for (int i = 0; i < w; i++) columns[i] = _sc * ((area.XMin + i + 0.5f) - _cx) / _cx;
        var xs = new float[w];
        var ys = new float[w];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = o.GetRow(y, area.XMin, w);
            float uvy = _sc * ((y + 0.5f) - _cy) / _cy;
            float uvySq = uvy * uvy;
            bool anyInvalid = false;
            int p = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Distort for eight pixels at once: the same operations per lane, so the same positions.
                var k4v = Vector256.Create(k4);
                var uvySqV = Vector256.Create(uvySq);
                var uvyV = Vector256.Create(uvy);
                var widthV = Vector256.Create(width);
                var heightV = Vector256.Create(height);
                var half = Vector256.Create(0.5f);
                var one = Vector256<float>.One;
                var invalid = Vector256<float>.Zero;
                for (; p + 8 <= w; p += 8)
                {
                    var uvx = Vector256.Create(columns.AsSpan(p, 8));
                    var t = one - k4v * (uvx * uvx + uvySqV);
                    invalid |= Vector256.LessThan(t, Vector256<float>.Zero);
                    var d = one / (one + Vector256.Sqrt(t));
                    ((uvx * d + half) * widthV - half).CopyTo(xs.AsSpan(p, 8));
                    ((uvyV * d + half) * heightV - half).CopyTo(ys.AsSpan(p, 8));
                }

                anyInvalid = invalid != Vector256<float>.Zero;
            }

            for (; p < w; p++)
            {
                float uvx = columns[p];
                float t = 1f - k4 * (uvx * uvx + uvySq);
                anyInvalid |= t < 0f;
                Distort(uvx, uvy, t, width, height, out xs[p], out ys[p]);
            }

            sampler.Bilinear4Row(xs, ys, dst);
            for (int i = 3; i < dst.Length; i += 4) dst[i] = 1f;
            if (!anyInvalid) continue;
            // No solution: transparent black.
            for (int i = 0; i < w; i++)
                if (1f - k4 * (columns[i] * columns[i] + uvySq) < 0f) dst.Slice(i * 4, 4).Clear();
        }
    }

    private static uint PixelSeed(int x, int y) => unchecked((uint)(x * 73856093) ^ (uint)(y * 19349663));

    private static void Distort(float uvx, float uvy, float t, float width, float height, out float x, out float y)
    {
        float d = 1f / (1f + MathF.Sqrt(t));
        x = (uvx * d + 0.5f) * width - 0.5f;
        y = (uvy * d + 0.5f) * height - 0.5f;
    }

    private void Accumulate(in Sampler sampler, int a, int b, float rsq, float uvx, float uvy, ReadOnlySpan<float> delta,
        Span<float> sum, Span<int> count, ref BlenderRandom random, float width, float height)
    {
        float ddx = delta[a * 2] - delta[b * 2], ddy = delta[a * 2 + 1] - delta[b * 2 + 1];
        float dsf = MathF.Sqrt(ddx * ddx + ddy * ddy) + 1f;
        int ds = Jitter ? (dsf < 4f ? 2 : (int)MathF.Sqrt(dsf)) : (int)dsf;
        float sd = 1f / ds;
        float k4 = _k4[a], dk4 = _dk4[a];
        for (float z = 0; z < ds; z++)
        {
            float tz = (z + (Jitter ? random.NextFloat() : 0.5f)) * sd;
            float t = 1f - (k4 + tz * dk4) * rsq;
            Distort(uvx, uvy, t, width, height, out float sx, out float sy);
            Vector128<float> color = sampler.Bilinear4(sx, sy);
            sum[a] += (1f - tz) * color.GetElement(a);
            sum[b] += tz * color.GetElement(b);
            count[a]++;
            count[b]++;
        }
    }

    private Rect ImageCanvas => Inputs[0].Link is { IsCanvasSet: true } p ? p.Canvas : Canvas;

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Fit);
        hash.Add(Jitter);
        hash.Add(_fixedDistortion ?? float.NaN);
        hash.Add(_fixedDispersion ?? float.NaN);
        return true;
    }
}
