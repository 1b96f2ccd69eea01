using System.Text.Json;
using System.Text.RegularExpressions;
using Compositor.Codecs;
using Compositor.Examples;

namespace Compositor.Core.Tests.Embedding;

/// <summary>
/// The examples of docs/embedding.md: the document includes the files of Embedding/Examples
/// verbatim, and each example runs here.
/// </summary>
public sealed partial class ExamplesTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-examples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string ExamplesFolder => Path.Combine(RepoPaths.Root, "tests", "Compositor.Core.Tests", "Embedding", "Examples");

    [GeneratedRegex(@"<!-- include: (?<path>[^ ]+) -->\r?\n```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Include();

    [Test]
    public void TheDocumentShowsEveryExampleFileVerbatim()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "embedding.md"));
        var included = Include().Matches(doc).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["code"].Value);
        var files = Directory.GetFiles(ExamplesFolder, "*.cs").Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')).Order().ToList();
        Assert.That(included.Keys.Order(), Is.EqualTo(files), "docs/embedding.md includes each example file once");
        foreach (var (path, code) in included)
            Assert.That(code.ReplaceLineEndings("\n"), Is.EqualTo(File.ReadAllText(Path.Combine(RepoPaths.Root, path)).ReplaceLineEndings("\n")),
                $"{path} differs from its copy in docs/embedding.md");
    }

    [Test]
    public async Task QuickStartWritesTheComposite()
    {
        string output = Path.Combine(_dir, "glow.png");
        await QuickStart.RunAsync(RepoPaths.GlowGraph, output);
        var image = ImageCodecs.Read(output);
        Assert.That((image.Width, image.Height), Is.EqualTo((240, 160)));
    }

    [Test]
    public async Task ProgressAndCancellationFinishesOrStops()
    {
        Assert.That(await ProgressAndCancellation.RunAsync(RepoPaths.GlowGraph, TimeSpan.FromMinutes(5)), Is.True);
        Assert.That(await ProgressAndCancellation.RunAsync(RepoPaths.GlowGraph, TimeSpan.Zero), Is.False);
    }

    [Test]
    public async Task BuildInCodeReturnsTheBlurredPicture()
    {
        var pixels = await BuildInCode.RunAsync(64, 32);
        Assert.That(pixels, Has.Length.EqualTo(64 * 32 * 4));
        // Left (dark red) to right (bright red); every pixel opaque.
        float Red(int x, int y) => pixels[(y * 64 + x) * 4];
        Assert.That(Red(60, 16), Is.GreaterThan(Red(3, 16) + 0.2f));
        Assert.That(Enumerable.Range(0, 64 * 32).All(i => Math.Abs(pixels[i * 4 + 3] - 1f) < 1e-5f), Is.True);
    }

    [Test]
    public async Task SeeInsideWritesATraceTilesAndALivePreview()
    {
        string trace = Path.Combine(_dir, "trace.json"), tiles = Path.Combine(_dir, "tiles.png");
        var preview = await SeeInside.RunAsync(RepoPaths.GlowGraph, trace, tiles);
        using var doc = JsonDocument.Parse(File.ReadAllText(trace));
        int bars = doc.RootElement.GetProperty("traceEvents").EnumerateArray().Count(e => e.GetProperty("ph").GetString() == "X");
        Assert.That(bars, Is.GreaterThan(40), "240x160 in 32-pixel chunks: 40 Composite chunks plus the producer groups");
        Assert.That(ImageCodecs.Read(tiles).Width, Is.EqualTo(240));
        Assert.That(preview.Any(v => v > 0), Is.True);
    }

    [Test]
    public async Task ConcurrentRendersWriteOneImagePerGraph()
    {
        string second = Path.Combine(_dir, "second.json");
        File.WriteAllText(second, File.ReadAllText(RepoPaths.GlowGraph).Replace("chelsea.png", Path.Combine(Path.GetDirectoryName(RepoPaths.GlowGraph)!, "chelsea.png").Replace("\\", "/")));
        await ConcurrentRenders.RunAsync([RepoPaths.GlowGraph, second], _dir);
        Assert.That(File.Exists(Path.Combine(_dir, "glow.png")) && File.Exists(Path.Combine(_dir, "second.png")), Is.True);
    }
}
