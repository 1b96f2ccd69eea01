using Compositor.Compile;
using Compositor.Devices;
using Compositor.Execution;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Core.Tests.Execution;

/// <summary>
/// Full frame: an output that would only copy its input (<see cref="OutputOperation.PassThroughInput"/>)
/// has that input's producer render straight into its result, when that changes nothing.
/// </summary>
public sealed class RenderIntoResultTests
{
    /// <summary>A color ramp: pixel (x, y) = (x, y, x + y, 1), over a fixed canvas; counts its strips.</summary>
    private sealed class ColorRamp(Rect canvas) : NodeOperation(DataType.Color)
    {
        public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => canvas;

        public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
        {
            for (int y = area.YMin; y < area.YMax; y++)
            {
                var row = output!.GetRow(y, area.XMin, area.Width);
                for (int x = 0; x < area.Width; x++)
                {
                    int px = area.XMin + x;
                    row[x * 4] = px;
                    row[x * 4 + 1] = y;
                    row[x * 4 + 2] = px + y;
                    row[x * 4 + 3] = 1f;
                }
            }
        }
    }

    /// <summary>Copies its input into the result over a fixed canvas (zero where the input has no pixels); counts its calls.</summary>
    private sealed class CopyOutput : OutputOperation
    {
        private readonly Rect _canvas;
        public int Calls;

        public CopyOutput(NodeOperation input, Rect canvas, string name) : base(OutputKind.Composite, name)
        {
            _canvas = canvas;
            AddInput(DataType.Color).Link = input;
        }

        public override int PassThroughInput => 0;

        public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
        {
            resolver.Resolve(Inputs[0].Link!, _canvas);
            return _canvas;
        }

        public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
        {
            Interlocked.Increment(ref Calls);
            var scratch = new float[area.Width * 4];
            for (int y = area.YMin; y < area.YMax; y++)
                inputs[0].ReadRow(y, area.XMin, area.Width, scratch).CopyTo(Result!.GetRow(y, area.XMin, area.Width));
        }
    }

    private static (RenderContext Context, int Packages) Run(IReadOnlyList<NodeOperation> ops, IReadOnlyList<OutputOperation> outputs, int threads = 2)
    {
        var resolver = new CanvasResolver();
        foreach (var output in outputs) resolver.Resolve(output, Rect.Empty);
        for (int i = 0; i < ops.Count; i++) ops[i].Id = i;
        var graph = new OperationGraph([.. ops], [.. outputs]);
        using var scheduler = new WorkScheduler(threads);
        var context = new RenderContext();
        foreach (var op in graph.Operations) op.InitializeExecution(context);
        var executor = new FullFrameExecutor(graph, scheduler, context, null);
        executor.Execute();
        return (context, executor.PackageCount);
    }

    private static float[] Expected(Rect canvas, Rect ramp)
    {
        var pixels = new float[canvas.Area * 4];
        for (int y = canvas.YMin; y < canvas.YMax; y++)
            for (int x = canvas.XMin; x < canvas.XMax; x++)
            {
                if (!ramp.Contains(x, y)) continue;
                int i = ((y - canvas.YMin) * canvas.Width + x - canvas.XMin) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (x, y, x + y, 1f);
            }

        return pixels;
    }

    [Test]
    public void AProducerOfTheWholeCanvasRendersIntoTheResult()
    {
        var canvas = Rect.FromSize(200, 100);
        var ramp = new ColorRamp(canvas);
        var output = new CopyOutput(ramp, canvas, "Composite");
        var (context, packages) = Run([ramp, output], [output]);

        Assert.That(output.Result!.Span.ToArray(), Is.EqualTo(Expected(canvas, canvas)));
        Assert.That(output.Calls, Is.Zero, "nothing left to copy");
        Assert.That(packages, Is.EqualTo(8), "the ramp's strips only (two threads, four each)");
        Assert.That(context.Pool.PeakBytes, Is.EqualTo(canvas.Area * 16), "the result only: no intermediate buffer");
    }

    [Test]
    public void AProducerSmallerThanTheCanvasIsCopiedWithZerosAround()
    {
        var canvas = Rect.FromSize(200, 100);
        var inner = new Rect(10, 5, 160, 80);
        var ramp = new ColorRamp(inner);
        var output = new CopyOutput(ramp, canvas, "Composite");
        Run([ramp, output], [output]);

        Assert.That(output.Calls, Is.GreaterThan(0));
        Assert.That(output.Result!.Span.ToArray(), Is.EqualTo(Expected(canvas, inner)));
    }

    [Test]
    public void AProducerReadByTwoOutputsKeepsItsOwnBuffer()
    {
        var canvas = Rect.FromSize(200, 100);
        var ramp = new ColorRamp(canvas);
        var first = new CopyOutput(ramp, canvas, "Composite");
        var second = new CopyOutput(ramp, canvas, "Viewer");
        var (context, _) = Run([ramp, first, second], [first, second]);

        Assert.That(first.Calls, Is.GreaterThan(0));
        Assert.That(second.Calls, Is.GreaterThan(0));
        Assert.That(first.Result!.Span.ToArray(), Is.EqualTo(Expected(canvas, canvas)));
        Assert.That(second.Result!.Span.ToArray(), Is.EqualTo(Expected(canvas, canvas)));
        Assert.That(context.Pool.PeakBytes, Is.EqualTo(3 * canvas.Area * 16), "two results and the ramp's own buffer");
    }

    /// <summary>
    /// Results are allocated uncleared (memory reused from an earlier result); executors zero them
    /// unless a producer writes every pixel. An output that writes only some channels still gets
    /// zeros in the others, in both models.
    /// </summary>
    [TestCase(ExecutionModel.FullFrame)]
    [TestCase(ExecutionModel.Tiled)]
    public void AReusedResultIsZeroedWhereTheOutputDoesNotWrite(ExecutionModel model)
    {
        const int Size = 512;
        var dirty = LargeArrays.Rent(Size * Size * 4);
        dirty.AsSpan().Fill(7f);
        LargeArrays.Return(dirty);

        var ramp = new RampOperation(Size, Size);
        var output = new ValueOutput(ramp, RenderPriority.Medium, "A");
        var resolver = new CanvasResolver();
        resolver.Resolve(output, Rect.Empty);
        (ramp.Id, output.Id) = (0, 1);
        var graph = new OperationGraph([ramp, output], [output]);
        using var scheduler = new WorkScheduler(2);
        var context = new RenderContext { Model = model };
        TestExecution.Run(graph, model, scheduler, context, null, 128);

        var pixels = output.Result!.Span;
        Assert.That(ReferenceEquals(output.Result.DangerousGetArray(), dirty), Is.True, "the result reused the dirty memory");
        for (int i = 0; i < pixels.Length; i += 4)
            if (pixels[i + 1] != 0f || pixels[i + 2] != 0f || pixels[i + 3] != 1f)
                Assert.Fail($"pixel {i / 4}: ({pixels[i]}, {pixels[i + 1]}, {pixels[i + 2]}, {pixels[i + 3]})");
        Assert.That(pixels[(3 * Size + 5) * 4], Is.EqualTo(3005f));
    }
}
