using Compositor.Imaging;
using Compositor.Nodes.Operations;
using Compositor.Nodes.Operations.Color;
using Compositor.Nodes.Operations.Curves;
using Compositor.Nodes.Operations.Mix;
using Compositor.Operations;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests;

/// <summary>
/// The pixel operations with vector paths (several pixels per step) must give the same bits as
/// their scalar row tails: otherwise an image would change with the chunk size or the strip width.
/// Each operation runs once over a 37-pixel-wide area (vector blocks plus a tail) and once column
/// by column (one-pixel rows: tail only), on a conformance photo stretched to −0.5..2.5 so that
/// negative and HDR values take every branch, with per-pixel factors and parameters varying too.
/// </summary>
[TestFixture]
public sealed partial class VectorPathTests
{
    private const int Width = 37;
    private const int Height = 6;

    private static MemoryBuffer Photo()
    {
        var image = ConformanceImages.Read("chelsea_240x160.png");
        var buffer = MemoryBuffer.Create(DataType.Color, Rect.FromSize(Width, Height));
        for (int y = 0; y < Height; y++)
        {
            var row = buffer.GetRow(y, 0, Width);
            for (int x = 0; x < Width * 4; x++)
            {
                float v = image.Pixels[((y * 20 + 40) * image.Width + 60) * 4 + x];
                row[x] = (x & 3) == 3 ? v : v * 3f - 0.5f;
            }
        }

        return buffer;
    }

    /// <summary>A value row per pixel: <paramref name="values"/> repeated along the row.</summary>
    private static MemoryBuffer Values(params float[] values)
    {
        var buffer = MemoryBuffer.Create(DataType.Value, Rect.FromSize(Width, Height));
        for (int y = 0; y < Height; y++)
        {
            var row = buffer.GetRow(y, 0, Width);
            for (int x = 0; x < Width; x++) row[x] = values[(x + y) % values.Length];
        }

        return buffer;
    }

    private static void AssertSameBitsAsTail(NodeOperation op, params MemoryBuffer[] inputs)
    {
        var area = Rect.FromSize(Width, Height);
        var context = new RenderContext();
        using var rows = MemoryBuffer.Create(op.OutputType!.Value, area);
        op.Execute(rows, area, inputs, context);
        using var columns = MemoryBuffer.Create(op.OutputType!.Value, area);
        for (int x = 0; x < Width; x++) op.Execute(columns, new Rect(x, 0, x + 1, Height), inputs, context);

        var expected = columns.Span;
        var actual = rows.Span;
        int compared = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                Assert.Fail($"{op.GetType().Name}: element {i} (pixel {i / 4 % Width},{i / 4 / Width} channel {i % 4}) is {actual[i]:R} in a row but {expected[i]:R} alone");
            compared++;
        }

