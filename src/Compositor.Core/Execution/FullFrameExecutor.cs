using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// Blender's FULL_FRAME model: areas of interest are propagated back from the outputs; every
/// operation is rendered once over the area its readers need, in horizontal strips run in
/// parallel; each buffer is freed after its last reader has rendered. A whole-pixel translation
/// (<see cref="IPixelShift"/>) renders nothing: its readers get its input's buffer under moved
/// coordinates, and that buffer lives until the translation's readers are done. Buffers whose lives
/// do not overlap share memory (<see cref="BufferSlots"/>). An output that would only copy its
/// input (<see cref="OutputOperation.PassThroughInput"/>) has that input's producer render straight
/// into its result instead.
/// </summary>
internal sealed class FullFrameExecutor
{
    private readonly OperationGraph _graph;
    private readonly IWorkScheduler _scheduler;
    private readonly RenderContext _context;
    private readonly RenderMonitor? _monitor;
    private readonly Dictionary<NodeOperation, Rect> _areas = [];
    private readonly Dictionary<NodeOperation, int> _pendingReads = [];
    private readonly Dictionary<NodeOperation, MemoryBuffer> _buffers = [];
    private readonly Dictionary<NodeOperation, NodeOperation> _shiftSources = [];
    private readonly Dictionary<NodeOperation, List<NodeOperation>> _readers = [];
    // Producers that render straight into an output's result (those outputs have nothing left to do).
    private readonly Dictionary<NodeOperation, OutputOperation> _intoResult = [];
    private readonly OpenClActivity? _openCl;
    private BufferSlots _slots = new();
    private BufferSlots.Arrays? _slotArrays;

    public FullFrameExecutor(OperationGraph graph, IWorkScheduler scheduler, RenderContext context, IWorkObserver? observer, OpenClActivity? openCl = null)
    {
        _openCl = openCl;
        _graph = graph;
        _scheduler = scheduler;
        _context = context;
        // A plain observer gets the package callbacks; the renderer passes a monitor that also reports progress.
        _monitor = observer as RenderMonitor ?? RenderMonitor.Create(observer, null, null);
    }

    /// <summary>Number of strips executed.</summary>
    public int PackageCount { get; private set; }

    /// <summary>Time per operation.</summary>
    public OperationTimings Timings { get; } = new();

    public void Execute()
    {
        foreach (var (op, area) in AreasToRender.Compute(_graph.Outputs)) _areas[op] = area;
        foreach (var op in _graph.Operations)
            foreach (var input in op.Inputs)
            {
                _pendingReads[input.Link!] = _pendingReads.GetValueOrDefault(input.Link!) + 1;
                (_readers.TryGetValue(input.Link!, out var list) ? list : _readers[input.Link!] = []).Add(op);
            }

        foreach (var output in _graph.Outputs)
        {
            PlanRenderIntoResult(output);
            // A result its producer renders whole needs no zeroing (progressive listeners read only
            // the areas written so far).
            if (!_intoResult.ContainsValue(output)) output.ClearResult();
        }

        var rendered = new HashSet<NodeOperation>();
        var order = new List<List<NodeOperation>>(_graph.Outputs.Count);
        foreach (var output in _graph.Outputs)
            order.Add(Dependencies(output).Where(rendered.Add).ToList());
        _slots = PlanSlots(order.SelectMany(ops => ops).ToList());
        _slotArrays = new BufferSlots.Arrays(_slots, _context.Pool);
        _monitor?.Planned(ExecutionModel.FullFrame, _graph.Outputs.Select((o, i) =>
            (o, order[i].Sum(op => StripCount(op)), order[i].Contains(o) ? OutputWriters(o) : 0)).ToList());
        try
        {
            for (int i = 0; i < order.Count; i++)
            {
                _monitor?.BeginOutput(i);
                foreach (var op in order[i])
                {
                    _context.Cancellation.ThrowIfCancellationRequested();
                    Render(op);
                }
            }
        }
        finally
        {
            foreach (var buffer in _buffers.Values) buffer.Dispose();
            _buffers.Clear();
            _slotArrays?.Dispose();
        }
    }

    /// <summary>The slots of the buffers the operations in <paramref name="steps"/> (in render order) allocate from the pool.</summary>
    private BufferSlots PlanSlots(List<NodeOperation> steps)
    {
        var step = new Dictionary<NodeOperation, int>(steps.Count);
        for (int i = 0; i < steps.Count; i++) step[steps[i]] = i;
        // The step after which a buffer is freed, as ReadFinished frees it: once every reader has
        // rendered, a moved view counting as read when its own readers are done. Never, when a
        // reader never renders.
        int LastRead(NodeOperation op)
        {
            if (!_readers.TryGetValue(op, out var list)) return int.MaxValue;
            int last = 0;
            foreach (var reader in list)
            {
                if (!step.TryGetValue(reader, out int s)) return int.MaxValue;
                last = Math.Max(last, ShiftSource(reader, _areas.GetValueOrDefault(reader))?.Source == op ? LastRead(reader) : s);
            }

            return last;
        }

        return BufferSlots.Plan(steps
            .Where(op => OwnsPooledBuffer(op, _areas.GetValueOrDefault(op)))
            .Select(op => ((object)op, _areas[op].Area * op.OutputType!.Value.Channels(), step[op], LastRead(op))));
    }

