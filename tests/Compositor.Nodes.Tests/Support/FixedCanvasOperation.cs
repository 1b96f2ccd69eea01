using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Tests.Support;

/// <summary>A stand-in producer with a canvas of its own (like an image), for canvas tests.</summary>
internal sealed class FixedCanvasOperation(DataType type, Rect canvas) : NodeOperation(type)
{
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => canvas;

    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context) =>
        throw new NotSupportedException();
}
