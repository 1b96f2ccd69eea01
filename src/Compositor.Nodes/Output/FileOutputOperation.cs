using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Output;

/// <summary>
/// One File Output slot in a single-layer format (Blender's OutputSingleLayerOperation): collects
/// its input, of the slot's data type, over the input's own canvas, and writes it when the render
/// completes. An input without a size of its own (a constant) has an empty canvas and writes
/// nothing, as in Blender. Runs only when rendering.
/// </summary>
public sealed class FileOutputOperation : OutputOperation
{
    private MemoryBuffer? _image;

    /// <summary>Creates the output for one slot.</summary>
    /// <param name="nodeName">The File Output node.</param>
    /// <param name="type">The slot's data type (the type of the socket linked to it).</param>
    /// <param name="format">The slot's format (PNG or OpenEXR).</param>
    /// <param name="path">The file to write, frame number and extension included.</param>
    public FileOutputOperation(string nodeName, DataType type, FileOutputFormat format, string path) : base(OutputKind.File, nodeName)
    {
        if (format.FileFormat == FileOutputFileFormat.OpenExrMultilayer)
            throw new ArgumentException("multi-layer formats use FileOutputMultilayerOperation", nameof(format));
        DataType = type;
        Format = format;
        Path = path;
        AddInput(type);
    }

    /// <summary>The data type written.</summary>
    public DataType DataType { get; }

    /// <summary>The format.</summary>
    public FileOutputFormat Format { get; }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override bool IsActive(bool rendering) => rendering;

    /// <inheritdoc />
    public override Rect DetermineCanvas(Rect preferred, CanvasResolver resolver) => base.DetermineCanvas(Rect.Empty, resolver);

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        _image?.Dispose();
        _image = Canvas.IsEmpty ? null : MemoryBuffer.CreateOwned(DataType, Canvas, context.Pool);
        Result = null;
    }

    /// <inheritdoc />
    public override void Execute(MemoryBuffer? output, Rect area, ReadOnlySpan<MemoryBuffer> inputs, RenderContext context)
    {
        if (_image is null) return;
        _image.CopyFrom(inputs[0], area);
    }

    /// <inheritdoc />
    public override void Complete(RenderContext context)
    {
        if (_image is null) return;
        FileOutputWriter.WriteSingleLayer(_image, Format, Path);
        // The written image is handed back as a color result, like the other outputs.
        var result = MemoryBuffer.CreateOwned(DataType.Color, _image.Rect, context.Pool);
        FillColor(_image, result);
        Result = result;
    }

    /// <inheritdoc />
    public override void DeinitializeExecution()
    {
        _image?.Dispose();
        _image = null;
    }

    /// <summary>Copies <paramref name="source"/> into the color buffer <paramref name="target"/> (a value as gray, alpha 1 for values and vectors).</summary>
    internal static void FillColor(MemoryBuffer source, MemoryBuffer target)
    {
        int w = source.Width, c = source.Channels;
        var scratch = new float[w * c];
        for (int y = source.Rect.YMin; y < source.Rect.YMax; y++)
        {
            var src = source.ReadRow(y, source.Rect.XMin, w, scratch);
            var dst = target.GetRow(y, source.Rect.XMin, w);
            for (int x = 0; x < w; x++)
            {
                int s = x * c, d = x * 4;
                if (c == 1)
                {
                    dst[d] = dst[d + 1] = dst[d + 2] = src[s];
                    dst[d + 3] = 1f;
                }
                else
                {
                    dst[d] = src[s];
                    dst[d + 1] = src[s + 1];
                    dst[d + 2] = src[s + 2];
                    dst[d + 3] = c == 4 ? src[s + 3] : 1f;
                }
            }
        }
    }
}
