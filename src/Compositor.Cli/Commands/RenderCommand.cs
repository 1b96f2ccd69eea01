using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;
using Microsoft.Extensions.Logging;

namespace Compositor.Cli.Commands;

/// <summary><c>compositor render GRAPH -o OUT</c>: composite a graph and write its Composite output.</summary>
public static class RenderCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var graphArgument = new Argument<FileInfo>("graph") { Description = "graph JSON file (graph format v1)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "image to write (format from the extension: .png, .exr, .jpg, .tif, .tga, .bmp, .hdr, .pfm)", Required = true };
        var threads = new Option<int?>("--threads", "-t") { Description = "worker threads (default: one per core; 1 runs everything on the calling thread)" };
        var mode = new Option<string?>("--mode") { Description = "execution model: tiled or full-frame (default: the graph's execution_mode)" };
        mode.AcceptOnlyFromAmong("tiled", "full-frame");
        var chunkSize = new Option<int?>("--chunk-size") { Description = "tile edge for the tiled model: 32..1024 (default: the graph's chunk_size)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "log each step, with timings and peak buffer memory" };
        var stats = new Option<bool>("--stats") { Description = "print compile, plan, execute and write times, packages and buffer memory" };
        var repeat = new Option<int>("--repeat") { Description = "render K times in one process (inputs are read on the first only)", DefaultValueFactory = _ => 1 };
        var timingJson = new Option<FileInfo?>("--timing-json") { Description = "write {\"composite_s\": [...]}: compositing seconds per run (compile, plan, execute)" };
        var progress = new Option<string>("--progress") { Description = "progress display: auto (a bar on a terminal, plain lines when redirected), bar, plain, json (one JSON object per line on standard output), none", DefaultValueFactory = _ => "auto" };
        progress.AcceptOnlyFromAmong("auto", "bar", "plain", "json", "none");
        var trace = new Option<FileInfo?>("--trace") { Description = "write a Chrome trace (Perfetto, chrome://tracing) of every chunk: one row per device thread" };
        var debugTiles = new Option<FileInfo?>("--debug-tiles") { Description = "write the Composite image with each chunk tinted by the thread that computed it and numbered by execution order (PNG)" };

        var command = new Command("render", "Composite a graph and write its Composite output.");
        command.Arguments.Add(graphArgument);
        foreach (var o in new Option[] { output, threads, mode, chunkSize, verbose, stats, repeat, timingJson, progress, trace, debugTiles }) command.Options.Add(o);
        command.SetAction(parse => Run(
            parse.GetValue(graphArgument)!.FullName, parse.GetValue(output)!.FullName, parse.GetValue(threads), parse.GetValue(mode),
            parse.GetValue(chunkSize), parse.GetValue(verbose), parse.GetValue(stats), parse.GetValue(repeat), parse.GetValue(timingJson)?.FullName,
            new RenderDiagnostics(ProgressDisplay.Parse(parse.GetValue(progress)), parse.GetValue(trace)?.FullName, parse.GetValue(debugTiles)?.FullName)));
        return command;
    }

    private static int Run(string graphPath, string outputPath, int? threads, string? mode, int? chunkSize, bool verbose, bool stats, int repeat, string? timingPath, RenderDiagnostics diagnostics)
    {
        using var loggerFactory = CliLogging.Create(verbose);
        var logger = loggerFactory.CreateLogger("compositor");
        if (threads is < 1) return Usage("--threads must be at least 1");
        if (chunkSize is not null and not (32 or 64 or 128 or 256 or 512 or 1024)) return Usage("--chunk-size must be one of 32, 64, 128, 256, 512, 1024");
        if (repeat < 1) return Usage("--repeat must be at least 1");

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        NodeGraph graph;
        try
        {
            graph = GraphReader.ReadFile(graphPath);
        }
        catch (GraphException e)
        {
            Console.Error.WriteLine($"{graphPath}: {e.Message}");
            return ExitCodes.InvalidGraphOrUsage;
        }

        double loadSeconds = clock.Elapsed.TotalSeconds;
        using var scheduler = threads is { } n ? new WorkScheduler(n, loggerFactory) : null;
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler ?? WorkScheduler.Default, loggerFactory);
        var options = new RenderOptions
        {
            Model = mode switch { "tiled" => ExecutionModel.Tiled, "full-frame" => ExecutionModel.FullFrame, _ => null },
            ChunkSize = chunkSize,
        };

