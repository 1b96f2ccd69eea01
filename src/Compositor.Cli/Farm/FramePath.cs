using Compositor.Nodes.Output;

namespace Compositor.Cli.Farm;

/// <summary>
/// Output file names per frame, as Blender names render output: the last run of <c>#</c> in the file
/// name becomes the frame number zero-padded to the run's length (<c>out_####.exr</c> →
/// <c>out_0042.exr</c>; <c>-</c> before negative frames). A frame range written to a name without
/// <c>#</c> gets four digits before the extension (<c>out.exr</c> → <c>out0042.exr</c>).
/// </summary>
public static class FramePath
{
    /// <summary>True when <paramref name="pattern"/>'s file name has a <c>#</c> run for the frame.</summary>
    public static bool HasFrameField(string pattern) => Path.GetFileName(pattern).Contains('#');

    /// <summary>
    /// The file for <paramref name="frame"/>. Without a <c>#</c> run, the frame is inserted only when
    /// <paramref name="numberWithoutField"/> (a frame list was asked for); otherwise the pattern is the name.
    /// </summary>
    public static string For(string pattern, int frame, bool numberWithoutField)
    {
        if (HasFrameField(pattern)) return FileOutputPaths.InsertFrame(pattern, frame);
        if (!numberWithoutField) return pattern;
        string extension = Path.GetExtension(pattern);
        return FileOutputPaths.InsertFrame(pattern[..^extension.Length] + "####", frame) + extension;
    }
}
