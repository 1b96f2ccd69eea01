using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// Shows the first image on one side of a split and the second on the other (Blender's
/// SplitOperation): along x, pixels at x ≥ width × percent / 100 come from the first image.
/// </summary>
public sealed class SplitOperation : NodeOperation
{
    private readonly float _percent;
    private readonly bool _splitX;

    /// <summary>Creates a split at <paramref name="percent"/> of the width (or height when <paramref name="splitX"/> is false).</summary>
    public SplitOperation(float percent, bool splitX) : base(DataType.Color)
    {
        _percent = percent;
        _splitX = splitX;
        AddInput(DataType.Color);
        AddInput(DataType.Color);
    }

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver)
    {
        // The first image decides when it has a size of its own; otherwise the second.
        var first = Inputs[0].IsConnected ? resolver.Resolve(Inputs[0].Link!, Rect.Empty) : Rect.Empty;
        CanvasInputIndex = first.IsEmpty ? 1 : 0;
        return base.DetermineCanvas(preferred, resolver);
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        int split = (int)(_percent * (_splitX ? Canvas.Width : Canvas.Height) / 100f);
        var scratch = new float[area.Width * 4];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = output!.GetRow(y, area.XMin, area.Width);
            if (!_splitX)
            {
                inputs[y >= split ? 0 : 1].ReadRow(y, area.XMin, area.Width, scratch).CopyTo(dst);
                continue;
            }

            // Columns left of the split come from the second image, the rest from the first.
            int firstStart = Math.Clamp(split, area.XMin, area.XMax);
            if (firstStart > area.XMin)
                inputs[1].ReadRow(y, area.XMin, firstStart - area.XMin, scratch).CopyTo(dst);
            if (firstStart < area.XMax)
                inputs[0].ReadRow(y, firstStart, area.XMax - firstStart, scratch).CopyTo(dst[((firstStart - area.XMin) * 4)..]);
        }
    }

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(_percent);
        hash.Add(_splitX);
        return true;
    }
}
