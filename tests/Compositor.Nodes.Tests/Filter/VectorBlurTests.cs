using Compositor.Nodes.Operations.Distort;
using Compositor.Imaging;
using Compositor.Nodes.Filter;
using Compositor.Nodes.Tests.Support;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Filter;

public class VectorBlurTests
{
    [Test]
    public void JitterTableIsCentredDistinctAndDeterministic()
    {
        var jit = BlenderJitter.Create(256);
        Assert.That(jit, Has.Length.EqualTo(512));
        Assert.That(jit, Has.All.InRange(-0.5f, 0.5f));
        Assert.That(jit.Chunk(2).Select(p => (p[0], p[1])).Distinct().Count(), Is.EqualTo(256));
        Assert.That(BlenderJitter.Create(256), Is.EqualTo(jit));
        // Stratified: every tenth of the square's height holds some points.
        var rows = jit.Where((_, i) => i % 2 == 1).Select(v => (int)((v + 0.5f) * 10)).Distinct().Count();
        Assert.That(rows, Is.EqualTo(10));
    }

    [Test]
    public void TagAntialiasingOfASmallBlock()
    {
        // 7×7, a moving 3×3 block at x, y = 2..4.
        var m = new byte[49];
        for (int y = 2; y <= 4; y++)
            for (int x = 2; x <= 4; x++) m[y * 7 + x] = 255;
        VectorBlurOperation.AntialiasTags(7, 7, m);
        byte At(int x, int y) => m[y * 7 + x];
        Assert.That(At(3, 3), Is.EqualTo(255), "the interior stays fully moving");
        Assert.That((At(2, 3), At(4, 3)), Is.EqualTo(((byte)128, (byte)128)), "lone edge tags keep 128");
        // Runs of edge tags along a row blend between their (still) ends to zero, then, being still
        // pixels next to moving ones, become 1.
        Assert.That(new[] { At(2, 2), At(3, 2), At(4, 2), At(2, 4), At(3, 4), At(4, 4) }, Has.All.EqualTo(1));
        Assert.That(new[] { At(1, 3), At(5, 3), At(3, 2), At(2, 2) }, Has.All.EqualTo(1), "still pixels next to moving ones become 1");
        Assert.That(At(0, 0), Is.EqualTo(0));
    }

    [Test]
    public void StillImagesPassUnchanged()
    {
        int w = 8, h = 6, n = w * h;
        var rng = new Random(3);
        var image = Enumerable.Range(0, n * 4).Select(_ => (float)rng.NextDouble()).ToArray();
        var result = new float[n * 4];
        VectorBlurOperation.Accumulate(new VectorBlurSettings(), 32, w, h, result, image, new float[n * 4], new float[n], BlenderJitter.Create(256));
        Assert.That(result, Is.EqualTo(image));
    }

    [Test]
    public void AMovingBlockSmearsAlongItsMotionOnly()
    {
        int w = 32, h = 16, n = w * h;
        var image = new float[n * 4];
        var speed = new float[n * 4];
        var z = new float[n];
        for (int i = 0; i < n; i++) { image[i * 4 + 3] = 1f; z[i] = 10f; }
        for (int y = 6; y < 10; y++)
            for (int x = 14; x < 18; x++)
            {
                int i = y * w + x;
                image[i * 4] = 1f;
                speed[i * 4] = 6f;   // previous position: 6 pixels along x
                speed[i * 4 + 2] = -6f; // next position
                z[i] = 1f;
            }

        var result = new float[n * 4];
        VectorBlurOperation.Accumulate(new VectorBlurSettings(), 16, w, h, result, image, speed, z, BlenderJitter.Create(256));
        float Red(int x, int y) => result[(y * w + x) * 4];
        // Both halves of the shutter displace by +speedfac·prev and −speedfac·next: here both towards +x.
        Assert.That(Red(18, 8), Is.GreaterThan(0f), "light spreads along x");
        Assert.That(Red(18, 8), Is.LessThan(1f), "partly");
        for (int x = 0; x < w; x++)
        {
            Assert.That(Red(x, 2), Is.EqualTo(0f), $"row 2, x {x}: no vertical spread");
            Assert.That(Red(x, 13), Is.EqualTo(0f), $"row 13, x {x}: no vertical spread");
        }
    }

    [Test]
    public void ReadsEveryInputWhole()
    {
        var op = new VectorBlurOperation(new VectorBlurSettings());
        op.Canvas = Rect.FromSize(10, 7);
        for (int i = 0; i < 3; i++) Assert.That(op.GetAreaOfInterest(i, new Rect(1, 1, 2, 2)), Is.EqualTo(Rect.FromSize(10, 7)));
        Assert.That(op.Has(OperationFlags.SingleThreaded) && op.Has(OperationFlags.Complex), Is.True);
    }
}
