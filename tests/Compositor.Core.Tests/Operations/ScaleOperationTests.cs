using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Core.Tests.Operations;

/// <summary>A producer of a fixed canvas holding f(x, y, channel).</summary>
internal sealed class PatternOperation : NodeOperation
{
    private readonly Rect _canvas;
    private readonly Func<int, int, int, float> _f;

    public PatternOperation(Rect canvas, Func<int, int, int, float> f, DataType type = DataType.Color) : base(type)
    {
        _canvas = canvas;
        _f = f;
    }

    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => _canvas;

    public MemoryBuffer Render(Rect area)
    {
        var b = MemoryBuffer.Create(OutputType!.Value, area);
        Execute(b, area, [], new RenderContext());
        return b;
    }

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        int c = output!.Channels;
        for (int y = area.YMin; y < area.YMax; y++)
            for (int x = area.XMin; x < area.XMax; x++)
                for (int k = 0; k < c; k++)
                    output.Span[output.IndexOf(x, y) + k] = _canvas.Contains(x, y) ? _f(x, y, k) : 0f;
    }
}

public class ScaleOperationTests
{
    private static (T Op, PatternOperation Source) Build<T>(T op, Rect imageCanvas, float sx, float sy) where T : ScaleOperation
    {
        var source = new PatternOperation(imageCanvas, (x, y, c) => c == 3 ? 1f : x + 100 * y + 0.25f * c);
        op.Inputs[0].Link = source;
        op.Inputs[1].Link = ConstantOperation.Of(sx);
        op.Inputs[2].Link = ConstantOperation.Of(sy);
        var resolver = new CanvasResolver();
        resolver.Resolve(op, Rect.FromSize(256, 256));
        return (op, source);
    }

    private static MemoryBuffer Run(NodeOperation op, PatternOperation source, Rect area, Rect? inputArea = null)
    {
        var input = source.Render(inputArea ?? source.Canvas);
        var inputs = new List<MemoryBuffer> { input };
        for (int i = 1; i < op.Inputs.Count; i++)
            inputs.Add(MemoryBuffer.CreateSingleElement(DataType.Value, ((ConstantOperation)op.Inputs[i].Link!).Value, op.Canvas));
        var output = MemoryBuffer.Create(op.OutputType!.Value, area);
        op.InitializeExecution(new RenderContext());
        op.Execute(output, area, inputs.ToArray(), new RenderContext());
        return output;
    }

    [Test]
    public void ScaleAreaRoundsOutwardsAndKeepsTheCorner()
    {
        Assert.That(ScaleOperation.ScaleArea(Rect.FromSize(240, 160), 0.5f, 0.75f), Is.EqualTo(Rect.FromSize(120, 120)));
        Assert.That(ScaleOperation.ScaleArea(new Rect(10, 5, 20, 9), 0.35f, 2f), Is.EqualTo(new Rect(10, 5, 14, 13)));
        // 400/240 in single precision is a hair above 5/3: Blender's canvas is 401 wide.
        Assert.That(ScaleOperation.ScaleArea(Rect.FromSize(240, 160), 400f * (1f / 240f), 1f).Width, Is.EqualTo(401));
    }

    [Test]
    public void ClampSizeShrinksFromTheFarCorner()
    {
        Assert.That(ScaleOperation.ClampSize(new Rect(-2, 3, 500, 40), 384f, 384f), Is.EqualTo(new Rect(-2, 3, 382, 40)));
        Assert.That(ScaleOperation.ClampSize(new Rect(0, 0, 100, 500), 384f, 120.5f), Is.EqualTo(new Rect(0, 0, 100, 120)));
    }

