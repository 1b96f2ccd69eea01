using System.Text.Json;
using Compositor.Cli.Commands;
using Compositor.Codecs;

namespace Compositor.Cli.Tests;

/// <summary><c>compositor render --progress / --trace / --debug-tiles</c>.</summary>
[NonParallelizable]
public sealed class DiagnosticsCliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-cli-diag-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    internal static string Glow
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln"))) return Path.Combine(dir.FullName, "examples", "glow", "glow.json");
            throw new AssertionException("repository root not found");
        }
    }

    /// <summary>Runs the command in process and returns its exit code, standard output and standard error.</summary>
    internal static (int Code, string Out, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Test]
    public void NoFuseTimesEachNodeOfAPixelChainAndGivesTheSamePixels()
    {
        string graph = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Glow)))!, "..", "shared",
            "conformance", "cases", "combo_color_grade_chain", "graph.json");
        Assert.That(File.Exists(graph), Is.True, $"{graph} (the shared conformance data) is missing");
        var (fusedCode, fusedOut, fusedError) = Run("render", graph, "-o", Path.Combine(_dir, "fused.exr"), "--stats", "--progress", "none");
        var (plainCode, plainOut, plainError) = Run("render", graph, "-o", Path.Combine(_dir, "plain.exr"), "--stats", "--no-fuse", "--progress", "none");
        string fused = fusedOut + fusedError, plain = plainOut + plainError;
        Assert.That(fusedCode, Is.EqualTo(ExitCodes.Success), fused);
        Assert.That(plainCode, Is.EqualTo(ExitCodes.Success), plain);
        Assert.That(fused, Does.Contain("(FusedPixelOperation)"));
        Assert.That(plain, Does.Not.Contain("(FusedPixelOperation)"));
        foreach (string op in new[] { "(ExposureOperation)", "(ColorBalanceLggOperation)", "(GammaOperation)", "(HueSaturationValueOperation)" })
            Assert.That(plain, Does.Contain(op), "each node's own line in --stats");
        Assert.That(File.ReadAllBytes(Path.Combine(_dir, "plain.exr")), Is.EqualTo(File.ReadAllBytes(Path.Combine(_dir, "fused.exr"))),
            "fusing changes the pass structure, not the pixels");
    }

    [Test]
    public void JsonProgressIsOneObjectPerLineCountingUpToTheTotal()
    {
        var (code, output, error) = Run("render", Glow, "-o", Path.Combine(_dir, "g.png"), "--mode", "tiled", "--chunk-size", "64", "--progress", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(lines[0].GetProperty("event").GetString(), Is.EqualTo("start"));
        int total = lines[0].GetProperty("total").GetInt32();
        var chunks = lines.Where(l => l.GetProperty("event").GetString() == "chunk").Select(l => l.GetProperty("done").GetInt32()).ToList();
        Assert.That(chunks, Is.Ordered.Ascending.And.Unique, "done never goes back");
        Assert.That(chunks[^1], Is.EqualTo(total));
        Assert.That(lines[^1].GetProperty("event").GetString(), Is.EqualTo("frame"), "the farm's per-frame line closes the frame");
        Assert.That(lines[^1].GetProperty("status").GetString(), Is.EqualTo("done"));
    }

    [Test]
    public void PlainProgressPrintsTenthsOnStandardError()
    {
        var (code, output, error) = Run("render", Glow, "-o", Path.Combine(_dir, "g.png"), "--mode", "tiled", "--chunk-size", "32", "--progress", "plain");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("progress: 100% (160/160 chunks, Composite"));
        Assert.That(error.Split('\n').Count(l => l.StartsWith("progress:", StringComparison.Ordinal)), Is.InRange(2, 11));
    }

    [Test]
    public void TraceAndDebugTilesAreWritten()
    {
        string trace = Path.Combine(_dir, "trace.json"), tiles = Path.Combine(_dir, "tiles.png"), image = Path.Combine(_dir, "g.png");
        var (code, _, error) = Run("render", Glow, "-o", image, "--mode", "tiled", "--chunk-size", "32", "--threads", "2", "--progress", "none", "--trace", trace, "--debug-tiles", tiles);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);

        using var doc = JsonDocument.Parse(File.ReadAllText(trace));
        var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var bars = events.Where(e => e.GetProperty("ph").GetString() == "X").ToList();
        Assert.That(bars, Has.Count.EqualTo(160), "four groups of 40 chunks (image, blur x, blur y, composite)");
        Assert.That(bars.All(b => b.GetProperty("dur").GetDouble() >= 0 && b.GetProperty("ts").GetDouble() >= 0), Is.True);
        var threadNames = events.Where(e => e.GetProperty("name").GetString() == "thread_name").Select(e => e.GetProperty("args").GetProperty("name").GetString()).ToList();
        Assert.That(threadNames, Is.SubsetOf(new[] { "CPU 0", "CPU 1" }).And.Not.Empty);

        // The tiles view differs from the render where it tints chunks, and keeps its size.
        var plain = ImageCodecs.Read(image);
        var tinted = ImageCodecs.Read(tiles);
        Assert.That((tinted.Width, tinted.Height), Is.EqualTo((plain.Width, plain.Height)));
        int changed = 0;
        for (int i = 0; i < plain.Pixels.Length; i += 4)
            if (Math.Abs(plain.Pixels[i] - tinted.Pixels[i]) + Math.Abs(plain.Pixels[i + 1] - tinted.Pixels[i + 1]) + Math.Abs(plain.Pixels[i + 2] - tinted.Pixels[i + 2]) > 0.05f)
                changed++;
        Assert.That(changed, Is.GreaterThan(plain.Width * plain.Height / 2));
    }

    [Test]
    public void GraphDotShowsEveryExecutionGroupAndItsProxies()
    {
        var (code, output, error) = Run("graph", Glow, "--dot", "--chunk-size", "64");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.StartWith("digraph plan {"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(output, "subgraph cluster_").Count, Is.EqualTo(4), "image, blur x, blur y, composite");
        Assert.That(output, Does.Contain("output Composite; 12 chunks (4x3)"));
        // Three proxies (image, blur x, blur y); the image's has two readers (blur x and the mix).
        Assert.That(System.Text.RegularExpressions.Regex.Matches(output, "style=dashed").Count, Is.EqualTo(4));

        var (textCode, text, _) = Run("graph", Glow);
        Assert.That(textCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(text, Does.Contain("4 execution groups"));
    }

    [Test]
    public void NodesTypeDescribesSocketsPropertiesAndEnums()
    {
        var (code, output, _) = Run("nodes", "Blur");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("CompositorNodeBlur").And.Contain("| input | `Size` | Value | 1 |")
            .And.Contain("`filter_type` | enum: `FLAT`, `TENT`").And.Contain("`size_x` | int 0..2048 | 0"));
        Assert.That(Run("nodes", "No Such Node").Code, Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
    }
}
