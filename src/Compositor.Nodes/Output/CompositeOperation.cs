using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// The render result (Blender's CompositorOperation): its canvas is the scene resolution, whatever
/// its input's size; alpha comes from the Alpha input when that is in use, else from the image.
/// </summary>
public sealed class CompositeOperation : OutputOperation
{
    private readonly int _width;
    private readonly int _height;

    /// <summary>Creates the output for a <paramref name="width"/> × <paramref name="height"/> render.</summary>
    public CompositeOperation(string nodeName, int width, int height, bool useAlphaInput) : base(OutputKind.Composite, nodeName)
    {
        _width = width;
        _height = height;
        UseAlphaInput = useAlphaInput;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
    }

    /// <summary>Alpha is taken from the Alpha input rather than the image.</summary>
    public bool UseAlphaInput { get; }

    /// <inheritdoc />
    public override RenderPriority Priority => RenderPriority.Medium;

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined) => Rect.FromSize(_width, _height);

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) =>
        base.DetermineCanvas(Rect.FromSize(_width, _height), resolver);

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var result = Result!;
        int w = area.Width;
        var scratch = new float[w * 4];
        var alphaScratch = new float[w];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = result.GetRow(y, area.XMin, w);
            inputs[0].ReadRow(y, area.XMin, w, scratch).CopyTo(dst);
            if (!UseAlphaInput) continue;
            var alpha = inputs[1].ReadRow(y, area.XMin, w, alphaScratch);
            for (int x = 0; x < w; x++) dst[x * 4 + 3] = alpha[x];
        }
    }
}
