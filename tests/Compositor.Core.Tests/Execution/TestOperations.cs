using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Core.Tests.Execution;

/// <summary>Counts the pixels it computes; output = input + 1.</summary>
internal sealed class CountingAddOne : PixelOperation
{
    public long Pixels;

    public CountingAddOne(NodeOperation input) : base(DataType.Value)
    {
        AddInput(DataType.Value).Link = input;
        Label = "count";
    }

    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        Interlocked.Add(ref Pixels, width);
        for (int x = 0; x < width; x++) output[x] = inputs.In0[x] + 1;
    }
}

/// <summary>A value ramp: pixel (x, y) = x + 1000 y, over a fixed canvas.</summary>
internal sealed class RampOperation : NodeOperation
{
    private readonly Rect _canvas;

    public RampOperation(int w, int h) : base(DataType.Value)
    {
        _canvas = Rect.FromSize(w, h);
        Label = "ramp";
    }

    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => _canvas;

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = output!.GetRow(y, area.XMin, area.Width);
            for (int x = 0; x < row.Length; x++) row[x] = area.XMin + x + 1000 * y;
        }
    }
}

/// <summary>A complex box filter: mean of the 3×3 neighbourhood (zero outside), reading ±1 pixel.</summary>
internal sealed class Box3Operation : NodeOperation
{
    public Box3Operation(NodeOperation input) : base(DataType.Value)
    {
        AddInput(DataType.Value).Link = input;
        Flags = OperationFlags.Complex;
        Label = "box";
    }

    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Expand(1, 1);

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var v = new float[1];
        for (int y = area.YMin; y < area.YMax; y++)
            for (int x = area.XMin; x < area.XMax; x++)
            {
                float sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        if (!Canvas.Contains(x + dx, y + dy)) continue;
                        inputs[0].ReadElementChecked(x + dx, y + dy, v);
                        sum += v[0];
                    }

                output!.GetRow(y, x, 1)[0] = sum / 9f;
            }
    }
}

/// <summary>Collects a value image.</summary>
internal sealed class ValueOutput : OutputOperation
{
    private readonly RenderPriority _priority;

    public ValueOutput(NodeOperation input, RenderPriority priority, string name) : base(OutputKind.File, name)
    {
        _priority = priority;
        AddInput(DataType.Value).Link = input;
        Label = name;
    }

    public override RenderPriority Priority => _priority;

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var scratch = new float[area.Width];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var row = inputs[0].ReadRow(y, area.XMin, area.Width, scratch);
            var dst = Result!.GetRow(y, area.XMin, area.Width);
            for (int x = 0; x < row.Length; x++) { dst[x * 4] = row[x]; dst[x * 4 + 3] = 1; }
        }
    }
}
