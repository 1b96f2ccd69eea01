using System.Collections.Concurrent;
using System.Diagnostics;
using Compositor.Cli.Farm;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Rendering;

namespace Compositor.Cli.Tests.Robustness;

/// <summary>
/// Bad input never crashes and never leaves output behind. Thousands of deterministic mutations of
/// the conformance graphs (<see cref="JsonMutator"/>), and graphs reading mutated PngSuite and OpenEXR
/// files, go through the whole CLI path (read, validate, compile, render, write) under a memory
/// budget and a time limit. Every failure must be a clean, named error (<see cref="GraphException"/>,
/// <see cref="InputFileException"/>, <see cref="NotSupportedException"/>, a memory-budget or
/// time-limit error); anything else, a hang past the watchdog, or a file left by a failed render
/// fails the test with the input and mutation that caused it.
/// </summary>
[NonParallelizable]
public sealed class GraphFuzzTests
{
    private const int Seed = 9_2026;
    private const int GraphMutants = 2000;
    private const int ImageMutants = 400;
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    private static readonly RenderOptions Options = new()
    {
        MemoryBudgetBytes = 512L << 20,
        TimeLimit = TimeSpan.FromSeconds(3),
        InputLimits = new Codecs.ImageReadOptions { MaxWidth = 8192, MaxHeight = 8192, MaxPixels = 1 << 22 },
    };

    private string _dir = "";
    private WorkScheduler _scheduler = null!;
    private Renderer _renderer = null!;