    [Test]
    public void ConstantRelativeScaleGivesTheScaledCanvas()
    {
        var (op, _) = Build(new ScaleRelativeOperation(), Rect.FromSize(240, 160), 0.5f, 0.75f);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(120, 120)));
        var (big, _) = Build(new ScaleRelativeOperation { MaxCanvasWidth = 384, MaxCanvasHeight = 384 }, Rect.FromSize(240, 160), 2f, 3f);
        Assert.That(big.Canvas, Is.EqualTo(Rect.FromSize(384, 384)));
    }

    [Test]
    public void AbsoluteScaleGivesTheRequestedSize()
    {
        var (op, _) = Build(new ScaleAbsoluteOperation(), Rect.FromSize(240, 160), 240f, 80f);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(240, 80)));
        // 200 / 240 in single precision rounds the scaled edges outwards by one more pixel, as in Blender.
        var (odd, _) = Build(new ScaleAbsoluteOperation(), Rect.FromSize(240, 160), 200f, 150f);
        Assert.That(odd.Canvas, Is.EqualTo(Rect.FromSize(201, 150)));
    }

    [Test]
    public void VaryingFactorsKeepTheImageCanvas()
    {
        var op = new ScaleRelativeOperation();
        op.Inputs[0].Link = new PatternOperation(Rect.FromSize(40, 30), (_, _, _) => 1f);
        op.Inputs[1].Link = new PatternOperation(Rect.FromSize(40, 30), (_, _, _) => 2f, DataType.Value);
        op.Inputs[2].Link = ConstantOperation.Of(2f);
        new CanvasResolver().Resolve(op, Rect.FromSize(256, 256));
        Assert.That(op.IsScalingVariable, Is.True);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(40, 30)));
        Assert.That(op.GetAreaOfInterest(0, new Rect(3, 3, 5, 5)), Is.EqualTo(Rect.FromSize(40, 30)));
    }

    [Test]
    public void HalfScaleSamplesEverySecondPixelFromTheCorner()
    {
        // Blender: output x reads c + (x + (w_in - w_out)/2 - c) / s = 2x for a half scale.
        var (op, source) = Build(new ScaleRelativeOperation(), Rect.FromSize(8, 4), 0.5f, 0.5f);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(4, 2)));
        var o = Run(op, source, op.Canvas);
        Assert.That(o.Span[o.IndexOf(3, 1)], Is.EqualTo(6 + 100 * 2).Within(1e-4f));
        Assert.That(o.Span[o.IndexOf(1, 0) + 2], Is.EqualTo(2 + 0.5f).Within(1e-4f));
    }

    [Test]
    public void UpscaleInterpolatesBilinearlyAndFadesAtTheEdge()
    {
        var (op, source) = Build(new ScaleRelativeOperation(), Rect.FromSize(4, 1), 2f, 1f);
        Assert.That(op.Canvas, Is.EqualTo(Rect.FromSize(8, 1)));
        var o = Run(op, source, op.Canvas);
        // x reads 2 + (x - 2 - 2) / 2 = x / 2; the last pixel (3.5) is half outside the image.
        float[] expectedR = [0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 1.5f];
        float[] expectedA = [1f, 1f, 1f, 1f, 1f, 1f, 1f, 0.5f];
        for (int x = 0; x < 8; x++)
        {
            Assert.That(o.Span[o.IndexOf(x, 0) + 3], Is.EqualTo(expectedA[x]).Within(1e-5f), $"alpha at {x}");
            Assert.That(o.Span[o.IndexOf(x, 0)], Is.EqualTo(expectedR[x]).Within(1e-5f), $"red at {x}");
        }
    }

    [Test]
    public void AreaOfInterestCoversEverySampleRead()
    {
        var (op, source) = Build(new ScaleAbsoluteOperation(), Rect.FromSize(240, 160), 101f, 77f);
        foreach (var area in new[] { new Rect(0, 0, 101, 77), new Rect(10, 20, 30, 21), new Rect(100, 76, 101, 77) })
        {
            var aoi = op.GetAreaOfInterest(0, area).Intersect(source.Canvas);
            var full = Run(op, source, area);
            var clipped = Run(op, source, area, aoi);
            Assert.That(clipped.Span.ToArray(), Is.EqualTo(full.Span.ToArray()), $"area {area}, AOI {aoi}");
        }
    }

    [Test]
    public void FixedSizeStretchFitAndCrop()
    {
        var source = new PatternOperation(Rect.FromSize(240, 160), (x, y, c) => c == 3 ? 1f : x + 1000 * y);
        ScaleFixedSizeOperation Make(bool aspect, bool crop, float ox = 0f, float oy = 0f)
        {
            var op = new ScaleFixedSizeOperation(256, 256, aspect, crop, ox, oy) { MaxCanvasWidth = 768, MaxCanvasHeight = 768 };
            op.Inputs[0].Link = source;
            new CanvasResolver().Resolve(op, Rect.FromSize(256, 256));
            return op;
        }

        var stretch = Make(false, false);
        Assert.That(stretch.Canvas, Is.EqualTo(Rect.FromSize(256, 256)));
        var fit = Make(true, false);
        Assert.That(fit.Canvas, Is.EqualTo(new Rect(0, 42, 256, 298)), "fit: moved up by the truncated offset 42.67");
        var crop = Make(true, true);
        Assert.That(crop.Canvas, Is.EqualTo(Rect.FromSize(384, 256)), "crop: widened to cover");

        var o = Run(fit, source, new Rect(0, 100, 256, 101));
        // y = 100 reads (100 - 42.667) * 0.9375; x = 10 reads 10 * 0.9375.
        float sy = (100 - 128f / 3f) * 0.9375f, sx = 10 * 0.9375f;
        Assert.That(o.Span[o.IndexOf(10, 100)], Is.EqualTo(sx + 1000 * sy).Within(0.05f));
    }

    [Test]
    public void FixedSizeAreaOfInterestIsExact()
    {
        var source = new PatternOperation(Rect.FromSize(240, 160), (x, y, c) => x * 0.5f + y + c);
        var op = new ScaleFixedSizeOperation(256, 256, true, true, 0.1f, 0.2f);
        op.Inputs[0].Link = source;
        new CanvasResolver().Resolve(op, Rect.FromSize(256, 256));
        var area = new Rect(op.Canvas.XMin + 30, op.Canvas.YMin + 12, op.Canvas.XMin + 90, op.Canvas.YMin + 40);
        var aoi = op.GetAreaOfInterest(0, area).Intersect(source.Canvas);
        Assert.That(Run(op, source, area, aoi).Span.ToArray(), Is.EqualTo(Run(op, source, area).Span.ToArray()));
    }
}
