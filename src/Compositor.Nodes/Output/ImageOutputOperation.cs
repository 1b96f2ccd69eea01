using Compositor.Execution;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// Collects an image into an output's result (Blender's CompositorOperation and ViewerOperation):
/// inputs Image, Alpha and Z; alpha comes from the Alpha input when that is in use, else from the
/// image. The Composite's canvas is the scene resolution; a Viewer shows its input at its own size.
/// </summary>
public sealed class ImageOutputOperation : OutputOperation, IChunkOrderSource
{
    private readonly Rect? _fixedCanvas;
    private readonly Rect _preferred;

    /// <summary>Creates an output. <paramref name="fixedCanvas"/> forces the canvas (Composite); otherwise the input decides (Viewer).</summary>
    public ImageOutputOperation(OutputKind kind, string nodeName, Rect? fixedCanvas, Rect preferred, bool useAlphaInput) : base(kind, nodeName)
    {
        _fixedCanvas = fixedCanvas;
        _preferred = preferred;
        UseAlphaInput = useAlphaInput;
        AddInput(DataType.Color);
        AddInput(DataType.Value);
        AddInput(DataType.Value);
    }

    /// <summary>Alpha is taken from the Alpha input rather than the image.</summary>
    public bool UseAlphaInput { get; }

    /// <inheritdoc />
    /// <remarks>The image, when alpha comes with it (no Alpha input).</remarks>
    public override int PassThroughInput => UseAlphaInput ? -1 : 0;

    /// <summary>The Viewer's tile order.</summary>
    public ChunkOrdering ChunkOrdering { get; init; } = ChunkOrdering.CenterOut;

    /// <summary>The Viewer's hotspot x (0..1).</summary>
    public float CenterX { get; init; } = 0.5f;

    /// <summary>The Viewer's hotspot y (0..1).</summary>
    public float CenterY { get; init; } = 0.5f;

    /// <summary>True for the active Viewer: it runs while editing, first.</summary>
    public bool IsActiveViewer { get; init; }

    /// <inheritdoc />
    public override RenderPriority Priority => Kind switch
    {
        OutputKind.Composite => RenderPriority.Medium,
        OutputKind.Viewer when IsActiveViewer => RenderPriority.High,
        _ => RenderPriority.Low,
    };

    /// <inheritdoc />
    public override bool IsActive(bool rendering) => Kind != OutputKind.Viewer || (!rendering && IsActiveViewer);

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => base.DetermineCanvas(_preferred, resolver);

    /// <inheritdoc />
    protected override Rect ModifyCanvas(Rect determined) => _fixedCanvas ?? determined;

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        var result = Result!;
        int w = area.Width;
        var scratch = System.Buffers.ArrayPool<float>.Shared.Rent(w * 4);
        var alphaScratch = UseAlphaInput ? System.Buffers.ArrayPool<float>.Shared.Rent(w) : [];
        for (int y = area.YMin; y < area.YMax; y++)
        {
            var dst = result.GetRow(y, area.XMin, w);
            inputs[0].ReadRow(y, area.XMin, w, scratch).CopyTo(dst);
            if (!UseAlphaInput) continue;
            var alpha = inputs[1].ReadRow(y, area.XMin, w, alphaScratch);
            for (int x = 0; x < w; x++) dst[x * 4 + 3] = alpha[x];
        }

        System.Buffers.ArrayPool<float>.Shared.Return(scratch);
        if (UseAlphaInput) System.Buffers.ArrayPool<float>.Shared.Return(alphaScratch);
    }
}
