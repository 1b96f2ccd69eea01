namespace Compositor.Core.Tests.Codecs;

/// <summary>Locates the shared test data (PngSuite, EXR references, conformance images).</summary>
internal static class TestData
{
    /// <summary>The shared folder: $COMPOSITOR_SHARED, else the first "shared" folder found walking up from the test binaries, else /work/shared.</summary>
    public static string SharedRoot { get; } = FindSharedRoot();

    public static string PngSuite => Path.Combine(SharedRoot, "testdata", "pngsuite");
    public static string Exr => Path.Combine(SharedRoot, "testdata", "exr");
    public static string Conformance => Path.Combine(SharedRoot, "conformance");

    /// <summary>Test files kept with the tests (copied next to the test binaries): <c>Codecs/Data</c>.</summary>
    public static string Local => Path.Combine(AppContext.BaseDirectory, "Codecs", "Data");

    /// <summary>A file of <see cref="Local"/>.</summary>
    public static string LocalFile(params string[] parts) => Path.Combine([Local, .. parts]);

    private static string FindSharedRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("COMPOSITOR_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "testdata"))) return candidate;
        }
        return "/work/shared";
    }

    /// <summary>File names (not paths) in <paramref name="folder"/> matching <paramref name="pattern"/>, sorted; empty when the folder is missing.</summary>
    public static string[] Files(string folder, string pattern) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
}