        var timings = new List<double>();
        RenderResult? result = null;
        try
        {
            for (int run = 0; run < repeat; run++)
            {
                result?.Dispose();
                var runClock = System.Diagnostics.Stopwatch.StartNew();
                diagnostics.StartRun();
                try
                {
                    result = renderer.Render(graph, options with { Events = diagnostics.Events }, cancel.Token, progress: diagnostics.Progress);
                }
                finally
                {
                    diagnostics.Progress.Finish(result is not null, runClock.Elapsed.TotalSeconds);
                }

                timings.Add(runClock.Elapsed.TotalSeconds);
            }
        }
        catch (GraphException e)
        {
            Console.Error.WriteLine($"{graphPath}: {e.Message}");
            return ExitCodes.InvalidGraphOrUsage;
        }
        catch (NotSupportedException e)
        {
            Console.Error.WriteLine($"{graphPath}: not supported: {e.Message}");
            return ExitCodes.InvalidGraphOrUsage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled; nothing written");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // Anything else is a failure of the render itself, not of the graph: report it, write nothing.
            Console.Error.WriteLine($"{graphPath}: render failed: {e.Message}");
            logger.LogDebug(e, "render failed");
            return ExitCodes.RenderFailed;
        }

        using (result)
        {
            var composite = result!.Composite;
            if (composite is null)
            {
                Console.Error.WriteLine($"{graphPath}: the graph has no Composite node, so there is nothing to write to {outputPath}");
                return ExitCodes.InvalidGraphOrUsage;
            }

            var writeClock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                ImageExport.Save(composite, outputPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                Console.Error.WriteLine($"{outputPath}: cannot write: {e.Message}");
                return e is NotSupportedException ? ExitCodes.InvalidGraphOrUsage : ExitCodes.RenderFailed;
            }

            double writeSeconds = writeClock.Elapsed.TotalSeconds;
            try
            {
                diagnostics.Write(result);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                Console.Error.WriteLine($"cannot write a diagnostics file: {e.Message}");
                return ExitCodes.RenderFailed;
            }

            if (timingPath is not null)
                File.WriteAllText(timingPath, JsonSerializer.Serialize(new Dictionary<string, object> { ["composite_s"] = timings }));

            var s = result.Statistics;
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"load {loadSeconds:F4} s, compile {s.CompileSeconds:F4} s, plan {s.PlanSeconds:F4} s, execute {s.ExecuteSeconds:F4} s, write {writeSeconds:F4} s; " +
                $"{s.Model}, {s.Operations} operations, {s.Groups} groups, {s.Packages} packages, {s.BufferAllocations} buffers, peak buffer memory {s.PeakBufferBytes / 1048576.0:F1} MiB");
            if (stats)
            {
                Console.WriteLine(summary);
                Console.WriteLine(s.Model == ExecutionModel.Tiled ? "time per execution group (summed over threads):" : "time per operation (summed over threads):");
                foreach (var t in s.OperationTimes.Take(20))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Seconds,9:F4} s  {t.Packages,5} packages  {t.Name}"));
            }
            logger.LogInformation("{Summary}", summary);
            if (verbose) Console.Error.WriteLine($"peak buffer memory: {s.PeakBufferBytes / 1048576.0:F1} MiB");
            return ExitCodes.Success;
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.InvalidGraphOrUsage;
    }
}