    /// <summary>True when <see cref="Render"/> gives <paramref name="op"/> a buffer of its own from the pool.</summary>
    private bool OwnsPooledBuffer(NodeOperation op, Rect area) => RendersIntoBuffer(op, area) && !_intoResult.ContainsKey(op);

    /// <summary>True when <paramref name="op"/> renders into a buffer (its own, or an output's result).</summary>
    private bool RendersIntoBuffer(NodeOperation op, Rect area) =>
        op is not (OutputOperation or ConstantOperation) && op.OutputType is not null && !area.IsEmpty &&
        Stored(op, area) is null && ShiftSource(op, area) is null;

    /// <summary>
    /// Lets the producer of <paramref name="output"/>'s pass-through input render into the result
    /// when that changes nothing: the output only reads it, it renders exactly the result's area, in
    /// the result's type.
    /// </summary>
    private void PlanRenderIntoResult(OutputOperation output)
    {
        int index = output.PassThroughInput;
        if (index < 0 || output.Result is not { } result || _areas.GetValueOrDefault(output) != result.Rect) return;
        var producer = output.Inputs[index].Link!;
        if (producer.OutputType != result.Type || _areas.GetValueOrDefault(producer) != result.Rect ||
            !RendersIntoBuffer(producer, result.Rect) || _intoResult.ContainsKey(producer) ||
            !_readers.TryGetValue(producer, out var readers) || readers is not [var onlyReader] || onlyReader != output) return;
        _intoResult[producer] = output;
    }

    /// <summary>Packages that write <paramref name="output"/>'s result: its own, or its producer's when that renders into it.</summary>
    private int OutputWriters(OutputOperation output)
    {
        foreach (var (producer, target) in _intoResult)
            if (target == output) return StripCount(producer);
        return StripCount(output);
    }

    /// <summary>The operations <paramref name="output"/> needs, producers first (the graph's order).</summary>
    private List<NodeOperation> Dependencies(NodeOperation output)
    {
        var needed = new HashSet<NodeOperation>();
        var stack = new Stack<NodeOperation>();
        stack.Push(output);
        while (stack.Count > 0)
        {
            var op = stack.Pop();
            if (!needed.Add(op)) continue;
            foreach (var input in op.Inputs) stack.Push(input.Link!);
        }

        return _graph.Operations.Where(needed.Contains).ToList();
    }

    private void Render(NodeOperation op)
    {
        var area = _areas.GetValueOrDefault(op);
        if (Stored(op, area) is { } stored)
        {
            // A decoded image is read where it lies: no copy, no buffer.
            _buffers[op] = stored;
            foreach (var input in op.Inputs) ReadFinished(input.Link!);
            return;
        }

        if (ShiftSource(op, area) is var (source, dx, dy))
        {
            _buffers[op] = _buffers[source].Moved(dx, dy);
            _shiftSources[op] = source;
            int shifted = ((IPixelShift)op).ShiftedInput;
            for (int i = 0; i < op.Inputs.Count; i++)
                if (i != shifted) ReadFinished(op.Inputs[i].Link!);
            return;
        }

        if (op is OutputOperation done && _intoResult.ContainsValue(done))
        {
            // Its producer (rendered first, as a dependency) wrote the result: the copy would change nothing.
            foreach (var input in op.Inputs) ReadFinished(input.Link!);
            return;
        }

        var intoResult = _intoResult.GetValueOrDefault(op);
        MemoryBuffer? output = null;
        if (op is OutputOperation outputOp) output = outputOp.Result;
        else if (intoResult is not null)
        {
            // A view of the output's result (disposing it frees nothing; the output owns the memory).
            output = intoResult.Result!.Moved(0, 0);
        }
        else if (op is ConstantOperation constant) output = MemoryBuffer.CreateSingleElement(constant.OutputType!.Value, constant.Value, op.Canvas);
        else if (op.OutputType is { } type)
            output = _slots.SlotOf(op) is var slot and >= 0
                ? MemoryBuffer.Wrap(type, area, _slotArrays!.Take(slot, op, holder => _buffers.ContainsKey((NodeOperation)holder)))
                : MemoryBuffer.Create(type, area, _context.Pool);
        if (output is not null && op is not OutputOperation) _buffers[op] = output;

        if (op is not ConstantOperation && !area.IsEmpty)
        {
            var inputs = op.Inputs.Select(i => _buffers[i.Link!]).ToArray();
            var strips = Strips(op, area);
            var packages = new List<WorkPackage>(strips.Count);
            string name = op.Label.Length > 0 ? $"{op.Label} ({op.GetType().Name})" : op.ToString();
            var openCl = OpenClPlanning.Create(op, name, strips.Count, () => inputs, () => output!,
                (_, run) => Timings.Measure(name, run), _openCl, _scheduler, _context.Logger);
            for (int s = 0; s < strips.Count; s++)
            {
                var strip = strips[s];
                packages.Add(new WorkPackage(WorkPackageKind.Strip, name, s, strip, s,
                    _ =>
                    {
                        Timings.Measure(name, () => ExecuteInBands(op, output, strip, inputs));
                        openCl?.PackageCompleted();
                    })
                {
                    OpenCl = openCl,
                    Output = op as OutputOperation ?? intoResult,
                });
            }

            try
            {
                _scheduler.Run(packages, _context.Cancellation, _monitor);
            }
            finally
            {
                openCl?.Release();
            }

            PackageCount += packages.Count;
        }

        foreach (var input in op.Inputs) ReadFinished(input.Link!);
    }

