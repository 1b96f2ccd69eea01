using System.Globalization;
using System.Text;

namespace Compositor.Nodes.Output;

/// <summary>
/// Blender's file naming for File Output (BLI_join_dirfile, BLI_path_frame, the image extension
/// rule): slot path joined to the base path, the frame number put in place of the last run of
/// <c>#</c> in the file name (or appended with 4 digits when there is none), and the format's
/// extension ensured.
/// </summary>
public static class FileOutputPaths
{
    /// <summary>Image extensions Blender recognizes (replaced rather than appended to).</summary>
    private static readonly string[] ImageExtensions =
    [
        ".png", ".tga", ".bmp", ".jpg", ".jpeg", ".sgi", ".rgb", ".rgba", ".tif", ".tiff", ".tx", ".jp2", ".j2c",
        ".hdr", ".dds", ".dpx", ".cin", ".exr", ".psd", ".pdd", ".psb", ".webp",
    ];

    /// <summary>Joins a folder and a file name with one separator (Blender's BLI_join_dirfile).</summary>
    public static string Join(string folder, string file)
    {
        if (folder.Length == 0) return file;
        char last = folder[^1];
        return last is '/' or '\\' ? folder + file : folder + "/" + file;
    }

    /// <summary>
    /// Puts <paramref name="frame"/> into <paramref name="path"/>: the last run of <c>#</c> in the
    /// file name becomes the frame zero-padded to the run's length; without one, four digits are appended.
    /// </summary>
    public static string InsertFrame(string path, int frame)
    {
        int fileStart = path.LastIndexOfAny(['/', '\\']) + 1;
        int runStart = -1, runEnd = -1;
        for (int i = fileStart; i < path.Length; i++)
        {
            if (path[i] != '#') continue;
            int end = i;
            while (end < path.Length && path[end] == '#') end++;
            runStart = i;
            runEnd = end;
            i = end - 1;
        }

        if (runStart < 0)
        {
            runStart = path.Length;
            runEnd = path.Length + 4;
            path += "####";
        }

        return path[..runStart] + FormatFrame(frame, runEnd - runStart) + path[runEnd..];
    }

    /// <summary>
    /// Ensures <paramref name="path"/> ends with <paramref name="extension"/> (case-insensitively);
    /// another known image extension is replaced, anything else is kept and the extension appended.
    /// </summary>
    public static string EnsureExtension(string path, string extension)
    {
        if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return path;
        foreach (var known in ImageExtensions)
        {
            if (!path.EndsWith(known, StringComparison.OrdinalIgnoreCase) || path.Length == known.Length) continue;
            int fileStart = path.LastIndexOfAny(['/', '\\']) + 1;
            int dot = path.LastIndexOf('.');
            if (dot >= fileStart) return path[..dot] + extension;
        }

        return path.TrimEnd('.') + extension;
    }

    /// <summary>
    /// The file a slot writes: <paramref name="basePath"/> joined with <paramref name="slotPath"/> (null
    /// for a multi-layer file, whose name is the base path itself), made absolute against
    /// <paramref name="directory"/> (a leading <c>//</c> is relative to it too), with the frame and,
    /// when <paramref name="extension"/> is given, the extension.
    /// </summary>
    public static string Build(string basePath, string? slotPath, int frame, string? extension, string directory)
    {
        string path = slotPath is null ? basePath : Join(basePath, slotPath);
        if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
        path = InsertFrame(path, frame);
        if (extension is not null) path = EnsureExtension(path, extension);
        return Path.GetFullPath(Path.Combine(directory, path));
    }

    /// <summary>C's <c>%.*d</c>: at least <paramref name="digits"/> digits, a minus sign before them when negative.</summary>
    private static string FormatFrame(int frame, int digits)
    {
        var sb = new StringBuilder();
        long magnitude = Math.Abs((long)frame);
        if (frame < 0) sb.Append('-');
        sb.Append(magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'));
        return sb.ToString();
    }
}