    private static string Shared
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Compositor.sln")))
                    return Environment.GetEnvironmentVariable("COMPOSITOR_SHARED") ?? Path.Combine(dir.Parent!.FullName, "shared");
            throw new AssertionException("repository root not found");
        }
    }

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "compositor-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _scheduler = new WorkScheduler(2);
        _renderer = new Renderer(BuiltinNodes.CreateRegistry(), _scheduler);
    }

    [TearDown]
    public void TearDown()
    {
        _scheduler.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class Tally
    {
        public int Tried;
        public int Rendered;
        public readonly ConcurrentDictionary<string, int> Clean = new();
        public readonly List<string> Problems = [];

        public string Summary() =>
            $"{Tried} inputs: {Rendered} rendered, {Clean.Values.Sum()} clean errors ({string.Join(", ", Clean.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}), {Problems.Count} problems";
    }

    /// <summary>
    /// The errors the CLI reports by name: invalid graph or input (exit 2, 3), memory budget (4), time
    /// limit (5), and an output that cannot be written where a File Output points (7).
    /// </summary>
    private static bool IsClean(Exception e) =>
        e is GraphException or NotSupportedException or InsufficientMemoryException or RenderTimeoutException or IOException or UnauthorizedAccessException;

    /// <summary>Reads, renders and writes one graph text as the CLI does; records the outcome.</summary>
    private void Try(string json, string baseDirectory, string label, Tally tally)
    {
        tally.Tried++;
        string output = Path.Combine(_dir, "out");
        Directory.CreateDirectory(output);
        var work = Task.Run(() =>
        {
            var graph = GraphReader.ReadString(json, baseDirectory);
            new FrameRunner(_renderer, graph, Options with { FileOutputDirectory = output })
            {
                OutputPattern = Path.Combine(output, "frame_####.exr"),
            }.Run([graph.Settings.FrameCurrent], CancellationToken.None);
        });

        if (Task.WaitAny([work], Watchdog) < 0)
        {
            tally.Problems.Add($"{label}: no answer within {Watchdog.TotalSeconds} s (hang)");
            return;
        }

        var left = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToList();
        if (work.Exception?.InnerException is { } e)
        {
            if (IsClean(e)) tally.Clean.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            else tally.Problems.Add($"{label}: {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            if (left.Count > 0) tally.Problems.Add($"{label}: a failed render left {string.Join(", ", left.Select(Path.GetFileName))}");
        }
        else
        {
            tally.Rendered++;
        }

        Directory.Delete(output, recursive: true);
    }

    private IReadOnlyList<string> BadPaths(Random random)
    {
        string empty = Path.Combine(_dir, "empty.png");
        File.WriteAllBytes(empty, []);
        string text = Path.Combine(_dir, "text.exr");
        File.WriteAllText(text, "not an image");
        var paths = new List<string>
        {
            Path.Combine(_dir, "missing.png"), _dir, Path.Combine(_dir, "missing", "x.exr"), empty, text, "/dev/null",
            "", new string('a', 5000) + ".png", "frame_####.png", "//relative/blender/path.png",
        };
        paths.AddRange(MutatedImages(random, 20));
        return paths;
    }

    /// <summary>Corrupt copies of PngSuite and OpenEXR test files: bit flips, truncation, random runs.</summary>
    private List<string> MutatedImages(Random random, int count)
    {
        var seeds = Directory.GetFiles(Path.Combine(Shared, "testdata", "pngsuite"), "*.png").Order()
            .Concat(Directory.GetFiles(Path.Combine(Shared, "testdata", "exr"), "*.exr", SearchOption.AllDirectories).Order()).ToList();
        Assume.That(seeds, Is.Not.Empty, "../shared/testdata has the PngSuite and OpenEXR files");
        var files = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string seed = seeds[random.Next(seeds.Count)];
            var data = File.ReadAllBytes(seed);
            switch (random.Next(3))
            {
                case 0:
                    for (int k = 1 + random.Next(8); k > 0; k--) data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data = data[..random.Next(data.Length)];
                    break;
                default:
                    int at = random.Next(Math.Min(data.Length, 64)), run = Math.Min(8, data.Length - at);
                    for (int k = 0; k < run; k++) data[at + k] = (byte)random.Next(256);
                    break;
            }

            string path = Path.Combine(_dir, $"mutant_{i}{Path.GetExtension(seed)}");
            File.WriteAllBytes(path, data);
            files.Add(path);
        }

        return files;
    }

    [Test]
    public void MutatedGraphsFailCleanlyAndLeaveNoOutput()
    {
        string cases = Path.Combine(Shared, "conformance", "cases");
        Assume.That(Directory.Exists(cases), Is.True, "../shared/conformance/cases");
        var seeds = Directory.GetDirectories(cases).Order().Select(d => (Dir: d, Json: File.ReadAllText(Path.Combine(d, "graph.json")))).ToList();
        var random = new Random(Seed);
        var mutator = new JsonMutator(random, BadPaths(random));
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < GraphMutants; i++)
        {
            var (dir, json) = seeds[i % seeds.Count];
            string mutant = mutator.Mutate(json, out string what);
            Try(mutant, dir, $"#{i} {Path.GetFileName(dir)} ({what})", tally);
        }

        TestContext.Out.WriteLine($"graph fuzz (seed {Seed}): {tally.Summary()} in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var problem in tally.Problems) TestContext.Out.WriteLine(problem);
        Assert.That(tally.Problems, Is.Empty, string.Join("\n", tally.Problems.Take(15)));
        Assert.That(tally.Rendered, Is.GreaterThan(GraphMutants / 20), "some mutants still render (the mutations are not all fatal)");
        Assert.That(tally.Clean.Values.Sum(), Is.GreaterThan(GraphMutants / 2));
    }

    [Test]
    public void GraphsReadingCorruptImagesFailAsInputErrors()
    {
        var random = new Random(Seed + 1);
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        foreach (var image in MutatedImages(random, ImageMutants))
        {
            string json = """
                {"version": 1, "settings": {"resolution": [32, 32]},
                 "nodes": [{"name": "Img", "type": "CompositorNodeImage", "properties": {"image": {"filepath": "FILE"}}},
                           {"name": "Composite", "type": "CompositorNodeComposite"}],
                 "links": [{"from": "Img", "from_socket": "Image", "to": "Composite", "to_socket": "Image"}]}
                """.Replace("FILE", image);
            Try(json, _dir, Path.GetFileName(image), tally);
        }

        TestContext.Out.WriteLine($"image fuzz (seed {Seed + 1}): {tally.Summary()} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(tally.Problems, Is.Empty, string.Join("\n", tally.Problems.Take(15)));
        Assert.That(tally.Clean.GetValueOrDefault(nameof(InputFileException)), Is.GreaterThan(ImageMutants / 4), "most corrupt files are reported as input errors");
    }

    [Test]
    public void GraphFilesThatAreNotGraphsAreCleanErrors()
    {
        string binary = Directory.GetFiles(Path.Combine(Shared, "testdata", "pngsuite"), "*.png").Order().First();
        foreach (var path in new[] { _dir, Path.Combine(_dir, "missing.json"), "/dev/null", binary })
        {
            var (code, _, error) = InProcessCli.Run("render", path, "-o", Path.Combine(_dir, "o.exr"));
            Assert.That(code, Is.EqualTo(ExitCodes.InvalidGraphOrUsage), $"{path}: {error}");
            Assert.That(error, Does.Contain(path), "the message names the file");
        }

        Assert.That(File.Exists(Path.Combine(_dir, "o.exr")), Is.False);
    }
}