    /// <summary>Pixels one call of an operation computes at most, so a cancelled render stops within a band.</summary>
    private const int BandPixels = 32_768;

    /// <summary>
    /// Computes <paramref name="strip"/> in bands of rows, checking for cancellation between them: a
    /// strip of a slow operation may take seconds. Whole-image operations run in one call.
    /// </summary>
    private void ExecuteInBands(NodeOperation op, MemoryBuffer? output, Rect strip, MemoryBuffer[] inputs)
    {
        if (op.Has(OperationFlags.SingleThreaded))
        {
            op.Execute(output, strip, inputs, _context);
            return;
        }

        int rows = Math.Max(1, BandPixels / Math.Max(1, strip.Width));
        for (int y = strip.YMin; y < strip.YMax; y += rows)
        {
            if (y > strip.YMin && _context.Cancellation.IsCancellationRequested) return;
            op.Execute(output, new Rect(strip.XMin, y, strip.XMax, Math.Min(y + rows, strip.YMax)), inputs, _context);
        }
    }

    /// <summary>Packages <see cref="Render"/> runs for <paramref name="op"/>.</summary>
    private int StripCount(NodeOperation op)
    {
        var area = _areas.GetValueOrDefault(op);
        return op is ConstantOperation || area.IsEmpty || Stored(op, area) is not null || ShiftSource(op, area) is not null ||
            (op is OutputOperation output && _intoResult.ContainsValue(output))
            ? 0 : Strips(op, area).Count;
    }

    /// <summary>
    /// For a translation whose input's buffer covers what it moves into <paramref name="area"/> (or
    /// whose readers all read outside their inputs' buffers as transparent black, as the translation's
    /// copy would hold there): that input and the offset. Null for every other operation (it renders
    /// into a buffer of its own).
    /// </summary>
    private (NodeOperation Source, int X, int Y)? ShiftSource(NodeOperation op, Rect area)
    {
        if (op is not IPixelShift { Shift: { } shift } pixelShift || op is OutputOperation || area.IsEmpty) return null;
        var source = op.Inputs[pixelShift.ShiftedInput].Link!;
        if (source is ConstantOperation || source.OutputType != op.OutputType) return null;
        var sourceArea = _areas.GetValueOrDefault(source);
        var covered = Stored(source, sourceArea)?.Rect ?? sourceArea;
        bool readersSample = _readers.TryGetValue(op, out var readers) && readers.All(r => r.Has(OperationFlags.SampledInputs));
        return readersSample || covered.Contains(area.Translate(-shift.X, -shift.Y)) ? (source, shift.X, shift.Y) : null;
    }

    /// <summary>The operation's output where it already lies in memory, when that covers <paramref name="area"/>.</summary>
    private static MemoryBuffer? Stored(NodeOperation op, Rect area) =>
        op is IStoredOutput { StoredOutput: { } stored } && stored.Rect.Contains(area) ? stored : null;

    private List<Rect> Strips(NodeOperation op, Rect area)
    {
        if (op.Has(OperationFlags.SingleThreaded) || _scheduler.Concurrency <= 1) return [area];
        // Full-width strips keep rows contiguous.
        int count = Math.Min(area.Height, _scheduler.Concurrency * Math.Max(1, op.StripsPerWorker));
        if ((long)area.Width * area.Height < 16_384) count = 1;
        var strips = new List<Rect>(count);
        int y = area.YMin;
        for (int i = 0; i < count; i++)
        {
            int rows = area.Height / count + (i < area.Height % count ? 1 : 0);
            strips.Add(new Rect(area.XMin, y, area.XMax, y + rows));
            y += rows;
        }

        return strips;
    }

    private void ReadFinished(NodeOperation producer)
    {
        int left = _pendingReads[producer] - 1;
        _pendingReads[producer] = left;
        if (left != 0 || !_buffers.Remove(producer, out var buffer)) return;
        buffer.Dispose();
        // A moved view was the last reader of its source's buffer.
        if (_shiftSources.Remove(producer, out var source)) ReadFinished(source);
    }
}
