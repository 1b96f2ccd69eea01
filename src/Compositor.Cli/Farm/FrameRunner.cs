using System.Diagnostics;
using Compositor.Graph;
using Compositor.Rendering;

namespace Compositor.Cli.Farm;

/// <summary>
/// Renders a list of frames of one graph in one process and writes each frame's Composite output.
/// Each output is written under a temporary name in its folder and renamed into place
/// (<see cref="ImageExport.Save"/>), so a killed or failed frame never leaves a file that looks
/// finished. Images earlier frames read are dropped from the cache, so memory stays flat. Stops at
/// the first failure (after reporting it), as Blender does.
/// </summary>
public sealed class FrameRunner
{
    private readonly Renderer _renderer;
    private readonly NodeGraph _graph;
    private readonly RenderOptions _options;

    /// <summary>Creates a runner rendering <paramref name="graph"/> with <paramref name="renderer"/>.</summary>
    public FrameRunner(Renderer renderer, NodeGraph graph, RenderOptions options)
    {
        _renderer = renderer;
        _graph = graph;
        _options = options;
    }

    /// <summary>The output path; a <c>#</c> run takes the frame number.</summary>
    public required string OutputPattern { get; init; }

    /// <summary>Put the frame into names without a <c>#</c> run too (a frame list was given).</summary>
    public bool NumberEveryName { get; init; }

    /// <summary>Leave frames whose output exists (Blender's overwrite off).</summary>
    public bool SkipExisting { get; init; }

    /// <summary>Renders per frame (benchmarking: inputs are read on the first only); the last is written.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Seconds of each render (compile, plan, execute), in order.</summary>
    public List<double> Timings { get; } = [];

    /// <summary>Progress display, trace and debug tiles of each render; null: none.</summary>
    public Commands.RenderDiagnostics? Diagnostics { get; init; }

    /// <summary>Called after each frame, with its outcome.</summary>
    public Action<FrameEvent>? Reported { get; init; }

    /// <summary>Renders <paramref name="frames"/> in order; returns how many were rendered (not skipped).</summary>
    /// <exception cref="Exception">The first failure, after its <see cref="FrameEvent"/> was reported.</exception>
    public int Run(IReadOnlyList<int> frames, CancellationToken cancellation)
    {
        int rendered = 0;
        foreach (int frame in frames)
        {
            cancellation.ThrowIfCancellationRequested();
            string output = Path.GetFullPath(FramePath.For(OutputPattern, frame, NumberEveryName));
            if (SkipExisting && File.Exists(output))
            {
                Reported?.Invoke(new FrameEvent(frame, FrameStatus.Skipped, output, 0));
                continue;
            }

            var clock = Stopwatch.StartNew();
            long stamp = _renderer.Images.Stamp;
            try
            {
                var statistics = RenderFrame(frame, output, cancellation);
                rendered++;
                Reported?.Invoke(new FrameEvent(frame, FrameStatus.Done, output, clock.Elapsed.TotalSeconds, Statistics: statistics));
            }
            catch (Exception e)
            {
                Reported?.Invoke(new FrameEvent(frame, FrameStatus.Failed, output, clock.Elapsed.TotalSeconds, e.Message, ExitCodes.For(e)));
                throw;
            }
            finally
            {
                // Another frame of a sequence reads other files; keep only what this frame used.
                _renderer.Images.EvictUnusedSince(stamp);
            }
        }

        return rendered;
    }

    private RenderStatistics RenderFrame(int frame, string output, CancellationToken cancellation)
    {
        var options = _options with { Frame = frame };
        RenderResult? result = null;
        try
        {
            for (int run = 0; run < Repeat; run++)
            {
                result?.Dispose();
                result = null;
                var clock = Stopwatch.StartNew();
                Diagnostics?.StartRun();
                try
                {
                    result = _renderer.Render(_graph, options with { Events = Diagnostics?.Events }, cancellation, progress: Diagnostics?.Progress);
                }
                finally
                {
                    Diagnostics?.Progress.Finish();
                }

                Timings.Add(clock.Elapsed.TotalSeconds);
            }

            var composite = result!.Composite
                ?? throw new GraphException($"the graph has no Composite node, so there is nothing to write to {output}");
            cancellation.ThrowIfCancellationRequested();
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                ImageExport.Save(composite, output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{output}: cannot write: {e.Message}", e);
            }

            Diagnostics?.Write(result);
            return result.Statistics;
        }
        finally
        {
            result?.Dispose();
        }
    }
}
