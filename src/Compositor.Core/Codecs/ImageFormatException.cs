namespace Compositor.Codecs;

/// <summary>
/// An image file is malformed, truncated or uses a feature this decoder does not handle.
/// The message names the file (when known) and the exact problem, e.g.
/// <c>"shot.png: PNG chunk IHDR: bad CRC"</c>.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates an exception describing <paramref name="problem"/> in an unnamed source.</summary>
    public ImageFormatException(string problem)
        : this(problem, fileName: null, inner: null)
    {
    }

    /// <summary>Creates an exception describing <paramref name="problem"/>, caused by <paramref name="inner"/>.</summary>
    public ImageFormatException(string problem, Exception? inner)
        : this(problem, fileName: null, inner)
    {
    }

    /// <summary>Creates an exception describing <paramref name="problem"/> in <paramref name="fileName"/>.</summary>
    public ImageFormatException(string problem, string? fileName, Exception? inner)
        : base(fileName is null ? problem : $"{fileName}: {problem}", inner)
    {
        Problem = problem;
        FileName = fileName;
    }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The file the problem was found in, or null when decoding a stream of unknown origin.</summary>
    public string? FileName { get; }

    /// <summary>The same problem, attributed to <paramref name="fileName"/>.</summary>
    public ImageFormatException WithFileName(string fileName) => new(Problem, fileName, this);
}
