using System.Diagnostics;
using Compositor.Operations;
using Compositor.Rendering;

namespace Compositor.Execution;

/// <summary>
/// Turns the scheduler's package callbacks into render events and progress: numbers packages in
/// execution order, knows which output is running, counts what is done. Created only when someone
/// listens, so a render without listeners pays nothing per package.
/// </summary>
internal sealed class RenderMonitor : IWorkObserver
{
    private readonly IWorkObserver? _inner;
    private readonly IRenderEvents? _events;
    private readonly IProgress<RenderProgress>? _progress;
    private OutputPlan[] _outputs = [];
    private int[] _outputWriters = [];
    private int _total;
    private int _current;
    private long _start;
    private int _sequence = -1;
    private int _done;
    private int _outputDone;
    private int _outputWritten;

    private RenderMonitor(IWorkObserver? inner, IRenderEvents? events, IProgress<RenderProgress>? progress)
    {
        _inner = inner;
        _events = events;
        _progress = progress;
    }

    /// <summary>A monitor, or null when nobody listens.</summary>
    public static RenderMonitor? Create(IWorkObserver? inner, IRenderEvents? events, IProgress<RenderProgress>? progress) =>
        inner is null && events is null && progress is null ? null : new RenderMonitor(inner, events, progress);

    /// <summary>
    /// The plan: per output (in execution order) the packages run for it and how many of them write
    /// the output itself. Execution time starts now.
    /// </summary>
    public void Planned(ExecutionModel model, IReadOnlyList<(OutputOperation Output, int Packages, int Writers)> outputs)
    {
        _outputs = outputs.Select(o => new OutputPlan(o.Output.NodeName, o.Output.Kind, o.Output.Canvas, o.Packages)).ToArray();
        _outputWriters = outputs.Select(o => o.Writers).ToArray();
        _total = outputs.Sum(o => o.Packages);
        _start = Stopwatch.GetTimestamp();
        _events?.RenderStarted(new RenderPlanSummary(model, _outputs));
    }

    /// <summary>Output <paramref name="index"/> (of the plan) starts; outputs run one after another.</summary>
    public void BeginOutput(int index)
    {
        _current = index;
        Volatile.Write(ref _outputDone, 0);
        Volatile.Write(ref _outputWritten, 0);
    }

    private string CurrentOutput => _outputs.Length > 0 ? _outputs[_current].Name : "";

    public void Started(WorkPackage package, WorkerInfo worker)
    {
        package.EventSequence = Interlocked.Increment(ref _sequence);
        package.EventStart = Stopwatch.GetTimestamp();
        _inner?.Started(package, worker);
        _events?.ChunkStarted(Event(package, worker, TimeSpan.Zero));
    }

    public void Finished(WorkPackage package, WorkerInfo worker)
    {
        _inner?.Finished(package, worker);
        if (_events is { } events)
        {
            events.ChunkFinished(Event(package, worker, Stopwatch.GetElapsedTime(package.EventStart)));
            if (package.Output is { Result: { } image } output)
            {
                int written = Interlocked.Increment(ref _outputWritten);
                events.OutputUpdated(new OutputUpdate(output.NodeName, output.Kind, image, package.Area, written, _outputWriters[_current]));
            }
        }

        int done = Interlocked.Increment(ref _done);
        int outputDone = Interlocked.Increment(ref _outputDone);
        if (_progress is { } progress && _outputs.Length > 0)
        {
            var o = _outputs[_current];
            progress.Report(new RenderProgress(o.Name, _current, _outputs.Length, outputDone, o.Chunks, done, _total, Stopwatch.GetElapsedTime(_start)));
        }
    }

    private ChunkEvent Event(WorkPackage package, WorkerInfo worker, TimeSpan duration) => new(
        package.EventSequence, CurrentOutput, package.Kind, package.Owner, package.ChunkIndex, package.Area,
        worker.Device, worker.Thread, Stopwatch.GetElapsedTime(_start, package.EventStart), duration, package.Output is not null);
}
