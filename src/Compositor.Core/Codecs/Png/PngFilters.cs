using System.Numerics;

namespace Compositor.Codecs.Png;

/// <summary>The five PNG row filters (PNG specification section 9): None, Sub, Up, Average, Paeth.</summary>
internal static class PngFilters
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>
    /// Undoes filter <paramref name="filter"/> on <paramref name="row"/> in place, given the already
    /// unfiltered <paramref name="previous"/> row (zeros for a first row) and the byte distance
    /// <paramref name="stride"/> to the same sample of the pixel to the left.
    /// </summary>
    public static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        switch (filter)
        {
            case None:
                break;
            case Sub:
                for (int i = stride; i < row.Length; i++) row[i] += row[i - stride];
                break;
            case Up:
                AddVectorized(row, previous);
                break;
            case Average:
                for (int i = 0; i < stride; i++) row[i] += (byte)(previous[i] >> 1);
                for (int i = stride; i < row.Length; i++) row[i] += (byte)((row[i - stride] + previous[i]) >> 1);
                break;
            case Paeth:
                // Left and up-left are zero for the first pixel, where Paeth picks "up".
                for (int i = 0; i < stride; i++) row[i] += previous[i];
                for (int i = stride; i < row.Length; i++)
                    row[i] += (byte)PngFormat.Paeth(row[i - stride], previous[i], previous[i - stride]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG filter types are 0..4");
        }
    }

    private static void AddVectorized(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<byte>.Count <= row.Length; i += Vector<byte>.Count)
            {
                var sum = new Vector<byte>(row[i..]) + new Vector<byte>(previous[i..]);
                sum.CopyTo(row[i..]);
            }
        }
        for (; i < row.Length; i++) row[i] += previous[i];
    }

    /// <summary>
    /// Writes <paramref name="row"/> filtered with <paramref name="filter"/> into <paramref name="output"/>
    /// (same length), given the unfiltered <paramref name="previous"/> row. Encoding has no serial
    /// dependency (every input is an unfiltered byte), so each filter runs in SIMD vectors with a
    /// scalar tail.
    /// </summary>
    public static void Apply(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        int width = Vector<byte>.Count;
        int vectorEnd = Vector.IsHardwareAccelerated ? row.Length - width : -1;
        switch (filter)
        {
            case None:
                row.CopyTo(output);
                break;
            case Sub:
            {
                row[..stride].CopyTo(output);
                int i = stride;
                for (; i <= vectorEnd; i += width)
                    (new Vector<byte>(row[i..]) - new Vector<byte>(row[(i - stride)..])).CopyTo(output[i..]);
                for (; i < row.Length; i++) output[i] = (byte)(row[i] - row[i - stride]);
                break;
            }
            case Up:
            {
                int i = 0;
                for (; i <= vectorEnd; i += width)
                    (new Vector<byte>(row[i..]) - new Vector<byte>(previous[i..])).CopyTo(output[i..]);
                for (; i < row.Length; i++) output[i] = (byte)(row[i] - previous[i]);
                break;
            }
            case Average:
            {
                for (int k = 0; k < stride; k++) output[k] = (byte)(row[k] - (previous[k] >> 1));
                int i = stride;
                for (; i <= vectorEnd; i += width)
                {
                    var left = new Vector<byte>(row[(i - stride)..]);
                    var up = new Vector<byte>(previous[i..]);
                    // floor((left + up) / 2) without overflowing a byte.
                    var average = (left & up) + Vector.ShiftRightLogical(left ^ up, 1);
                    (new Vector<byte>(row[i..]) - average).CopyTo(output[i..]);
                }
                for (; i < row.Length; i++) output[i] = (byte)(row[i] - ((row[i - stride] + previous[i]) >> 1));
                break;
            }
            case Paeth:
            {
                for (int k = 0; k < stride; k++) output[k] = (byte)(row[k] - previous[k]);
                int i = stride;
                for (; i <= vectorEnd; i += width)
                {
                    var prediction = PaethVector(new Vector<byte>(row[(i - stride)..]), new Vector<byte>(previous[i..]), new Vector<byte>(previous[(i - stride)..]));
                    (new Vector<byte>(row[i..]) - prediction).CopyTo(output[i..]);
                }
                for (; i < row.Length; i++)
                    output[i] = (byte)(row[i] - PngFormat.Paeth(row[i - stride], previous[i], previous[i - stride]));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG filter types are 0..4");
        }
    }

    /// <summary>The Paeth predictor on whole vectors, computed in 16-bit lanes.</summary>
    private static Vector<byte> PaethVector(Vector<byte> left, Vector<byte> up, Vector<byte> upLeft)
    {
        Vector.Widen(left, out var leftLow, out var leftHigh);
        Vector.Widen(up, out var upLow, out var upHigh);
        Vector.Widen(upLeft, out var upLeftLow, out var upLeftHigh);
        var low = PaethVector(Vector.AsVectorInt16(leftLow), Vector.AsVectorInt16(upLow), Vector.AsVectorInt16(upLeftLow));
        var high = PaethVector(Vector.AsVectorInt16(leftHigh), Vector.AsVectorInt16(upHigh), Vector.AsVectorInt16(upLeftHigh));
        return Vector.Narrow(Vector.AsVectorUInt16(low), Vector.AsVectorUInt16(high));
    }

    private static Vector<short> PaethVector(Vector<short> a, Vector<short> b, Vector<short> c)
    {
        // With p = a + b - c: |p - a| = |b - c|, |p - b| = |a - c|, |p - c| = |(b - c) + (a - c)|.
        var fromUp = b - c;
        var fromLeft = a - c;
        var distanceLeft = Vector.Abs(fromUp);
        var distanceUp = Vector.Abs(fromLeft);
        var distanceUpLeft = Vector.Abs(fromUp + fromLeft);
        var pickLeft = Vector.LessThanOrEqual(distanceLeft, distanceUp) & Vector.LessThanOrEqual(distanceLeft, distanceUpLeft);
        var pickUp = Vector.LessThanOrEqual(distanceUp, distanceUpLeft);
        return Vector.ConditionalSelect(pickLeft, a, Vector.ConditionalSelect(pickUp, b, c));
    }

    /// <summary>
    /// The "minimum sum of absolute differences" cost of a filtered row: bytes read as signed
    /// values, so small residuals either side of zero score low. A cheap proxy for how well deflate
    /// will compress the row, recommended by the PNG specification.
    /// </summary>
    public static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<byte>.Count;
            // Each step adds at most 2 x 128 to a 16-bit lane, so flush to the total every 200 steps.
            const int StepsPerFlush = 200;
            while (i <= filtered.Length - width)
            {
                var lanes = Vector<ushort>.Zero;
                for (int step = 0; step < StepsPerFlush && i <= filtered.Length - width; step++, i += width)
                {
                    var magnitude = Vector.AsVectorByte(Vector.Abs(Vector.AsVectorSByte(new Vector<byte>(filtered[i..]))));
                    Vector.Widen(magnitude, out var low, out var high);
                    lanes += low + high;
                }
                Vector.Widen(lanes, out var lanesLow, out var lanesHigh);
                sum += Vector.Sum(lanesLow + lanesHigh);
            }
        }
        for (; i < filtered.Length; i++)
        {
            int residual = (sbyte)filtered[i];
            sum += residual < 0 ? -residual : residual;
        }
        return sum;
    }
}
