using Compositor.Nodes.Filter.Glare;
using NUnit.Framework;

namespace Compositor.Nodes.Tests.Filter;

[TestFixture]
public class BatchFftTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    [TestCase(8)]
    [TestCase(12)]
    [TestCase(30)]
    [TestCase(45)]
    [TestCase(60)]
    [TestCase(100)]
    [TestCase(375)]
    public void EveryBatchLaneMatchesADirectDftInBothDirections(int n)
    {
        const int batch = BatchFft.Lanes * 2;
        var rng = new Random(n);
        var re = new float[n * batch];
        var im = new float[n * batch];
        for (int i = 0; i < re.Length; i++) { re[i] = (float)rng.NextDouble() - 0.5f; im[i] = (float)rng.NextDouble() - 0.5f; }
        var fr = (float[])re.Clone();
        var fi = (float[])im.Clone();
        var fft = new BatchFft(n);
        fft.Forward(fr, fi, new float[n * batch], new float[n * batch], batch);

        for (int b = 0; b < batch; b += 7)
        {
            for (int k = 0; k < n; k++)
            {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++)
                {
                    double a = -2 * Math.PI * j * k / n;
                    sr += re[j * batch + b] * Math.Cos(a) - im[j * batch + b] * Math.Sin(a);
                    si += re[j * batch + b] * Math.Sin(a) + im[j * batch + b] * Math.Cos(a);
                }

                Assert.That(fr[k * batch + b], Is.EqualTo(sr).Within(1e-4 * n), $"re k={k} b={b}");
                Assert.That(fi[k * batch + b], Is.EqualTo(si).Within(1e-4 * n), $"im k={k} b={b}");
            }
        }

        // The inverse (real and imaginary parts swapped) brings back n times the input.
        fft.Forward(fi, fr, new float[n * batch], new float[n * batch], batch);
        for (int i = 0; i < re.Length; i++)
        {
            Assert.That(fr[i] / n, Is.EqualTo(re[i]).Within(1e-5));
            Assert.That(fi[i] / n, Is.EqualTo(im[i]).Within(1e-5));
        }
    }

    [TestCase(7, 8)]
    [TestCase(2176, 2187)]
    [TestCase(1336, 1350)]
    public void GoodLengthIsASmoothLengthNoShorterThanAsked(int minimum, int atMost)
    {
        int n = BatchFft.GoodLength(minimum);
        Assert.That(BatchFft.IsSmooth(n), Is.True);
        Assert.That(n, Is.GreaterThanOrEqualTo(minimum).And.LessThanOrEqualTo(Math.Max(atMost, (int)(minimum * 1.1))));
    }

    [Test]
    public void RejectsLengthsWithOtherPrimeFactors() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BatchFft(14));
}
