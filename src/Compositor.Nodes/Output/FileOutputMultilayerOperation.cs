using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// A File Output node in OPEN_EXR_MULTILAYER format (Blender's OutputOpenExrMultiLayerOperation):
/// one input per linked slot, each written as a layer of one EXR file when the render completes.
/// The canvas is that of the first input with a size; the others are fitted to it. Unlike Blender
/// 3.4's FULL_FRAME mode, which fills every layer from the first input (a bug its TILED mode and
/// later versions do not have), each layer gets its own input. Runs only when rendering.
/// </summary>
public sealed class FileOutputMultilayerOperation : OutputOperation
{
    private readonly List<(string Name, DataType Type)> _layers = [];
    private MemoryBuffer?[] _images = [];

    /// <summary>Creates the output; add the layers with <see cref="AddLayer"/>.</summary>
    public FileOutputMultilayerOperation(string nodeName, FileOutputFormat format, string path) : base(OutputKind.File, nodeName)
    {
        Format = format;
        Path = path;
        CanvasInputIndex = AnyInput;
    }

    /// <summary>The format (depth and codec matter).</summary>
    public FileOutputFormat Format { get; }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The layers, in input order.</summary>
    public IReadOnlyList<(string Name, DataType Type)> Layers => _layers;

    /// <summary>Adds a layer named <paramref name="name"/> of <paramref name="type"/> and returns its input.</summary>
    public OperationInput AddLayer(string name, DataType type)
    {
        _layers.Add((name, type));
        return AddInput(type);
    }

    /// <inheritdoc />
    public override bool IsActive(bool rendering) => rendering;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => base.DetermineCanvas(Rect.Empty, resolver);

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        DeinitializeExecution();
        _images = new MemoryBuffer?[_layers.Count];
        if (!Canvas.IsEmpty)
            for (int i = 0; i < _images.Length; i++) _images[i] = MemoryBuffer.CreateOwned(_layers[i].Type, Canvas, context.Pool);
        Result = null;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        for (int i = 0; i < _images.Length; i++) _images[i]?.CopyFrom(inputs[i], area);
    }

    /// <inheritdoc />
    public override void Complete(RenderContext context)
    {
        if (Canvas.IsEmpty || _images.Length == 0) return;
        var layers = new List<(string, MemoryBuffer)>(_images.Length);
        for (int i = 0; i < _images.Length; i++) layers.Add((_layers[i].Name, _images[i]!));
        FileOutputWriter.WriteMultilayer(layers, Format, Path);
    }

    /// <inheritdoc />
    public override void DeinitializeExecution()
    {
        foreach (var image in _images) image?.Dispose();
        _images = [];
    }
}
