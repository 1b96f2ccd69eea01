using Compositor.Imaging;

namespace Compositor.Operations;

/// <summary>
/// Moves its input by a whole number of pixels (offsets truncated toward zero, as Blender's full
/// frame model does); pixels that come from outside the input read as transparent black. The
/// compiler uses it to centre inputs of another size; the Translate node builds on it.
/// </summary>
public sealed class TranslateOperation : NodeOperation, IPixelShift
{
    /// <summary>Creates a translation of <paramref name="type"/> by a constant offset.</summary>
    public TranslateOperation(DataType type, float deltaX, float deltaY) : base(type)
    {
        AddInput(type, ResizeMode.None);
        DeltaX = (int)deltaX;
        DeltaY = (int)deltaY;
    }

    /// <summary>Whole-pixel offset along x.</summary>
    public int DeltaX { get; }

    /// <summary>Whole-pixel offset along y.</summary>
    public int DeltaY { get; }

    /// <inheritdoc />
    public int ShiftedInput => 0;

    /// <inheritdoc />
    public (int X, int Y)? Shift => (DeltaX, DeltaY);

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) => outputArea.Translate(-DeltaX, -DeltaY);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var o = output!;
        var input = inputs[0];
        var scratch = input.IsSingleElement || !input.Rect.Contains(area.Translate(-DeltaX, -DeltaY))
            ? new float[area.Width * o.Channels] : null;
        for (int y = area.YMin; y < area.YMax; y++)
            input.ReadRow(y - DeltaY, area.XMin - DeltaX, area.Width, scratch).CopyTo(o.GetRow(y, area.XMin, area.Width));
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(DeltaX);
        hash.Add(DeltaY);
        return true;
    }
}
