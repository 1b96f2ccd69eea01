using Compositor.Imaging;
using Compositor.Nodes.Operations.Converter;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Color;

/// <summary>The Tonemap node's settings (Blender's NodeTonemap).</summary>
/// <param name="Photoreceptor">R/D Photoreceptor (true) or R/H Simple.</param>
/// <param name="Key">R/H: the key (target average luminance).</param>
/// <param name="Offset">R/H: offset added before the division.</param>
/// <param name="Gamma">R/H: gamma.</param>
/// <param name="Intensity">R/D: intensity.</param>
/// <param name="Contrast">R/D: contrast (0: from the image).</param>
/// <param name="Adaptation">R/D: light adaptation.</param>
/// <param name="Correction">R/D: chromatic correction.</param>
public readonly record struct TonemapSettings(bool Photoreceptor, float Key, float Offset, float Gamma, float Intensity, float Contrast, float Adaptation, float Correction);

/// <summary>
/// Tonemap (Blender's TonemapOperation and PhotoreceptorTonemapOperation). Whole-image statistics
/// of the input (average luminance and color, average log luminance, and the luminance range,
/// which, as in Blender's full-frame model, always includes 0) drive a per-pixel curve: R/H Simple
/// scales by key / exp(average log luminance), divides by (value + offset) and applies 1 / gamma;
/// R/D Photoreceptor divides each channel by itself plus (e^−intensity × adapted intensity)^m, the
/// adaptation mixing pixel and global values with the correction mixing channel and luminance.
/// Alpha is the input's. Its area of interest is the whole input.
/// </summary>
public sealed class TonemapOperation : NodeOperation
{
    private readonly object _lock = new();
    private (MemoryBuffer? Source, Statistics Value) _cache;

    /// <summary>Creates the operation.</summary>
    public TonemapOperation(TonemapSettings settings) : base(DataType.Color)
    {
        Settings = settings;
        AddInput(DataType.Color, ResizeMode.Align);
        Flags = OperationFlags.Complex;
    }

    /// <summary>The settings.</summary>
    public TonemapSettings Settings { get; }

