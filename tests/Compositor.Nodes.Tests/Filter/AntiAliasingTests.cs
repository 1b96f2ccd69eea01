using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests.Filter;

public class SmaaAreaTextureTests
{
    private const int None = 0, Negative = 1, Positive = 2, Both = 3;

    [Test]
    public void EveryTexelIsAPairOfAreasInZeroToOne()
    {
        foreach (var table in new[] { SmaaAreaTexture.OrthogonalTexture.ToArray(), SmaaAreaTexture.DiagonalTexture.ToArray() })
        {
            Assert.That(table, Has.Length.EqualTo(80 * 80 * 2));
            Assert.That(table.All(v => float.IsFinite(v) && v >= 0f && v <= 1f), Is.True);
            Assert.That(table.Any(v => v > 0.2f), Is.True, "the table is not empty");
        }
    }

    [Test]
    public void OrthogonalPatternsMirrorLeftToRight()
    {
        // Mirroring a pattern swaps its ends (and so its crossing edges) and the distances to them.
        for (int e1 = 0; e1 < 4; e1++)
            for (int e2 = 0; e2 < 4; e2++)
                for (int l = 0; l < 20; l++)
                    for (int r = 0; r < 20; r++)
                    {
                        var a = SmaaAreaTexture.Orthogonal(e1, e2, l, r);
                        var b = SmaaAreaTexture.Orthogonal(e2, e1, r, l);
                        Assert.That(a.A, Is.EqualTo(b.A).Within(1e-9), $"({e1},{e2}) at ({l},{r})");
                        Assert.That(a.B, Is.EqualTo(b.B).Within(1e-9), $"({e1},{e2}) at ({l},{r})");
                    }
    }

    [Test]
    public void OrthogonalEntriesDerivedByHand()
    {
        // No crossing edges, or crossing edges on both sides at one end: nothing to blend.
        Assert.That(SmaaAreaTexture.Orthogonal(None, None, 3, 4), Is.EqualTo((0.0, 0.0)));
        Assert.That(SmaaAreaTexture.Orthogonal(Both, None, 0, 4), Is.EqualTo((0.0, 0.0)));
        // L pattern, 1 pixel to its end at the left (√0, √1 → distances 0 and 1, line length 2): the
        // line runs from (0, −0.5) to (1, 0); the pixel [0, 1] has area 0.25 below the edge.
        Assert.That(SmaaAreaTexture.Orthogonal(Positive, None, 0, 1).A, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(SmaaAreaTexture.Orthogonal(Positive, None, 0, 1).B, Is.EqualTo(0.0));
        // The same L seen from the far half of the line is not blended.
        Assert.That(SmaaAreaTexture.Orthogonal(Positive, None, 1, 0), Is.EqualTo((0.0, 0.0)));
        // One-pixel Z: the line (0, 0.5)–(1, −0.5) crosses the pixel's middle: two triangles of 1/8.
        Assert.That(SmaaAreaTexture.Orthogonal(Negative, Positive, 0, 0).A, Is.EqualTo(0.125).Within(1e-12));
        Assert.That(SmaaAreaTexture.Orthogonal(Negative, Positive, 0, 0).B, Is.EqualTo(0.125).Within(1e-12));
        // Distances 4 and 0 (√ → 2, 0), crossing edge at the right: line (2.5, 0)–(5, −0.5) over [4, 5]: 0.4.
        Assert.That(SmaaAreaTexture.Orthogonal(None, Positive, 2, 0).A, Is.EqualTo(0.4).Within(1e-12));
        // The texture stores it at x = √4, y = 20·2 + 0.
        Assert.That(SmaaAreaTexture.OrthogonalAt(2, 40).A, Is.EqualTo(0.4f).Within(1e-7f));
    }

    [Test]
    public void DiagonalEntriesDerivedByHand()
    {
        // Vertical crossing edges at both ends, one pixel: line (1, 0)–(2, 2): a quarter of each pixel.
        var v = SmaaAreaTexture.Diagonal(1, 1, 0, 0);
        Assert.That(v.A, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(v.B, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(SmaaAreaTexture.DiagonalAt(20 + 0, 20 + 0).A, Is.EqualTo(0.25f).Within(1e-7f));
    }

    [Test]
    public void LookupsClampToTheTexture()
    {
        Assert.That(SmaaAreaTexture.OrthogonalAt(-5, 200), Is.EqualTo(SmaaAreaTexture.OrthogonalAt(0, 79)));
    }
}

public class SmaaOperationTests
{
    /// <summary>A gray image, <paramref name="width"/> wide, rows bottom-up.</summary>
    private static MemoryBuffer Gray(int width, params float[] values) =>
        OpRunner.Buffer(DataType.Color, width, values.SelectMany(v => new[] { v, v, v, 1f }).ToArray());

    private static float At(float[] pixels, int width, int x, int y, int c) => pixels[(y * width + x) * 4 + c];

    [Test]
    public void SettingsMapToBlendersRanges()
    {
        var e = new SmaaEdgeDetectionOperation(0.5f, 0.2f);
        Assert.That(e.Threshold, Is.EqualTo(0.25f));
        Assert.That(e.ContrastLimit, Is.EqualTo(2.8f).Within(1e-6f));
        Assert.That(new SmaaBlendingWeightOperation(0.25f).CornerRounding, Is.EqualTo(25));
    }

    [Test]
    public void EdgeDetectionFindsAVerticalStep()
    {
        using var image = Gray(6,
            0, 0, 0, 1, 1, 1,
            0, 0, 0, 1, 1, 1,
            0, 0, 0, 1, 1, 1,
            0, 0, 0, 1, 1, 1);
        var e = OpRunner.Run(new SmaaEdgeDetectionOperation(0.1f, 0.2f), 6, 4, image);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 6; x++)
            {
                Assert.That(At(e, 6, x, y, 0), Is.EqualTo(x == 3 ? 1f : 0f), $"left edge at ({x},{y})");
                Assert.That(At(e, 6, x, y, 1), Is.EqualTo(0f), $"lower edge at ({x},{y})");
                Assert.That(At(e, 6, x, y, 3), Is.EqualTo(1f));
            }
    }

    [Test]
    public void LocalContrastAdaptationDropsAWeakEdgeBesideAStrongOne()
    {
        // A step of 0.2 next to a step of 0.8: kept only when the contrast limit allows 4×.
        float[] row = [0, 0, 0, 0.2f, 1, 1];
        using var image = Gray(6, [.. row, .. row, .. row]);
        var strict = OpRunner.Run(new SmaaEdgeDetectionOperation(0.1f, 0.2f), 6, 3, image); // limit 2.8
        var loose = OpRunner.Run(new SmaaEdgeDetectionOperation(0.1f, 1f), 6, 3, image); // limit 10
        Assert.That(At(strict, 6, 3, 1, 0), Is.EqualTo(0f));
        Assert.That(At(loose, 6, 3, 1, 0), Is.EqualTo(1f));
        Assert.That(At(strict, 6, 4, 1, 0), Is.EqualTo(1f), "the strong edge stays");
    }

    [Test]
    public void BlendingWeightsOnAStaircase()
    {
        // White below y = 2 for x < 5 and below y = 3 from x = 5: a one-pixel step at x = 5.
        const int w = 10, h = 5;
        var values = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) values[y * w + x] = y < (x < 5 ? 2 : 3) ? 1f : 0f;
        using var image = Gray(w, values);
        var edges = OpRunner.Run(new SmaaEdgeDetectionOperation(0.1f, 0.2f), w, h, image);
        Assert.That(At(edges, w, 4, 2, 1), Is.EqualTo(1f));
        Assert.That(At(edges, w, 5, 3, 1), Is.EqualTo(1f));
        Assert.That(At(edges, w, 5, 2, 0), Is.EqualTo(1f));
        using var edgeBuffer = OpRunner.Buffer(DataType.Color, w, edges);
        var weights = OpRunner.Run(new SmaaBlendingWeightOperation(0f), w, h, edgeBuffer);

        // Lower line (y = 2, x 0..4) ends at x = 4 on a crossing edge above it: an L whose right half
        // blends; at x = 4 (distances 4, 0) the line (2.5, 0)–(5, −0.5) covers 0.4 of the pixel.
        Assert.That(At(weights, w, 4, 2, 0), Is.EqualTo(0.4f).Within(1e-6f));
        Assert.That(At(weights, w, 4, 2, 1), Is.EqualTo(0f));
        Assert.That(At(weights, w, 3, 2, 0), Is.GreaterThan(0f).And.LessThan(0.4f));
        // The far half of an L is not blended (at x = 0 the distances 0 and 4 hit a texel exactly;
        // in between, the bilinear lookup of √distances leaks a little).
        Assert.That(At(weights, w, 0, 2, 0), Is.EqualTo(0f));
        Assert.That(At(weights, w, 1, 2, 0), Is.LessThan(0.05f));
        // Upper line (y = 3, x 5..9) starts at the step: the mirrored L; 0.4 on the other side.
        Assert.That(At(weights, w, 5, 3, 1), Is.EqualTo(0.4f).Within(1e-6f));
        Assert.That(At(weights, w, 5, 3, 0), Is.EqualTo(0f));
        // Pixels without edges get no weights.
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 4; c++) Assert.That(At(weights, w, x, 0, c), Is.EqualTo(0f));
    }

