using Compositor.Imaging;

namespace Compositor.Conformance.Tests;

/// <summary>The conformance tolerance rule (shared/conformance/README.md): RMSE and 99.9th percentile of the error over R, G, B, A.</summary>
public sealed record ImageComparison(double Rmse, double P999, double MaxError, int NaNs)
{
    /// <summary>
    /// Compares two RGBA float arrays of equal size. With <paramref name="relativeAbove1"/> an error is
    /// |a - e| / max(1, |e|). NaN in the actual image counts as an error of 1.
    /// </summary>
    public static ImageComparison Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, bool relativeAbove1)
    {
        if (expected.Length != actual.Length) throw new ArgumentException("sizes differ");
        var errors = new float[expected.Length];
        double sum = 0;
        int nans = 0;
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            float err;
            if (float.IsNaN(a) || float.IsNaN(e)) { err = 1f; nans++; }
            else
            {
                err = MathF.Abs(a - e);
                if (relativeAbove1) err /= MathF.Max(1f, MathF.Abs(e));
            }

            errors[i] = err;
            sum += (double)err * err;
            max = MathF.Max(max, err);
        }

        Array.Sort(errors);
        // Linear interpolation between order statistics, as numpy.percentile does by default.
        double rank = 0.999 * (errors.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, errors.Length - 1);
        double p999 = errors[lo] + (errors[hi] - errors[lo]) * (rank - lo);
        return new ImageComparison(Math.Sqrt(sum / Math.Max(1, expected.Length)), p999, max, nans);
    }

    /// <summary>Top-down RGBA floats of a rendered buffer (the row order files use).</summary>
    public static float[] TopDown(MemoryBuffer image) => Rendering.ImageExport.ToFileOrder(image, display: false);

    /// <inheritdoc />
    public override string ToString() => $"rmse {Rmse:G4}, p99.9 {P999:G4}, max {MaxError:G4}{(NaNs > 0 ? $", {NaNs} NaN" : "")}";
}
