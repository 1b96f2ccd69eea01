namespace Compositor.Conformance.Tests;

/// <summary>Finds the shared reference data (../shared beside the repository, or COMPOSITOR_SHARED).</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Folder => Root.Value;

    /// <summary>The shared folder; fails the test when it is missing.</summary>
    public static string Require() =>
        Folder ?? throw new AssertionException("the shared reference data was not found: put it at ../shared beside the repository or set COMPOSITOR_SHARED");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("COMPOSITOR_SHARED") is { Length: > 0 } env && Directory.Exists(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Compositor.sln"))) continue;
            var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
            return Directory.Exists(Path.Combine(shared, "conformance")) ? shared : null;
        }

        return null;
    }
}
