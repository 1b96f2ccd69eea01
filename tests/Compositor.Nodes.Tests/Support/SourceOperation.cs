using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Support;

/// <summary>A producer of a fixed canvas holding given pixels (test input).</summary>
internal sealed class SourceOperation : NodeOperation
{
    private readonly float[] _pixels;

    public SourceOperation(Rect canvas, float[] pixels, DataType type = DataType.Color) : base(type)
    {
        _pixels = pixels;
        Canvas = canvas;
    }

    /// <summary>Random RGBA pixels in [0, 1) over <paramref name="canvas"/>.</summary>
    public static SourceOperation Random(Rect canvas, int seed)
    {
        var rng = new Random(seed);
        var p = new float[canvas.Area * 4];
        for (int i = 0; i < p.Length; i++) p[i] = (float)rng.NextDouble();
        return new SourceOperation(canvas, p);
    }

    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => Canvas;

    /// <summary>The pixels over <paramref name="area"/> (zero outside the canvas).</summary>
    public MemoryBuffer Render(Rect area)
    {
        var b = MemoryBuffer.Create(OutputType!.Value, area);
        Execute(b, area, [], new RenderContext());
        return b;
    }

    public float Pixel(int x, int y, int c) =>
        Canvas.Contains(x, y) ? _pixels[((y - Canvas.YMin) * Canvas.Width + x - Canvas.XMin) * (int)OutputType!.Value + c] : 0f;

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        int ch = output!.Channels;
        for (int y = area.YMin; y < area.YMax; y++)
            for (int x = area.XMin; x < area.XMax; x++)
                for (int c = 0; c < ch; c++)
                    output.Span[output.IndexOf(x, y) + c] = Pixel(x, y, c);
    }
}

/// <summary>Runs single operations on test inputs.</summary>
internal static class OperationRunner
{
    /// <summary>Links <paramref name="source"/> to input 0 and constants to the others, resolves canvases and initializes.</summary>
    public static T Prepare<T>(T op, NodeOperation source, RenderQuality quality = RenderQuality.High, params float[] constants) where T : NodeOperation
    {
        op.Inputs[0].Link = source;
        for (int i = 1; i < op.Inputs.Count; i++)
            op.Inputs[i].Link = ConstantOperation.Of(i - 1 < constants.Length ? constants[i - 1] : 1f);
        new CanvasResolver().Resolve(op, source.Canvas);
        op.InitializeExecution(new RenderContext { Quality = quality });
        return op;
    }

    /// <summary>Executes <paramref name="op"/> over <paramref name="area"/> with input 0 rendered over <paramref name="inputArea"/> (its area of interest by default).</summary>
    public static MemoryBuffer Run(NodeOperation op, SourceOperation source, Rect area, Rect? inputArea = null)
    {
        var aoi = inputArea ?? op.GetAreaOfInterest(0, area).Intersect(source.Canvas);
        var inputs = new List<MemoryBuffer> { source.Render(aoi) };
        for (int i = 1; i < op.Inputs.Count; i++)
            inputs.Add(MemoryBuffer.CreateSingleElement(DataType.Value, ((ConstantOperation)op.Inputs[i].Link!).Value, op.Canvas));
        var output = MemoryBuffer.Create(op.OutputType!.Value, area);
        op.Execute(output, area, inputs.ToArray(), new RenderContext());
        return output;
    }
}
