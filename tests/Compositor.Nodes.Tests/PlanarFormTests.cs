using Compositor.Imaging;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Mix;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests;

/// <summary>
/// Operations with a planar form (<see cref="PixelOperation.HasPlanarForm"/>) must give the same bits
/// on channel planes as on pixels, at widths with and without vector blocks: a fused chain switches
/// between the two by its steps. (A NaN may come out with another payload: which operand of a sum
/// the JIT puts first decides it, in the row form's vector and scalar paths alike.) Inputs are a conformance photo stretched to −0.5..2.5 with its alpha
/// varied (0, 1 and between), per-pixel parameters varying, and some NaN and infinite samples.
/// </summary>
public class PlanarFormTests
{
    private static readonly int[] Widths = [1, 15, 16, 37, 100];

    private static float[] Photo(int width, int seed)
    {
        var image = ConformanceImages.Read("chelsea_240x160.png");
        var random = new Random(seed);
        var pixels = new float[4 * width];
        for (int i = 0; i < pixels.Length; i++)
        {
            float v = image.Pixels[(40 * image.Width + 30) * 4 + i];
            pixels[i] = (i & 3) == 3 ? (i / 4 % 3) switch { 0 => 1f, 1 => 0f, _ => v * 0.8f } : v * 3f - 0.5f;
        }

        pixels[random.Next(pixels.Length)] = float.NaN;
        pixels[random.Next(pixels.Length)] = float.PositiveInfinity;
        return pixels;
    }

    private static float[] Values(int width, params float[] values) => Enumerable.Range(0, width).Select(x => values[x % values.Length]).ToArray();

    /// <summary>Runs <paramref name="op"/> on pixels and on planes; the planes joined must be the pixels' bits.</summary>
    private static void AssertPlanesGiveTheRowsBits(PixelOperation op, Func<int, float[][]> inputsOfWidth)
    {
        Assert.That(op.HasPlanarForm, Is.True, op.GetType().Name);
        foreach (int width in Widths)
        {
            var inputs = inputsOfWidth(width);
            var rows = new InputRows();
            var planeRows = new InputRows();
            var planeInputs = new float[inputs.Length][];
            for (int i = 0; i < inputs.Length; i++)
            {
                rows.Set(i, inputs[i]);
                planeInputs[i] = inputs[i];
                if (op.Inputs[i].Type == DataType.Color)
                {
                    planeInputs[i] = new float[4 * width];
                    PlanarPixels.Split(inputs[i], planeInputs[i], width);
                }

                planeRows.Set(i, planeInputs[i]);
            }

            int channels = op.OutputType!.Value.Channels();
            var expected = new float[channels * width];
            op.ProcessRowUnchecked(expected, rows, width);
            var planes = new float[channels * width];
            op.ProcessPlanesUnchecked(planes, planeRows, width);
            var actual = planes;
            if (channels == 4)
            {
                actual = new float[4 * width];
                PlanarPixels.Join(planes, actual, width);
            }

            for (int k = 0; k < expected.Length; k++)
                if (BitConverter.SingleToInt32Bits(actual[k]) != BitConverter.SingleToInt32Bits(expected[k]) && !(float.IsNaN(actual[k]) && float.IsNaN(expected[k])))
                    Assert.Fail($"{op.GetType().Name}, width {width}: float {k} (pixel {k / channels}, channel {k % channels}) is {actual[k]:R} from planes, {expected[k]:R} from pixels");
        }
    }

    [Test]
    public void Gamma() => AssertPlanesGiveTheRowsBits(new GammaOperation(), w => [Photo(w, 1), Values(w, 0.9f, 2.2f, 0.45f, 1f, 0f)]);

    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void Invert(bool color, bool alpha) => AssertPlanesGiveTheRowsBits(new InvertOperation(color, alpha), w => [Values(w, 0.1f, 1f, 0.5f), Photo(w, 2)]);

    [Test]
    public void PosterizeWithOneStepCount([Values(64f, 10f, 0.5f, 3000f)] float steps) =>
        AssertPlanesGiveTheRowsBits(new PosterizeOperation(), w => [Photo(w, 3), Values(w, steps)]);

    [Test]
    public void PosterizeWithStepsPerPixel() => AssertPlanesGiveTheRowsBits(new PosterizeOperation(), w => [Photo(w, 4), Values(w, 8f, 3f, 100f)]);

    [Test]
    public void BrightnessContrast([Values(true, false)] bool premultiply, [Values(true, false)] bool uniform) =>
        AssertPlanesGiveTheRowsBits(new BrightnessOperation(premultiply),
            w => [Photo(w, 5), uniform ? Values(w, 3f) : Values(w, 3f, -20f), uniform ? Values(w, 10f) : Values(w, 10f, -40f, 0f)]);

    [Test]
    public void HueSaturationValue() =>
        AssertPlanesGiveTheRowsBits(new HueSaturationValueOperation(), w => [Photo(w, 6), Values(w, 0.52f, 0.1f, 0.9f), Values(w, 1.2f, 0f), Values(w, 1f, 1.5f), Values(w, 1f, 0.4f)]);

    [Test]
    public void ChannelwiseMixModes(
        [Values] MixBlendType mode,
        [Values(true, false)] bool useAlpha,
        [Values(true, false)] bool useClamp)
    {
        var op = new MixOperation(mode, useAlpha, useClamp);
        if (mode is MixBlendType.Hue or MixBlendType.Saturation or MixBlendType.Color or MixBlendType.Value)
        {
            Assert.That(op.HasPlanarForm, Is.False, "blends that mix channels have no planar form");
            return;
        }

        AssertPlanesGiveTheRowsBits(op, w => [Values(w, 0.3f, 1f, 0f, 0.7f), Photo(w, 7), Photo(w, 8)]);
    }
}
