using System.Diagnostics;
using System.IO.Compression;

namespace Compositor.Cli.Tests;

/// <summary>
/// The README's install path: <c>dotnet pack</c> makes the library packages and the tool package,
/// and <c>dotnet tool install --add-source</c> installs a <c>compositor</c> that renders. Runs offline
/// (a private NuGet folder, the local packages only) in a minute or two.
/// </summary>
[NonParallelizable]
[Category("Package")]
public sealed class PackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln"))) return dir.FullName;
            throw new AssertionException("repository root not found");
        }
    }

    private static (int Code, string Output) Dotnet(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        Run(Farm.CliProcess.DotNet, workingDirectory, environment, args);

    private static (int Code, string Output) Run(string file, string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} ran past {Limit}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Test]
    public void PackedToolInstallsAndRenders()
    {
        string dir = Path.Combine(Path.GetTempPath(), "compositor-pack-" + Guid.NewGuid().ToString("N"));
        string packages = Path.Combine(dir, "packages"), tools = Path.Combine(dir, "tools");
        try
        {
            foreach (var project in new[] { "Compositor.Core", "Compositor.Devices", "Compositor.Nodes", "Compositor.Cli" })
            {
                var (code, output) = Dotnet(RepoRoot, null, "pack", Path.Combine("src", project, project + ".csproj"), "-c", "Release", "-o", packages);
                Assert.That(code, Is.Zero, $"dotnet pack {project}:\n{output}");
            }

            var nupkgs = Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order().ToList();
            Assert.That(nupkgs.Select(n => n!.Split('.')[1]), Is.EqualTo(new[] { "Cli", "Core", "Devices", "Nodes" }), string.Join(", ", nupkgs));
            using (var nodes = ZipFile.OpenRead(Directory.GetFiles(packages, "Compositor.Nodes.*.nupkg").Single()))
            {
                Assert.That(nodes.Entries.Select(e => e.FullName), Has.Some.EqualTo("lib/net10.0/Compositor.Nodes.dll"));
                Assert.That(nodes.Entries.Select(e => e.FullName), Has.Some.EqualTo("lib/net10.0/Compositor.Nodes.xml"), "XML docs ship with the library");
            }

            // A private package folder: the install may use nothing but the packages just made.
            var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir, "nuget") };
            var install = Dotnet(dir, isolated, "tool", "install", "--tool-path", tools, "--add-source", packages, "Compositor.Cli");
            Assert.That(install.Code, Is.Zero, $"dotnet tool install:\n{install.Output}");

            string image = Path.Combine(dir, "glow.png");
            var render = Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "compositor.exe" : "compositor"), dir, null,
                "render", Path.Combine(RepoRoot, "examples", "glow", "glow.json"), "-o", image, "--progress", "none");
            Assert.That(render.Code, Is.Zero, render.Output);
            Assert.That(Codecs.ImageCodecs.Read(image).Width, Is.EqualTo(240));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
