using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Rendering;

/// <summary>The pixels of one output node: linear, premultiplied RGBA floats over the output's canvas, rows bottom-up.</summary>
/// <param name="NodeName">The output node's name.</param>
/// <param name="Kind">Composite, Viewer or File Output.</param>
/// <param name="Image">The pixels; freed when the <see cref="RenderResult"/> is disposed.</param>
public sealed record OutputResult(string NodeName, OutputKind Kind, MemoryBuffer Image)
{
    /// <summary>Writes the image to <paramref name="path"/> as Blender saves renders (format from the extension; see <see cref="ImageExport"/>).</summary>
    public void Save(string path) => ImageExport.Save(Image, path);
}

/// <summary>Where the time and memory of a render went.</summary>
public sealed record RenderStatistics
{
    /// <summary>Seconds spent validating and compiling the graph (image reads included on a first render).</summary>
    public double CompileSeconds { get; init; }

    /// <summary>Seconds spent planning (groups, chunks, areas).</summary>
    public double PlanSeconds { get; init; }

    /// <summary>Seconds spent executing.</summary>
    public double ExecuteSeconds { get; init; }

    /// <summary>Operations after compilation.</summary>
    public int Operations { get; init; }

    /// <summary>Execution groups (tiled model; 0 in full frame).</summary>
    public int Groups { get; init; }

    /// <summary>Work packages executed (chunks or strips).</summary>
    public int Packages { get; init; }

    /// <summary>Highest number of bytes held by intermediate buffers at once.</summary>
    public long PeakBufferBytes { get; init; }

    /// <summary>Intermediate buffers allocated.</summary>
    public long BufferAllocations { get; init; }

    /// <summary>The execution model used.</summary>
    public ExecutionModel Model { get; init; }

    /// <summary>Time per operation (full frame) or per execution group (tiled), slowest first.</summary>
    public IReadOnlyList<Execution.OperationTiming> OperationTimes { get; init; } = [];

    /// <summary>True when this render was asked to run kernels on OpenCL devices.</summary>
    public bool OpenClRequested { get; init; }

    /// <summary>Operations (full frame) or groups (tiled) that ran on OpenCL devices, with their package counts.</summary>
    public IReadOnlyList<Execution.OpenClUse> OpenClUses { get; init; } = [];

    /// <summary>Operations or groups with kernels that ran on the CPU instead, and why.</summary>
    public IReadOnlyList<Execution.OpenClFallback> OpenClFallbacks { get; init; } = [];
}

/// <summary>A finished render: the outputs and the statistics.</summary>
public sealed class RenderResult : IDisposable
{
    internal RenderResult(IReadOnlyList<OutputResult> outputs, RenderStatistics statistics)
    {
        Outputs = outputs;
        Statistics = statistics;
    }

    /// <summary>Every output that ran, by priority.</summary>
    public IReadOnlyList<OutputResult> Outputs { get; }

    /// <summary>Timings and memory.</summary>
    public RenderStatistics Statistics { get; }

    /// <summary>The output of node <paramref name="nodeName"/>.</summary>
    /// <exception cref="KeyNotFoundException">No output of that name ran (a Viewer runs only when <see cref="RenderOptions.Rendering"/> is false).</exception>
    public OutputResult Output(string nodeName) =>
        Outputs.FirstOrDefault(o => o.NodeName == nodeName)
        ?? throw new KeyNotFoundException($"no output node '{nodeName}' ran (outputs: {string.Join(", ", Outputs.Select(o => o.NodeName))})");

    /// <summary>The Composite node's image, or null when the graph has none.</summary>
    public MemoryBuffer? Composite => Outputs.FirstOrDefault(o => o.Kind == OutputKind.Composite)?.Image;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var o in Outputs) o.Image.Dispose();
    }
}
