namespace Compositor.Graph;

/// <summary>
/// A file the graph reads (an input image, a frame of an image sequence) is missing, unreadable,
/// corrupt or over the input size limits. The graph's structure may be fine: the same graph can
/// render once the file is there. Raised before any pixel work, like every <see cref="GraphException"/>.
/// </summary>
public sealed class InputFileException : GraphException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public InputFileException(string message, string path, string? node = null, string? key = null, Exception? inner = null)
        : base(message, node, key, inner: inner)
    {
        Path = path;
    }

    /// <summary>The file concerned.</summary>
    public string Path { get; }
}