    /// <summary>The image statistics the curve uses (Blender's AvgLogLum).</summary>
    /// <param name="AverageLuminance">Mean luminance (lav).</param>
    /// <param name="AverageColor">Mean color (cav).</param>
    /// <param name="AutoKey">(log max − mean log) / (log max − log min), or 1.</param>
    /// <param name="Scale">key / exp(mean log luminance) (al).</param>
    /// <param name="InverseGamma">1 / gamma (igm).</param>
    public readonly record struct Statistics(float AverageLuminance, (float R, float G, float B) AverageColor, float AutoKey, float Scale, float InverseGamma);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        Inputs[0].Link is { IsCanvasSet: true } producer ? producer.Canvas : outputArea;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context) => _cache = default;

    /// <inheritdoc />
    public override void DeinitializeExecution() => _cache = default;

    /// <summary>
    /// Blender's full-frame model sums the statistics in one horizontal band per worker thread and
    /// then adds the bands' sums; the references are rendered with 2 threads, and float sums depend
    /// on that grouping, so the image is summed in the same two bands.
    /// </summary>
    public const int StatisticsBands = 2;

    private struct Sums
    {
        public float Sum, SumR, SumG, SumB, LogSum, Min, Max;
        public long Pixels;
    }

    /// <summary>The statistics of <paramref name="input"/> over <paramref name="canvas"/> (a single element counts as a uniform image).</summary>
    public Statistics Measure(MemoryBuffer input, Rect canvas)
    {
        var rect = input.IsSingleElement ? canvas : input.Rect;
        var scratch = new float[System.Math.Max(1, rect.Width) * 4];
        var total = default(Sums);
        int height = rect.Height;
        int bands = System.Math.Min(StatisticsBands, height);
        int bandHeight = bands == 0 ? 0 : height / bands;
        int remaining = height - bandHeight * bands;
        int y = rect.YMin;
        for (int band = 0; band < bands; band++)
        {
            int rows = bandHeight + (remaining-- > 0 ? 1 : 0);
            var sums = default(Sums);
            for (int end = y + rows; y < end; y++)
            {
                var row = input.ReadRow(y, rect.XMin, rect.Width, scratch);
                for (int i = 0; i < rect.Width * 4; i += 4)
                {
                    float l = ColorToBwOperation.Luminance(row[i], row[i + 1], row[i + 2]);
                    sums.Sum += l;
                    sums.SumR += row[i];
                    sums.SumG += row[i + 1];
                    sums.SumB += row[i + 2];
                    sums.LogSum += MathF.Log(MathF.Max(l, 0f) + 1e-5f);
                    sums.Max = l > sums.Max ? l : sums.Max;
                    sums.Min = l < sums.Min ? l : sums.Min;
                    sums.Pixels++;
                }
            }

            total.Sum += sums.Sum;
            total.SumR += sums.SumR;
            total.SumG += sums.SumG;
            total.SumB += sums.SumB;
            total.LogSum += sums.LogSum;
            total.Max = total.Max > sums.Max ? total.Max : sums.Max;
            total.Min = total.Min < sums.Min ? total.Min : sums.Min;
            total.Pixels += sums.Pixels;
        }

        long pixels = System.Math.Max(1, total.Pixels);
        float inverseCount = 1f / pixels;
        float maxLog = (float)System.Math.Log(total.Max + 1e-5);
        float minLog = (float)System.Math.Log(total.Min + 1e-5);
        float averageLog = total.LogSum / pixels;
        float autoKey = maxLog > minLog ? (maxLog - averageLog) / (maxLog - minLog) : 1f;
        float al = (float)System.Math.Exp(averageLog);
        return new Statistics(
            total.Sum / pixels,
            (total.SumR * inverseCount, total.SumG * inverseCount, total.SumB * inverseCount),
            autoKey,
            al == 0f ? 0f : Settings.Key / al,
            Settings.Gamma == 0f ? 1f : 1f / Settings.Gamma);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var input = inputs[0];
        Statistics stats;
        lock (_lock)
        {
            if (!ReferenceEquals(_cache.Source, input))
                _cache = (input, Measure(input, Inputs[0].Link?.Canvas ?? area));
            stats = _cache.Value;
        }

        var o = output!;
        var scratch = new float[area.Width * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = input.ReadRow(y, area.XMin, area.Width, scratch);
            var outRow = o.GetRow(y, area.XMin, area.Width);
            if (Settings.Photoreceptor) Photoreceptor(outRow, row, stats);
            else Simple(outRow, row, stats);
        }
    }

    private void Simple(Span<float> o, ReadOnlySpan<float> c, in Statistics s)
    {
        float igm = s.InverseGamma;
        float offset = Settings.Offset;
        for (int i = 0; i < o.Length; i += 4)
        {
            for (int k = 0; k < 3; k++)
            {
                float v = c[i + k] * s.Scale;
                float d = v + offset;
                v /= d == 0f ? 1f : d;
                if (igm != 0f) v = MathF.Pow(MathF.Max(v, 0f), igm);
                o[i + k] = v;
            }

            o[i + 3] = c[i + 3];
        }
    }

    private void Photoreceptor(Span<float> o, ReadOnlySpan<float> c, in Statistics s)
    {
        float f = MathF.Exp(-Settings.Intensity);
        float m = Settings.Contrast > 0f ? Settings.Contrast : 0.3f + 0.7f * MathF.Pow(s.AutoKey, 1.4f);
        float ic = 1f - Settings.Correction;
        float ia = 1f - Settings.Adaptation;
        float lav = s.AverageLuminance;
        var (cavR, cavG, cavB) = s.AverageColor;
        for (int i = 0; i < o.Length; i += 4)
        {
            float r = c[i], g = c[i + 1], b = c[i + 2];
            float l = ColorToBwOperation.Luminance(r, g, b);
            o[i] = Channel(r, l, cavR);
            o[i + 1] = Channel(g, l, cavG);
            o[i + 2] = Channel(b, l, cavB);
            o[i + 3] = c[i + 3];
        }

        float Channel(float v, float l, float cav)
        {
            float local = v + ic * (l - v);
            float global = cav + ic * (lav - cav);
            float adapted = local + ia * (global - local);
            return v / (v + MathF.Pow(f * adapted, m));
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Settings);
        return true;
    }
}
