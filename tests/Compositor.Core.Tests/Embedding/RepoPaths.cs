namespace Compositor.Core.Tests.Embedding;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln"))) return dir.FullName;
            throw new AssertionException("repository root not found");
        }
    }

    /// <summary>The bundled example graph (a photo with a soft glow, 240x160).</summary>
    public static string GlowGraph => Path.Combine(Root, "examples", "glow", "glow.json");
}
