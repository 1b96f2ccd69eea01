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
    /// (same length), given the unfiltered <paramref name="previous"/> row.
    /// </summary>
    public static void Apply(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        switch (filter)
        {
            case None:
                row.CopyTo(output);
                break;
            case Sub:
                row[..stride].CopyTo(output);
                for (int i = stride; i < row.Length; i++) output[i] = (byte)(row[i] - row[i - stride]);
                break;
            case Up:
                for (int i = 0; i < row.Length; i++) output[i] = (byte)(row[i] - previous[i]);
                break;
            case Average:
                for (int i = 0; i < stride; i++) output[i] = (byte)(row[i] - (previous[i] >> 1));
                for (int i = stride; i < row.Length; i++) output[i] = (byte)(row[i] - ((row[i - stride] + previous[i]) >> 1));
                break;
            case Paeth:
                for (int i = 0; i < stride; i++) output[i] = (byte)(row[i] - previous[i]);
                for (int i = stride; i < row.Length; i++)
                    output[i] = (byte)(row[i] - PngFormat.Paeth(row[i - stride], previous[i], previous[i - stride]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG filter types are 0..4");
        }
    }

    /// <summary>
    /// The "minimum sum of absolute differences" cost of a filtered row: bytes read as signed
    /// values, so small residuals either side of zero score low. A cheap proxy for how well deflate
    /// will compress the row, recommended by the PNG specification.
    /// </summary>
    public static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            int residual = (sbyte)b;
            sum += residual < 0 ? -residual : residual;
        }
        return sum;
    }
}