    [Test]
    public void CornerRoundingReducesWeightsAtCorners()
    {
        // A white 4 × 4 square on black: its lines end in corners.
        const int n = 8;
        var values = new float[n * n];
        for (int y = 2; y < 6; y++)
            for (int x = 2; x < 6; x++) values[y * n + x] = 1f;
        using var image = Gray(n, values);
        var edges = OpRunner.Run(new SmaaEdgeDetectionOperation(0.1f, 0.2f), n, n, image);
        using var edgeBuffer = OpRunner.Buffer(DataType.Color, n, edges);
        var sharp = OpRunner.Run(new SmaaBlendingWeightOperation(1f), n, n, edgeBuffer);
        var none = OpRunner.Run(new SmaaBlendingWeightOperation(0f), n, n, edgeBuffer);
        Assert.That(sharp.Sum(), Is.LessThan(none.Sum()));
    }

    [Test]
    public void NeighborhoodBlendingMixesAlongTheWeights()
    {
        using var image = Gray(3, 0, 1, 0, 0, 1, 0, 0, 1, 0);
        var weightValues = new float[3 * 3 * 4];
        // Pixel (1, 1): left weight (B) 0.5: half of the pixel at x − 0.5.
        weightValues[(1 * 3 + 1) * 4 + 2] = 0.5f;
        using var weights = OpRunner.Buffer(DataType.Color, 3, weightValues);
        var o = OpRunner.Run(new SmaaNeighborhoodBlendingOperation(), 3, 3, image, weights);
        Assert.That(At(o, 3, 1, 1, 0), Is.EqualTo(0.5f).Within(1e-6f));
        Assert.That(At(o, 3, 1, 0, 0), Is.EqualTo(1f), "pixels without weights pass through");
        Assert.That(At(o, 3, 1, 1, 3), Is.EqualTo(1f));
    }
}
