using Compositor.Cli.Commands;
using Compositor.Codecs;
using Compositor.Nodes;
using Compositor.NodeTypes;

namespace Compositor.Cli.Tests;

/// <summary>The compositor command in process: exit codes, outputs, and nothing written for a rejected graph.</summary>
[NonParallelizable]
public sealed class CliTests
{
    private string _dir = "";

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln"))) return dir.FullName;
            throw new AssertionException("repository root not found");
        }
    }

    private static string Inputs => Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared", "conformance", "inputs");

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static int Run(params string[] args)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            int code = CompositorCommand.Create().Parse(args).Invoke();
            LastError = error.ToString();
            return code;
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    private static string LastError { get; set; } = "";

    private string WriteGraph(string json)
    {
        string path = Path.Combine(_dir, "graph.json");
        File.WriteAllText(path, json);
        return path;
    }

    private string ImageGraph(string file) => WriteGraph("""
        {"version": 1, "settings": {"resolution": [64, 48]},
         "nodes": [{"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "FILE"}}},
                   {"name": "Composite", "type": "CompositorNodeComposite"}],
         "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
        """.Replace("FILE", Path.Combine(Inputs, file).Replace("\\", "/")));

    [TestCase("out.png")]
    [TestCase("out.exr")]
    public void RenderWritesTheCompositeAtTheSceneResolution(string name)
    {
        string graph = ImageGraph("chelsea_240x160.png");
        string output = Path.Combine(_dir, name);
        Assert.That(Run("render", graph, "-o", output, "--threads", "2"), Is.EqualTo(ExitCodes.Success), LastError);
        var image = ImageCodecs.Read(output);
        Assert.That((image.Width, image.Height), Is.EqualTo((64, 48)));
        // The centre of a centred 240x160 photo is not transparent.
        int center = (24 * 64 + 32) * 4;
        Assert.That(image.Pixels[center + 3], Is.EqualTo(1f).Within(1e-3));
    }

    [Test]
    public void BadGraphExitsTwoNamesTheProblemAndWritesNothing()
    {
        string graph = WriteGraph("""{"version": 1, "nodes": [{"name": "C", "type": "CompositorNodeComposite", "properties": {"use_alpha": "yes"}}]}""");
        string output = Path.Combine(_dir, "out.png");
        Assert.That(Run("render", graph, "-o", output), Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
        Assert.That(LastError, Does.Contain("node 'C'").And.Contain("properties.use_alpha"));
        Assert.That(Directory.GetFiles(_dir), Is.EquivalentTo(new[] { graph }), "nothing written");
    }

    [Test]
    public void MissingImageExitsThreeAndWritesNothing()
    {
        string graph = ImageGraph("no_such_file.png");
        string output = Path.Combine(_dir, "out.exr");
        Assert.That(Run("render", graph, "-o", output), Is.EqualTo(ExitCodes.InputFailed));
        Assert.That(LastError, Does.Contain("no_such_file.png"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void JsonSyntaxErrorReportsLineAndColumn()
    {
        string graph = WriteGraph("{\n \"version\": 1,\n \"nodes\": [\n}");
        Assert.That(Run("validate", graph), Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
        Assert.That(LastError, Does.Contain("line 4, column"));
    }

    [Test]
    public void ValidateAcceptsAGoodGraph() =>
        Assert.That(Run("validate", ImageGraph("chelsea_240x160.png")), Is.EqualTo(ExitCodes.Success), LastError);

    [Test]
    public void BadOptionsAreUsageErrors()
    {
        string graph = ImageGraph("chelsea_240x160.png");
        Assert.That(Run("render", graph, "-o", Path.Combine(_dir, "a.png"), "--chunk-size", "100"), Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
        Assert.That(Run("render", graph, "-o", Path.Combine(_dir, "a.png"), "--mode", "sideways"), Is.Not.EqualTo(ExitCodes.Success));
        Assert.That(Run("render", graph, "-o", Path.Combine(_dir, "a.xyz")), Is.EqualTo(ExitCodes.InvalidGraphOrUsage));
        Assert.That(Directory.GetFiles(_dir), Is.EquivalentTo(new[] { graph }));
    }

    [Test]
    public void TimingJsonHasOneEntryPerRun()
    {
        string timing = Path.Combine(_dir, "t.json");
        Assert.That(Run("render", ImageGraph("chelsea_240x160.png"), "-o", Path.Combine(_dir, "o.exr"), "--repeat", "3", "--timing-json", timing), Is.Zero, LastError);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(timing));
        var runs = doc.RootElement.GetProperty("composite_s").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.That(runs, Has.Count.EqualTo(3).And.All.GreaterThan(0));
    }

    [Test]
    public void NodeCoverageDocumentIsUpToDate()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot, "docs", "nodes.md"));
        Assert.That(doc, Is.EqualTo(NodeCoverage.ToMarkdown(BuiltinNodes.CreateRegistry())),
            "docs/nodes.md is stale: regenerate it with `dotnet run --project src/Compositor.Cli -- nodes --markdown > docs/nodes.md`");
    }

    [Test]
    public void ExampleGraphInTheReadmeRenders()
    {
        string graph = Path.Combine(RepoRoot, "examples", "glow", "glow.json");
        string output = Path.Combine(_dir, "glow.png");
        Assert.That(Run("render", graph, "-o", output), Is.EqualTo(ExitCodes.Success), LastError);
        Assert.That(ImageCodecs.Read(output).Width, Is.GreaterThan(0));
    }
}
