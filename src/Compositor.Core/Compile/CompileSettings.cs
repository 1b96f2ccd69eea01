using Compositor.Graph;
using Compositor.Operations;

namespace Compositor.Compile;

/// <summary>Settings the compiler and node converters need: scene size, frame, quality, model, paths.</summary>
public sealed record CompileSettings
{
    /// <summary>The graph's scene settings.</summary>
    public required GraphSettings Scene { get; init; }

    /// <summary>Folder relative paths resolve against.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Folder relative File Output paths resolve against (by default the graph's folder).</summary>
    public string? FileOutputDirectory { get; init; }

    /// <summary>The execution model the graph will run under.</summary>
    public ExecutionModel Model { get; init; } = ExecutionModel.FullFrame;

    /// <summary>Rendering (F12: Composite and File Output run) rather than editing (Viewers run too).</summary>
    public bool Rendering { get; init; } = true;

    /// <summary>Quality for blur-type operations.</summary>
    public RenderQuality Quality { get; init; } = RenderQuality.High;

    /// <summary>Limits input images are read under (size, and the memory budget's share).</summary>
    public Codecs.ImageReadOptions InputLimits { get; init; } = Codecs.ImageReadOptions.Default;

    /// <summary>Images already read, shared across renders of the same graph.</summary>
    public ImageCache Images { get; init; } = new();
}
