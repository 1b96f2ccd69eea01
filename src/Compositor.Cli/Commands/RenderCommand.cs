using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Compositor.Cli.Farm;
using Compositor.Codecs;
using Compositor.Devices;
using Compositor.Graph;
using Compositor.Nodes;
using Compositor.Operations;
using Compositor.Rendering;
using Microsoft.Extensions.Logging;

namespace Compositor.Cli.Commands;

/// <summary>
/// <c>compositor render GRAPH -o OUT</c>: composite a graph and write its Composite output, for one
/// frame or a frame list, optionally as one task of a farm job.
/// </summary>
public static class RenderCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var graphArgument = new Argument<FileInfo>("graph") { Description = "graph JSON file (graph format v1)" };
        var output = new Option<string>("--output", "-o") { Description = "image to write (format from the extension: .png, .exr, .jpg, .tif, .tga, .bmp, .hdr, .pfm); # characters take the frame number, zero-padded (out_####.exr)", Required = true };
        var threads = new Option<int?>("--threads", "-t") { Description = "worker threads (default: one per core; 1 runs everything on the calling thread)" };
        var mode = new Option<string?>("--mode") { Description = "execution model: tiled or full-frame (default: the graph's execution_mode)" };
        mode.AcceptOnlyFromAmong("tiled", "full-frame");
        var chunkSize = new Option<int?>("--chunk-size") { Description = "tile edge for the tiled model: 32..1024 (default: the graph's chunk_size)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "log each step, with timings and peak buffer memory" };
        var stats = new Option<bool>("--stats") { Description = "print compile, plan, execute and write times, packages and buffer memory" };
        var noFuse = new Option<bool>("--no-fuse") { Description = "run pixel-wise chains node by node instead of fused into one pass (slower; --stats then times each node)" };
        var repeat = new Option<int>("--repeat") { Description = "render K times in one process (inputs are read on the first only)", DefaultValueFactory = _ => 1 };
        var timingJson = new Option<FileInfo?>("--timing-json") { Description = "write {\"composite_s\": [...]}: compositing seconds per run (compile, plan, execute)" };
        var frames = new Option<string?>("--frames", "-f") { Description = "frames to render: N, a-b, a-b:step, comma lists (1-100, 1,5,10-20:2); image sequences and time nodes follow the frame (default: the graph's frame_current)" };
        var chunk = new Option<string?>("--chunk") { Description = "farm task K/N: render the K-th of N contiguous chunks of the frames (default frames: the graph's frame_start-frame_end)" };
        var taskIndexFrom = new Option<string?>("--task-index-from") { Description = "farm task: read this task's 0-based index from an environment variable (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX); needs --frames-per-task" };
        var framesPerTask = new Option<int?>("--frames-per-task") { Description = "farm task: frames each task renders (task i renders frames i*M .. i*M+M-1 of the list)" };
        var skipExisting = new Option<bool>("--skip-existing") { Description = "leave frames whose output file exists (Blender's overwrite off)" };
        var progress = new Option<string?>("--progress") { Description = "progress: auto (default: a bar on a terminal, plain when redirected), bar, plain (lines on stderr at every tenth and per frame), json (one JSON object per line on stdout: start, chunk, frame events), none" };
        progress.AcceptOnlyFromAmong("auto", "bar", "plain", "json", "none");
        var trace = new Option<FileInfo?>("--trace") { Description = "write a Chrome trace (Perfetto, chrome://tracing) of every chunk, one row per device thread (of the last frame rendered)" };
        var debugTiles = new Option<FileInfo?>("--debug-tiles") { Description = "write the Composite image with each chunk tinted by the thread that computed it and numbered by execution order (PNG; of the last frame rendered)" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "memory budget of a render (512M, 2G): buffers are checked before allocation and the render fails cleanly (exit 4) rather than exhaust the machine" };
        var maxInputSize = new Option<string?>("--max-input-size") { Description = "largest input image accepted, WxH (default 1000000x1000000, at most 2^28 pixels); larger inputs fail with exit 3" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "seconds one frame may take; past it the render stops (exit 5)" };
        var device = new Option<string>("--device")
        {
            Description = "where operations with OpenCL kernels run: auto (the graph's use_opencl), cpu, or opencl[:gpu|cpu|INDEX|NAME] (see 'compositor devices'); opencl without a usable device fails (exit 6)",
            DefaultValueFactory = _ => "auto",
        };
        device.Validators.Add(r =>
        {
            string v = r.GetValueOrDefault<string>() ?? "";
            if (v is not ("auto" or "cpu" or "opencl") && !v.StartsWith("opencl:", StringComparison.Ordinal))
                r.AddError($"--device must be auto, cpu, opencl or opencl:SELECTOR, not '{v}'");
        });

        var command = new Command("render", "Composite a graph and write its Composite output, for one frame or a frame range.");
        command.Arguments.Add(graphArgument);
        foreach (var o in new Option[] { output, threads, mode, chunkSize, verbose, stats, noFuse, repeat, timingJson, frames, chunk, taskIndexFrom, framesPerTask, skipExisting, progress, maxMemory, maxInputSize, timeLimit, device, trace, debugTiles })
            command.Options.Add(o);
        command.SetAction(parse => Run(new Request
        {
            GraphPath = parse.GetValue(graphArgument)!.FullName,
            OutputPattern = Path.GetFullPath(parse.GetValue(output)!),
            Threads = parse.GetValue(threads),
            Mode = parse.GetValue(mode),
            ChunkSize = parse.GetValue(chunkSize),
            Verbose = parse.GetValue(verbose),
            Stats = parse.GetValue(stats),
            NoFuse = parse.GetValue(noFuse),
            Repeat = parse.GetValue(repeat),
            TimingPath = parse.GetValue(timingJson)?.FullName,
            Frames = parse.GetValue(frames),
            Chunk = parse.GetValue(chunk),
            TaskIndexFrom = parse.GetValue(taskIndexFrom),
            FramesPerTask = parse.GetValue(framesPerTask),
            SkipExisting = parse.GetValue(skipExisting),
            Progress = ProgressDisplay.Parse(parse.GetValue(progress)),
            TracePath = parse.GetValue(trace)?.FullName,
            DebugTilesPath = parse.GetValue(debugTiles)?.FullName,
            MaxMemory = parse.GetValue(maxMemory),
            MaxInputSize = parse.GetValue(maxInputSize),
            TimeLimit = parse.GetValue(timeLimit),
            Device = parse.GetValue(device)!,
        }));
        return command;
    }

    private sealed record Request
    {
        public required string GraphPath { get; init; }
        public required string OutputPattern { get; init; }
        public int? Threads { get; init; }
        public string? Mode { get; init; }
        public int? ChunkSize { get; init; }
        public bool Verbose { get; init; }
        public bool Stats { get; init; }
        public bool NoFuse { get; init; }
        public int Repeat { get; init; }
        public string? TimingPath { get; init; }
        public string? Frames { get; init; }
        public string? Chunk { get; init; }
        public string? TaskIndexFrom { get; init; }
        public int? FramesPerTask { get; init; }
        public bool SkipExisting { get; init; }
        public required ProgressStyle Progress { get; init; }
        public string? TracePath { get; init; }
        public string? DebugTilesPath { get; init; }
        public string? MaxMemory { get; init; }
        public string? MaxInputSize { get; init; }
        public double? TimeLimit { get; init; }
        public string Device { get; init; } = "auto";
    }

    private static int Run(Request request)
    {
        using var loggerFactory = CliLogging.Create(request.Verbose);
        var logger = loggerFactory.CreateLogger("compositor");
        if (request.Threads is < 1) return Usage("--threads must be at least 1");
        if (request.ChunkSize is not null and not (32 or 64 or 128 or 256 or 512 or 1024)) return Usage("--chunk-size must be one of 32, 64, 128, 256, 512, 1024");
        if (request.Repeat < 1) return Usage("--repeat must be at least 1");
        if (request.TimeLimit is <= 0 or > 1e9) return Usage("--time-limit must be a positive number of seconds");
        if (request.Chunk is not null && request.TaskIndexFrom is not null) return Usage("--chunk and --task-index-from pick the task's frames in two ways; give one");
        if ((request.TaskIndexFrom is null) != (request.FramesPerTask is null)) return Usage("--task-index-from and --frames-per-task go together");
        if (request.FramesPerTask is < 1) return Usage("--frames-per-task must be at least 1");
        if (ImageCodecs.FormatFromExtension(request.OutputPattern) is null)
            return Usage($"{request.OutputPattern}: cannot tell the image format from '{Path.GetExtension(request.OutputPattern)}' (use .png, .exr, .jpg, .tif, .tga, .bmp, .hdr or .pfm)");

        RenderOptions options;
        try
        {
            options = Options(request);
        }
        catch (FormatException e)
        {
            return Usage(e.Message);
        }

        using var signals = new SignalCancellation();
        NodeGraph graph;
        try
        {
            graph = GraphReader.ReadFile(request.GraphPath);
        }
        catch (GraphException e)
        {
            Console.Error.WriteLine($"{request.GraphPath}: {e.Message}");
            return ExitCodes.InvalidGraphOrUsage;
        }

        IReadOnlyList<int> taskFrames;
        bool frameList = request.Frames is not null || request.Chunk is not null || request.TaskIndexFrom is not null;
        try
        {
            taskFrames = TaskFrames(request, graph);
        }
        catch (FormatException e)
        {
            return Usage(e.Message);
        }

        if (taskFrames.Count == 0)
        {
            // More array tasks than frames: this one has nothing to do, which is not an error.
            Console.Error.WriteLine("no frames for this task");
            return ExitCodes.Success;
        }

        bool openCl = options.Device == RenderDevice.OpenCl || (options.Device == RenderDevice.Auto && graph.Settings.UseOpenCl);
        using var scheduler = openCl
            ? WorkScheduler.WithOpenCl(request.Threads ?? Environment.ProcessorCount, request.Device.StartsWith("opencl:", StringComparison.Ordinal) ? request.Device[7..] : null, loggerFactory)
            : request.Threads is { } n ? new WorkScheduler(n, loggerFactory) : null;
        var renderer = new Renderer(BuiltinNodes.CreateRegistry(), scheduler ?? WorkScheduler.Default, loggerFactory);
        var diagnostics = new RenderDiagnostics(request.Progress, request.TracePath, request.DebugTilesPath);
        var runner = new FrameRunner(renderer, graph, options)
        {
            OutputPattern = request.OutputPattern,
            NumberEveryName = frameList,
            SkipExisting = request.SkipExisting,
            Repeat = request.Repeat,
            Diagnostics = diagnostics,
            Reported = e => Report(request, e, logger),
        };

        try
        {
            runner.Run(taskFrames, signals.Token);
        }
        catch (OperationCanceledException) when (signals.ExitCode is { } code)
        {
            Console.Error.WriteLine("cancelled; the frame in progress was not written");
            return code;
        }
        catch (Exception e)
        {
            int code = ExitCodes.For(e);
            string what = code switch
            {
                ExitCodes.RenderFailed => "render failed: ",
                ExitCodes.MemoryLimit => "over the memory limit: ",
                ExitCodes.DeviceFailed => "device failed: ",
                ExitCodes.InvalidGraphOrUsage when e is NotSupportedException => "not supported: ",
                _ => "",
            };
            Console.Error.WriteLine($"{request.GraphPath}: {what}{e.Message}");
            logger.LogDebug(e, "render failed");
            return code;
        }

        if (request.TimingPath is not null)
            File.WriteAllText(request.TimingPath, JsonSerializer.Serialize(new Dictionary<string, object> { ["composite_s"] = runner.Timings }));
        return ExitCodes.Success;
    }

    private static RenderOptions Options(Request request)
    {
        var limits = ImageReadOptions.Default;
        if (request.MaxInputSize is { } size)
        {
            var parts = size.Split('x', 'X');
            if (parts.Length != 2 ||
                !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h) || w < 1 || h < 1)
                throw new FormatException($"--max-input-size '{size}' must be WxH, e.g. 8192x8192");
            limits = limits with { MaxWidth = w, MaxHeight = h, MaxPixels = Math.Min(limits.MaxPixels, (long)w * h) };
        }

        return new RenderOptions
        {
            Model = request.Mode switch { "tiled" => ExecutionModel.Tiled, "full-frame" => ExecutionModel.FullFrame, _ => null },
            ChunkSize = request.ChunkSize,
            MemoryBudgetBytes = request.MaxMemory is { } m ? ByteSize.Parse(m) : 0,
            InputLimits = limits,
            TimeLimit = request.TimeLimit is { } t ? TimeSpan.FromSeconds(t) : null,
            Device = request.Device switch { "cpu" => RenderDevice.Cpu, "auto" => RenderDevice.Auto, _ => RenderDevice.OpenCl },
            FusePixelOperations = !request.NoFuse,
        };
    }

    /// <summary>The frames this invocation renders: the list (or the graph's range for a farm task), then the task's share.</summary>
    private static IReadOnlyList<int> TaskFrames(Request request, NodeGraph graph)
    {
        bool farmTask = request.Chunk is not null || request.TaskIndexFrom is not null;
        IReadOnlyList<int> all = request.Frames is { } spec ? FrameSpec.Parse(spec)
            : farmTask ? FrameSpec.Parse($"{graph.Settings.FrameStart}-{graph.Settings.FrameEnd}")
            : [graph.Settings.FrameCurrent];
        if (request.Chunk is { } chunk)
        {
            var (k, n) = FarmTask.ParseChunk(chunk);
            return FarmTask.Chunk(all, k, n);
        }

        if (request.TaskIndexFrom is { } variable)
            return FarmTask.ByIndex(all, FarmTask.ReadIndex(variable, Environment.GetEnvironmentVariable), request.FramesPerTask!.Value);
        return all;
    }

    private static void Report(Request request, FrameEvent e, ILogger logger)
    {
        if (request.Progress == ProgressStyle.Json) Console.WriteLine(e.ToJson());
        else if (request.Progress is ProgressStyle.Plain or ProgressStyle.Bar) Console.Error.WriteLine(e.ToText());
        if (e.Statistics is not { } s) return;

        string summary = string.Create(CultureInfo.InvariantCulture,
            $"frame {e.Frame}: compile {s.CompileSeconds:F4} s, plan {s.PlanSeconds:F4} s, execute {s.ExecuteSeconds:F4} s, total with write {e.Seconds:F4} s; " +
            $"{s.Model}, {s.Operations} operations, {s.Groups} groups, {s.Packages} packages, {s.BufferAllocations} buffers, peak buffer memory {s.PeakBufferBytes / 1048576.0:F1} MiB");
        if (request.Stats)
        {
            Console.WriteLine(summary);
            Console.WriteLine(s.Model == ExecutionModel.Tiled ? "time per execution group (summed over threads):" : "time per operation (summed over threads):");
            foreach (var t in s.OperationTimes.Take(20))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Seconds,9:F4} s  {t.Packages,5} packages  {t.Name}"));
            if (s.OpenClRequested)
            {
                Console.WriteLine($"OpenCL: {s.OpenClUses.Count} ran on a device, {s.OpenClFallbacks.Count} fell back to the CPU");
                foreach (var u in s.OpenClUses) Console.WriteLine($"  on {u.Device}: {u.Owner} ({u.Packages} packages)");
                foreach (var f in s.OpenClFallbacks) Console.WriteLine($"  CPU fallback: {f.Owner}: {f.Reason}");
            }
        }

        logger.LogInformation("{Summary}", summary);
        if (request.Verbose) Console.Error.WriteLine($"peak buffer memory: {s.PeakBufferBytes / 1048576.0:F1} MiB");
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.InvalidGraphOrUsage;
    }
}
