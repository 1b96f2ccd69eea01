using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;

namespace Compositor.Nodes.Tests.Filter;

public class DespeckleOperationTests
{
    // 3x3 grey 0.2 image with a bright speck in the middle; alpha 1.
    private static SourceOperation Speck(float centre, int outliers = 0)
    {
        var p = new float[9 * 4];
        for (int i = 0; i < 9; i++)
        {
            p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = 0.2f;
            p[i * 4 + 3] = 1f;
        }

        p[4 * 4] = p[4 * 4 + 1] = p[4 * 4 + 2] = centre;
        for (int i = 0; i < outliers; i++) p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = centre; // the lower-left corner first, then along the bottom row
        return new SourceOperation(Rect.FromSize(3, 3), p);
    }

    [Test]
    public void ASpeckIsReplacedByItsDifferingNeighboursMixedByTheFactor()
    {
        var src = Speck(1f);
        var op = OperationRunner.Prepare(new DespeckleOperation(0.5f, 0.5f), src, constants: 0.75f);
        var o = OperationRunner.Run(op, src, src.Canvas);
        int c = o.IndexOf(1, 1);
        Assert.That(o.Span[c], Is.EqualTo(0.25f * 1f + 0.75f * 0.2f).Within(1e-6f));
        Assert.That(o.Span[c + 3], Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void TooFewDifferingNeighboursKeepThePixel()
    {
        // Two of eight neighbours (a corner and an edge one) equal the centre.
        var same = Speck(1f, outliers: 2);
        var op = OperationRunner.Prepare(new DespeckleOperation(0.5f, 0.76f), same, constants: 1f);
        var o = OperationRunner.Run(op, same, same.Canvas);
        // Differing weight: 8 neighbours minus the diagonal (0,0) and the edge (1,0) = 3 + 3·√½ of 4 + 4·√½ = 0.75.
        Assert.That(o.Span[o.IndexOf(1, 1)], Is.EqualTo(1f));
        var op2 = OperationRunner.Prepare(new DespeckleOperation(0.5f, 0.74f), same, constants: 1f);
        var o2 = OperationRunner.Run(op2, same, same.Canvas);
        Assert.That(o2.Span[o2.IndexOf(1, 1)], Is.EqualTo(0.2f).Within(1e-6f));
    }

    [Test]
    public void ReadsOnePixelAroundTheImage()
    {
        var op = new DespeckleOperation(0.1f, 0.1f);
        Assert.That(op.GetAreaOfInterest(0, new Rect(0, 0, 4, 4)), Is.EqualTo(new Rect(-1, -1, 5, 5)));
        Assert.That(op.GetAreaOfInterest(1, new Rect(0, 0, 4, 4)), Is.EqualTo(new Rect(0, 0, 4, 4)));
    }

    [Test]
    public void EdgePixelsRepeatTheirNeighbours()
    {
        // Corner (0,0) speck: its clamped neighbourhood contains itself three times (weight 1 + 1 + √½ equal).
        var p = new float[4 * 4];
        for (int i = 0; i < 4; i++) { p[i * 4] = 0.2f; p[i * 4 + 3] = 1f; }
        p[0] = 1f;
        var src = new SourceOperation(Rect.FromSize(2, 2), p);
        var op = OperationRunner.Prepare(new DespeckleOperation(0.4f, 0.6f), src, constants: 1f);
        var o = OperationRunner.Run(op, src, src.Canvas);
        // Neighbours of (0,0): (-1,-1)→self, (0,-1)→self, (1,-1)→(1,0), (-1,0)→self, (1,0), (-1,1)→(0,1), (0,1), (1,1).
        // Differing weight: √½ + 1 + √½ + 1 + √½ = 2 + 3√½ of 4 + 4√½ ≈ 0.604 > 0.6; the mean of all eight (≈ 0.517) differs by more than 0.4.
        Assert.That(o.Span[0], Is.EqualTo(0.2f).Within(1e-6f));
        var op2 = OperationRunner.Prepare(new DespeckleOperation(0.4f, 0.61f), src, constants: 1f);
        Assert.That(OperationRunner.Run(op2, src, src.Canvas).Span[0], Is.EqualTo(1f));
    }
}

public class PixelateOperationTests
{
    [Test]
    public void FullFrameReadsWholePixelsSoTheImagePassesThrough()
    {
        var src = SourceOperation.Random(new Rect(1, 2, 6, 5), 3);
        var op = OperationRunner.Prepare(new PixelateOperation(DataType.Color), src);
        var o = OperationRunner.Run(op, src, src.Canvas);
        Assert.That(op.Canvas, Is.EqualTo(src.Canvas));
        Assert.That(o.Span[o.IndexOf(3, 3) + 2], Is.EqualTo(src.Pixel(3, 3, 2)));
        Assert.That(op.OutputType, Is.EqualTo(DataType.Color));
        Assert.That(new PixelateOperation(DataType.Value).OutputType, Is.EqualTo(DataType.Value));
    }
}
