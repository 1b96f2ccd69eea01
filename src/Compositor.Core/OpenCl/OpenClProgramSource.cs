using System.Collections.Concurrent;
using System.Reflection;

namespace Compositor.OpenCl;

/// <summary>
/// The source of an OpenCL program: the shared helpers (<c>Common.cl</c>: image reads and writes)
/// followed by one operation family's kernels. Devices build each program once and keep it.
/// </summary>
public sealed class OpenClProgramSource
{
    private static readonly ConcurrentDictionary<(Assembly, string), OpenClProgramSource> Loaded = new();
    private static readonly Lazy<string> Common = new(() => ReadResource(typeof(OpenClProgramSource).Assembly, "Compositor.OpenCl.Common.cl"));

    /// <summary>A program named <paramref name="name"/> made of the common helpers and <paramref name="kernels"/>.</summary>
    public OpenClProgramSource(string name, string kernels)
    {
        Name = name;
        Source = Common.Value + "\n#line 1 \"" + name + "\"\n" + kernels;
    }

    /// <summary>The program's name (its resource name), used in errors and as the cache key with the source.</summary>
    public string Name { get; }

    /// <summary>The full source handed to the compiler.</summary>
    public string Source { get; }

    /// <summary>The program in embedded resource <paramref name="resource"/> of <paramref name="assembly"/> (loaded once).</summary>
    public static OpenClProgramSource FromResource(Assembly assembly, string resource) =>
        Loaded.GetOrAdd((assembly, resource), key => new OpenClProgramSource(key.Item2, ReadResource(key.Item1, key.Item2)));

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"OpenCL kernel source '{name}' is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