        Assert.That(compared, Is.EqualTo(Width * Height * 4));
    }

    [Test]
    public void Gamma() => AssertSameBitsAsTail(new GammaOperation(), Photo(), Values(0.9f, 2.2f, 0.45f, 1f, 0f));

    [Test]
    public void ColorBalanceLiftGammaGain() =>
        AssertSameBitsAsTail(new ColorBalanceLggOperation([1.02f, 1f, 0.9f], [1.1f, 1f, 0.8f], [1.1f, 1f, 0.9f]), Values(1f, 0.4f, 1.5f, 0f), Photo());

    [Test]
    public void RgbCurves()
    {
        CurvePoint[] identity = [new(0f, 0f), new(1f, 1f)];
        CurvePoint[] sCurve = [new(0f, 0f), new(0.3f, 0.25f), new(0.7f, 0.8f), new(1f, 1f)];
        CurvePoint[] lift = [new(0f, 0.1f), new(0.5f, 0.7f), new(1f, 0.9f)];
        foreach (bool extrapolate in new[] { false, true })
        {
            var mapping = new CurveMapping([lift, identity, sCurve, sCurve], (0f, 0f, 1f, 1f), extrapolate: extrapolate);
            AssertSameBitsAsTail(new ConstantLevelColorCurveOperation(mapping, [0.05f, 0f, 0f], [1f, 0.9f, 1f]), Values(1f, 0.5f, 0f, 2f), Photo());
        }
    }

    [TestCase(MixBlendType.Mix)]
    [TestCase(MixBlendType.Darken)]
    [TestCase(MixBlendType.Multiply)]
    [TestCase(MixBlendType.Lighten)]
    [TestCase(MixBlendType.Screen)]
    [TestCase(MixBlendType.Add)]
    [TestCase(MixBlendType.Overlay)]
    [TestCase(MixBlendType.Subtract)]
    [TestCase(MixBlendType.Difference)]
    public void Mix(MixBlendType blend)
    {
        var second = Photo();
        var shifted = MemoryBuffer.Create(DataType.Color, second.Rect);
        for (int i = 0; i < second.Span.Length; i++) shifted.Span[i] = second.Span[(i + 20) % second.Span.Length] * 0.7f + 0.1f;
        foreach (bool useAlpha in new[] { false, true })
            AssertSameBitsAsTail(new MixOperation(blend, useAlpha, useClamp: false), Values(0.3f, 1f, 0f, 0.75f), Photo(), shifted);
    }

    [Test]
    public void Invert()
    {
        foreach (var (color, alpha) in new[] { (true, false), (true, true), (false, true) })
            AssertSameBitsAsTail(new InvertOperation(color, alpha), Values(0.1f, 1f, 0.5f), Photo());
    }

    [Test]
    public void BrightContrast()
    {
        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: false), Photo(), Values(3f, 3f, 3f, -10f), Values(10f, 10f, -20f, 0f, 10f));
        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: false), Photo(), Values(3f), Values(10f));
        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: false), Photo(), Values(-5f), Values(-30f));
        // Premultiplied: opaque pixels first (steps without a division), then alphas of 0, ½, 1 and 0.3.
        var translucent = Photo();
        for (int y = 0; y < Height; y++)
        {
            var row = translucent.GetRow(y, 0, Width);
            for (int x = 8; x < Width; x++) row[x * 4 + 3] = new[] { 0f, 0.5f, 1f, 0.3f }[(x + y) % 4];
        }

        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: true), translucent, Values(3f), Values(10f));
        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: true), translucent, Values(-5f), Values(-30f));
        AssertSameBitsAsTail(new BrightnessOperation(usePremultiply: true), translucent, Values(3f, -10f), Values(10f, 0f, 10f));
    }

    [Test]
    public void Exposure()
    {
        AssertSameBitsAsTail(new ExposureOperation(), Photo(), Values(0.4f));
        AssertSameBitsAsTail(new ExposureOperation(), Photo(), Values(0.4f, 0.4f, -1.5f, 3f));
    }

    [Test]
    public void Posterize()
    {
        AssertSameBitsAsTail(new PosterizeOperation(), Photo(), Values(64f));
        AssertSameBitsAsTail(new PosterizeOperation(), Photo(), Values(1024f));
        AssertSameBitsAsTail(new PosterizeOperation(), Photo(), Values(7f));
        AssertSameBitsAsTail(new PosterizeOperation(), Photo(), Values(64f, 1f, 3000f, 5.5f));
    }

    [Test]
    public void HueSaturationValue() =>
        AssertSameBitsAsTail(new HueSaturationValueOperation(), Photo(), Values(0.52f, 0.9f, 0.1f), Values(1.2f, 0f, 1f), Values(1f, 0.8f), Values(1f, 0.5f, 0f));

    /// <summary>The polynomial pow stays within a few units in the last place of MathF.Pow over image-like ranges.</summary>
    [Test]
    public void PowIsCloseToMathFPow()
    {
        var random = new Random(7);
        double worst = 0;
        foreach (float y in new[] { 0.9f, 1f / 2.4f, 2.4f, 1.1f, 0.5f, 3f, 1f / 2.2f })
            for (int i = 0; i < 20000; i++)
            {
                float x = (float)Math.Exp(random.NextDouble() * 12 - 9); // 1.2e-4 .. 20
                double exact = Math.Pow(x, y);
                worst = Math.Max(worst, Math.Abs(VectorMath.PowPositive(x, y) - exact) / exact);
            }

        Assert.That(worst, Is.LessThan(4e-6), "relative error of VectorMath.PowPositive");
        Assert.That(VectorMath.PowPositive(0f, 2f), Is.EqualTo(0f));
        Assert.That(float.IsNaN(VectorMath.PowPositive(float.NaN, 2f)));
        Assert.That(VectorMath.PowPositive(float.PositiveInfinity, 2f), Is.EqualTo(float.PositiveInfinity));
        Assert.That(VectorMath.PowPositive(4f, 0.5f), Is.EqualTo(2f).Within(1e-6f));
    }

    /// <summary>exp2's polynomial has a constant term of exactly 1: whole powers of two come out exact.</summary>
    [TestCase(0.25f, 2f, 0.0625f)]
    [TestCase(4f, 0.5f, 2f)]
    [TestCase(2f, 10f, 1024f)]
    [TestCase(8f, -1f, 0.125f)]
    [TestCase(1f, 2.4f, 1f)]
    public void PowOfWholePowersOfTwoIsExact(float x, float y, float expected) =>
        Assert.That(VectorMath.PowPositive(x, y), Is.EqualTo(expected));

    /// <summary>
    /// The vector sRGB transfer functions (fixed-exponent powers, <see cref="SrgbPowers"/>) stay within
    /// 1e-6 of the formula in double precision (measured: encode 6.1e-7, decode 6.5e-7), and keep NaN.
    /// </summary>
    [Test]
    public void SrgbTransferIsCloseToTheFormula()
    {
        var random = new Random(11);
        double worstEncode = 0, worstDecode = 0;
        for (int i = 0; i < 40000; i++)
        {
            float c = (float)Math.Exp(random.NextDouble() * 14 - 12); // 6e-6 .. 7.4
            double encoded = c < 0.0031308 ? c * 12.92 : 1.055 * Math.Pow(c, 1 / 2.4) - 0.055;
            double decoded = c < 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            worstEncode = Math.Max(worstEncode, Math.Abs(VectorMath.LinearToSrgb(c) - encoded) / encoded);
            worstDecode = Math.Max(worstDecode, Math.Abs(VectorMath.SrgbToLinear(c) - decoded) / decoded);
        }

        TestContext.Out.WriteLine($"worst relative error: encode {worstEncode:E2}, decode {worstDecode:E2}");
        Assert.That(worstEncode, Is.LessThan(1e-6), "relative error of LinearToSrgb");
        Assert.That(worstDecode, Is.LessThan(1e-6), "relative error of SrgbToLinear");
        Assert.That(float.IsNaN(VectorMath.LinearToSrgb(float.NaN)) && float.IsNaN(VectorMath.SrgbToLinear(float.NaN)));
        Assert.That(VectorMath.LinearToSrgb(-1f), Is.EqualTo(0f));
        Assert.That(VectorMath.SrgbToLinear(float.PositiveInfinity), Is.EqualTo(float.PositiveInfinity));
    }

    /// <summary>Sixteen pixels split into planes hold each channel in pixel order, and join back unchanged.</summary>
    [Test]
    public void RgbaPlanesRoundTrip()
    {
        if (!RgbaPlanes.IsSupported) Assert.Ignore("no AVX-512 here: the planes are not used");
        var pixels = new float[64];
        for (int i = 0; i < 64; i++) pixels[i] = (i & 3) * 100 + i / 4;
        RgbaPlanes.Load(pixels, out var r, out var g, out var b, out var a);
        for (int p = 0; p < 16; p++)
            Assert.That(new[] { r[p], g[p], b[p], a[p] }, Is.EqualTo(new float[] { p, 100 + p, 200 + p, 300 + p }), $"pixel {p}");
        var joined = new float[64];
        RgbaPlanes.Store(r, g, b, a, joined);
        Assert.That(joined, Is.EqualTo(pixels));
    }
}
