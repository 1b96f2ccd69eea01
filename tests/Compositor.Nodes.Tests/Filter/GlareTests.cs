using Compositor.Imaging;
using Compositor.Nodes.Filter.Glare;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class GlareTests
{
    private static SourceOperation Impulse(int w, int h, int x, int y, float value)
    {
        var p = new float[w * h * 4];
        int i = (y * w + x) * 4;
        p[i] = value;
        p[i + 1] = value * 0.5f;
        p[i + 2] = value * 0.25f;
        for (int k = 3; k < p.Length; k += 4) p[k] = 1f;
        return new SourceOperation(Rect.FromSize(w, h), p);
    }

    private static float[] RunGlare(GlareOperationBase op, SourceOperation src)
    {
        OperationRunner.Prepare(op, src);
        using var o = OperationRunner.Run(op, src, src.Canvas);
        return o.Span.ToArray();
    }

    [Test]
    public void GlareOperationsReadTheirWholeCanvasInOneCall()
    {
        var src = SourceOperation.Random(Rect.FromSize(16, 12), 3);
        foreach (GlareOperationBase op in new GlareOperationBase[]
                 {
                     new GlareGhostOperation(new GlareSettings()), new GlareStreaksOperation(new GlareSettings()),
                     new GlareFogGlowOperation(new GlareSettings { Size = 6 }), new GlareSimpleStarOperation(new GlareSettings()),
                 })
        {
            OperationRunner.Prepare(op, src);
            Assert.That(op.Has(OperationFlags.SingleThreaded) && op.Has(OperationFlags.Complex), Is.True, op.GetType().Name);
            Assert.That(op.GetAreaOfInterest(0, new Rect(2, 2, 3, 3)), Is.EqualTo(Rect.FromSize(16, 12)), op.GetType().Name);
        }
    }

    [Test]
    public void FogGlowKernelIsNormalizedAndPeaksAtItsCentreTap()
    {
        var k = GlareFogGlowOperation.Kernel(6);
        Assert.That(k, Has.Length.EqualTo(64 * 64));
        Assert.That(k.Sum(), Is.EqualTo(1f).Within(1e-5f));
        float max = k.Max();
        Assert.That(k[32 * 64 + 32], Is.EqualTo(max), "the centre tap (u = v = 0) is at index 2^(size-1)");
        Assert.That(k[0], Is.EqualTo(0f).Within(1e-12f), "the Hann window vanishes at u = v = -1");
        Assert.That(k[32 * 64 + 31], Is.EqualTo(k[32 * 64 + 33]).Within(1e-9f), "symmetric about the centre");
    }

    [Test]
    public void FogGlowConservesTheEnergyOfAnImpulseAwayFromTheEdges()
    {
        // Size 6: 64 taps, reaching 32 pixels left/down and 31 right/up.
        var src = Impulse(80, 72, 40, 36, 2f);
        var o = RunGlare(new GlareFogGlowOperation(new GlareSettings { Size = 6 }), src);
        double r = 0, g = 0, b = 0;
        for (int i = 0; i < o.Length; i += 4) { r += o[i]; g += o[i + 1]; b += o[i + 2]; }
        Assert.That(r, Is.EqualTo(2.0).Within(1e-4));
        Assert.That(g, Is.EqualTo(1.0).Within(1e-4));
        Assert.That(b, Is.EqualTo(0.5).Within(1e-4));
        var k = GlareFogGlowOperation.Kernel(6);
        // The output at offset (dx, dy) from the impulse is the kernel tap (32 + dx, 32 + dy).
        foreach (var (dx, dy) in new[] { (0, 0), (5, -3), (-32, 0), (31, 31), (-10, 20) })
            Assert.That(o[((36 + dy) * 80 + 40 + dx) * 4], Is.EqualTo(2f * k[(32 + dy) * 64 + 32 + dx]).Within(1e-6f), $"({dx},{dy})");
        Assert.That(o[(36 * 80 + 40 + 32) * 4], Is.EqualTo(0f).Within(1e-6f), "no tap 32 pixels to the right");
        Assert.That(o[3], Is.EqualTo(1f), "alpha passes");
    }

    [Test]
    public void FogGlowMatchesADirectConvolutionWithBlackBeyondTheEdges()
    {
        var src = SourceOperation.Random(Rect.FromSize(21, 13), 7);
        var o = RunGlare(new GlareFogGlowOperation(new GlareSettings { Size = 6 }), src);
        var k = GlareFogGlowOperation.Kernel(6);
        foreach (var (x, y) in new[] { (0, 0), (20, 12), (10, 6), (3, 11) })
            for (int c = 0; c < 3; c++)
            {
                double sum = 0;
                for (int sy = 0; sy < 13; sy++)
                    for (int sx = 0; sx < 21; sx++)
                    {
                        int kx = x - sx + 32, ky = y - sy + 32;
                        if (kx >= 0 && kx < 64 && ky >= 0 && ky < 64) sum += src.Pixel(sx, sy, c) * k[ky * 64 + kx];
                    }

                Assert.That(o[(y * 21 + x) * 4 + c], Is.EqualTo((float)sum).Within(2e-6f), $"({x},{y}) channel {c}");
            }
    }

    [Test]
    public void SimpleStarSpreadsAlongTheAxesOrTheDiagonals([Values] bool rotate45)
    {
        var src = Impulse(21, 21, 10, 10, 1f);
        var o = RunGlare(new GlareSimpleStarOperation(new GlareSettings { Iterations = 3, Fade = 0.9f, Rotate45 = rotate45 }), src);
        for (int y = 0; y < 21; y++)
            for (int x = 0; x < 21; x++)
            {
                int dx = x - 10, dy = y - 10;
                bool onStar = rotate45 ? Math.Abs(dx) == Math.Abs(dy) : dx == 0 || dy == 0;
                float v = o[(y * 21 + x) * 4];
                if (!onStar) Assert.That(v, Is.EqualTo(0f), $"({x},{y}) is off the star");
            }

        int near = rotate45 ? (11 * 21 + 11) * 4 : (10 * 21 + 11) * 4;
        Assert.That(o[near], Is.GreaterThan(0f), "the light spreads");
        Assert.That(o[near + 1], Is.EqualTo(o[near] * 0.5f).Within(1e-6f), "channels scale alike");
    }

    [Test]
    public void SimpleStarFirstIterationIsExact()
    {
        // Iteration 0 reads the pixel itself as both neighbours: c = f1·c + 2·f2·c = c, twice (forward and back).
        var src = Impulse(5, 5, 2, 2, 1f);
        var o = RunGlare(new GlareSimpleStarOperation(new GlareSettings { Iterations = 1, Fade = 0.8f }), src);
        Assert.That(o[(2 * 5 + 2) * 4], Is.EqualTo(2f).Within(1e-6f), "both copies keep the impulse");
        Assert.That(o.Where((_, i) => i % 4 == 0).Count(v => v != 0f), Is.EqualTo(1));
    }

    [Test]
    public void StreaksAtRightAnglesStayOnTheImpulsesRowAndColumn()
    {
        var src = Impulse(40, 40, 20, 20, 4f);
        var o = RunGlare(new GlareStreaksOperation(new GlareSettings { Streaks = 4, Iterations = 3, Fade = 0.9f, AngleOffset = 0f, ColorModulation = 0f }), src);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++)
                if (x != 20 && y != 20) Assert.That(o[(y * 40 + x) * 4], Is.EqualTo(0f).Within(1e-6f), $"({x},{y})");
        // Streaks run both ways: four directions, symmetric without color modulation.
        float left = o[(20 * 40 + 17) * 4], right = o[(20 * 40 + 23) * 4], down = o[(17 * 40 + 20) * 4], up = o[(23 * 40 + 20) * 4];
        Assert.That(left, Is.GreaterThan(0f));
        Assert.That(right, Is.EqualTo(left).Within(1e-5f));
        Assert.That(up, Is.EqualTo(left).Within(1e-5f));
        Assert.That(down, Is.EqualTo(left).Within(1e-5f));
    }

    [Test]
    public void GhostsOfABlackImageAreBlackAndOfAnImpulseAreNot()
    {
        var black = new SourceOperation(Rect.FromSize(24, 16), new float[24 * 16 * 4]);
        Assert.That(RunGlare(new GlareGhostOperation(new GlareSettings { Iterations = 3 }), black).Where((_, i) => i % 4 != 3), Has.All.EqualTo(0f));
        var o = RunGlare(new GlareGhostOperation(new GlareSettings { Iterations = 3, Quality = 0 }), Impulse(24, 16, 6, 5, 10f));
        Assert.That(o.Where((_, i) => i % 4 == 0).Sum(), Is.GreaterThan(0f));
    }

    [Test]
    public void ThresholdSubtractsFromBrightPixelsAndBlacksOutTheRest()
    {
        var op = new GlareThresholdOperation(1f, 1);
        var input = OpRunner.Buffer(DataType.Color, 2, 2f, 1f, 0.5f, 0.7f, 0.9f, 0.9f, 0.9f, 0.3f);
        var o = OpRunner.Run(op, 2, 1, input);
        Assert.That(o, Is.EqualTo(new[] { 1f, 0f, 0f, 0.7f, 0f, 0f, 0f, 0.3f }).Within(1e-6f));
    }

    [Test]
    public void ThresholdCanvasIsDividedByTheQualityScale()
    {
        var src = SourceOperation.Random(Rect.FromSize(33, 18), 1);
        var op = OperationRunner.Prepare(new GlareThresholdOperation(0.5f, 4), src);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(8, 4)));
    }

    [Test]
    public void MixGlareWeighsImageAndGlareByMix()
    {
        var op = new MixGlareOperation();
        var image = OpRunner.Constant(DataType.Color, 0.4f, -1f, 0.2f, 0.5f);
        var glare = OpRunner.Constant(DataType.Color, 1f, 2f, 3f, 1f);
        Assert.That(OpRunner.RunFolded(op, OpRunner.Constant(DataType.Value, -0.5f), image, glare), Is.EqualTo(new[] { 0.9f, 1f, 1.7f, 0.5f }).Within(1e-6f));
        Assert.That(OpRunner.RunFolded(op, OpRunner.Constant(DataType.Value, 0f), image, glare), Is.EqualTo(new[] { 1.4f, 2f, 3.2f, 0.5f }).Within(1e-6f));
        Assert.That(OpRunner.RunFolded(op, OpRunner.Constant(DataType.Value, 1f), image, glare), Is.EqualTo(new[] { 1f, 2f, 3f, 0.5f }).Within(1e-6f));
    }

    [Test]
    public void GlareNodeMixesGlareWithTheImageInBothModels([Values] ExecutionModel model)
    {
        static string Graph(float mix, float threshold) => TestRenderer.Chain(64, 48, "CompositorNodeGlare",
            $$"""{"glare_type": "STREAKS", "quality": "LOW", "iterations": 2, "mix": {{mix}}, "threshold": {{threshold}}}""");
        var imageOnly = GraphRunner.RenderComposite(Graph(-1f, 0.1f), model);
        var noHighlights = GraphRunner.RenderComposite(Graph(0f, 1000f), model);
        Assert.That(imageOnly, Is.EqualTo(noHighlights).Within(1e-6f), "mix -1 is the image; without highlights mix 0 is too");
        var glareOnly = GraphRunner.RenderComposite(Graph(1f, 0.1f), model);
        Assert.That(glareOnly, Is.Not.EqualTo(imageOnly).Within(1e-3f));
        Assert.That(glareOnly, Is.EqualTo(GraphRunner.RenderComposite(Graph(1f, 0.1f), model == ExecutionModel.FullFrame ? ExecutionModel.Tiled : ExecutionModel.FullFrame)).Within(1e-6f),
            "both execution models agree");
    }
}
