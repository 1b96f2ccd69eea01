using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Operations.Converter;

/// <summary>The channel the Levels node measures (its <c>channel</c> property).</summary>
public enum LevelsChannel
{
    /// <summary>Rec.709 luminance of R, G, B (<c>COMBINED_RGB</c>).</summary>
    CombinedRgb,

    /// <summary>Red.</summary>
    Red,

    /// <summary>Green.</summary>
    Green,

    /// <summary>Blue.</summary>
    Blue,

    /// <summary>The Y of BT.709 YUV (<c>LUMINANCE</c>).</summary>
    Luminance,
}

/// <summary>Which statistic a <see cref="LevelsOperation"/> outputs.</summary>
public enum LevelsStatistic
{
    /// <summary>The mean (Blender's CalculateMeanOperation).</summary>
    Mean,

    /// <summary>The sample standard deviation, n − 1 in the denominator (CalculateStandardDeviationOperation).</summary>
    StandardDeviation,
}

/// <summary>
/// A statistic of one channel over the whole input image, output as a constant value over the
/// input's canvas. Only pixels with alpha above 0 count; no pixels give 0, one pixel a deviation of 0.
/// </summary>
public sealed class LevelsOperation : NodeOperation
{
    private readonly object _gate = new();
    private float? _result;

    /// <summary>Creates the operation.</summary>
    public LevelsOperation(LevelsChannel channel, LevelsStatistic statistic) : base(DataType.Value)
    {
        Channel = channel;
        Statistic = statistic;
        AddInput(DataType.Color, ResizeMode.None);
        Flags = OperationFlags.Complex;
    }

    /// <summary>The channel measured.</summary>
    public LevelsChannel Channel { get; }

    /// <summary>The statistic output.</summary>
    public LevelsStatistic Statistic { get; }

    /// <summary>Parses Blender's <c>channel</c> identifier; null when unknown.</summary>
    public static LevelsChannel? ParseChannel(string s) => s switch
    {
        "COMBINED_RGB" => LevelsChannel.CombinedRgb,
        "RED" => LevelsChannel.Red,
        "GREEN" => LevelsChannel.Green,
        "BLUE" => LevelsChannel.Blue,
        "LUMINANCE" => LevelsChannel.Luminance,
        _ => null,
    };

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        Inputs[inputIndex].Link is { IsCanvasSet: true } producer ? producer.Canvas : outputArea;

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        lock (_gate) _result = null;
    }

    /// <summary>The statistic of <paramref name="image"/> (a color buffer).</summary>
    public static float Compute(MemoryBuffer image, LevelsChannel channel, LevelsStatistic statistic)
    {
        // Pass 1: sum and count; pass 2 (deviation): squared distances from the mean.
        double sum = 0;
        long count = 0;
        var values = new float[System.Math.Max(1, image.IsSingleElement ? 1 : image.Width)];
        int rows = image.IsSingleElement ? 1 : image.Height;
        for (int row = 0; row < rows; row++)
        {
            int n = RowValues(image, row, channel, values);
            for (int i = 0; i < n; i++) sum += values[i];
            count += n;
        }

        float mean = count == 0 ? 0f : (float)(sum / count);
        if (statistic == LevelsStatistic.Mean) return mean;
        if (count <= 1) return 0f;
        double squares = 0;
        for (int row = 0; row < rows; row++)
        {
            int n = RowValues(image, row, channel, values);
            for (int i = 0; i < n; i++)
            {
                float d = values[i] - mean;
                squares += d * d;
            }
        }

        return MathF.Sqrt((float)(squares / (count - 1)));
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        float value;
        lock (_gate)
        {
            _result ??= Compute(inputs[0], Channel, Statistic);
            value = _result.Value;
        }

        var o = output!;
        if (o.IsSingleElement)
        {
            o.DangerousGetArray()[0] = value;
            return;
        }

        for (int y = area.YMin; y < area.YMax; y++) o.GetRow(y, area.XMin, area.Width).Fill(value);
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(Channel);
        hash.Add(Statistic);
        return true;
    }

    /// <summary>The measured channel of every pixel of row <paramref name="row"/> whose alpha is above 0, packed into <paramref name="values"/>; returns how many.</summary>
    private static int RowValues(MemoryBuffer image, int row, LevelsChannel channel, float[] values)
    {
        var p = image.IsSingleElement ? image.SingleElement : image.GetRow(image.Rect.YMin + row, image.Rect.XMin, image.Width);
        int n = 0;
        for (int i = 0; i + 3 < p.Length; i += 4)
            if (p[i + 3] > 0f) values[n++] = Value(p, i, channel);
        return n;
    }

    private static float Value(ReadOnlySpan<float> p, int i, LevelsChannel channel) => channel switch
    {
        LevelsChannel.Red => p[i],
        LevelsChannel.Green => p[i + 1],
        LevelsChannel.Blue => p[i + 2],
        LevelsChannel.Luminance => 0.2126f * p[i] + 0.7152f * p[i + 1] + 0.0722f * p[i + 2],
        _ => ColorToBwOperation.Luminance(p[i], p[i + 1], p[i + 2]),
    };
}
