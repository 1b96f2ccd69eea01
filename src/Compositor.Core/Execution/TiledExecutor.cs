using Compositor.Compile;
using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Execution;

/// <summary>
/// Blender's TILED model, with its dependencies kept as data: buffers (write → proxy → read) are put
/// around complex operations and around simple operations that several groups would otherwise
/// recompute; the graph is split into ExecutionGroups; each group runs chunk by chunk, and a chunk
/// waits only for the producer chunks covering its area of interest. Outputs run by priority.
/// </summary>
internal sealed class TiledExecutor
{
    private readonly OperationGraph _graph;
    private readonly IWorkScheduler _scheduler;
    private readonly RenderContext _context;
    private readonly RenderMonitor? _monitor;
    private readonly int _chunkSize;
    private readonly List<NodeOperation> _ops;
    private readonly Dictionary<NodeOperation, WriteBufferOperation> _writes = [];
    private readonly List<ExecutionGroup> _groups = [];
    private readonly Dictionary<NodeOperation, MemoryBuffer> _constants = [];
    private readonly Dictionary<ExecutionGroup, ChunkPlan[]> _plans = [];
    private readonly OpenClActivity? _openCl;
    private readonly List<OpenClWork> _openClWork = [];

    public TiledExecutor(OperationGraph graph, IWorkScheduler scheduler, RenderContext context, IWorkObserver? observer, int chunkSize, OpenClActivity? openCl = null)
    {
        _openCl = openCl;
        _graph = graph;
        _scheduler = scheduler;
        _context = context;
        // A plain observer gets the package callbacks; the renderer passes a monitor that also reports progress.
        _monitor = observer as RenderMonitor ?? RenderMonitor.Create(observer, null, null);
        _chunkSize = chunkSize;
        _ops = graph.Operations.ToList();
    }

    /// <summary>The groups of the plan (after <see cref="Plan"/>).</summary>
    public IReadOnlyList<ExecutionGroup> Groups => _groups;

    /// <summary>Number of chunks executed.</summary>
    public int PackageCount { get; private set; }

    /// <summary>Time per group.</summary>
    public OperationTimings Timings { get; } = new();

    /// <summary>Builds the groups and their chunk packages with dependencies.</summary>
    public void Plan()
    {
        var needed = AreasToRender.Compute(_graph.Outputs);
        AddComplexOperationBuffers();
        while (true)
        {
            BuildGroups();
            var shared = SharedSimpleOperations();
            if (shared.Count == 0) break;
            foreach (var op in shared) BufferOutput(op);
        }

        foreach (var op in _ops.OfType<ConstantOperation>())
            _constants[op] = MemoryBuffer.CreateSingleElement(op.OutputType!.Value, op.Value, op.Canvas);
        // A whole-image operation computes what its readers need, as in the full-frame model: its
        // result may depend on that area (a recursive blur runs over exactly the area it renders).
        foreach (var group in _groups)
            if (group.IsSingleThreaded && group.Root is WriteBufferOperation && needed.TryGetValue(group.Producer, out var area) && !area.IsEmpty)
                group.Area = area.Intersect(group.Producer.Canvas);
        foreach (var group in _groups) CreateChunks(group);
        foreach (var group in _groups) PlanChunks(group);
        LinkDependencies();
    }

    /// <summary>Runs the groups each output needs, outputs by priority.</summary>
    public void Execute()
    {
        try
        {
            foreach (var output in _graph.Outputs) output.ClearResult();
            var done = new HashSet<ExecutionGroup>();
            var batches = new List<List<WorkPackage>>(_graph.Outputs.Count);
            foreach (var output in _graph.Outputs)
            {
                var needed = new List<ExecutionGroup>();
                Collect(_groups.First(g => g.Root == output), needed, done);
                batches.Add(needed.SelectMany(g => g.Chunks).ToList());
            }

            _monitor?.Planned(ExecutionModel.Tiled, _graph.Outputs.Select((o, i) => (o, batches[i].Count, batches[i].Count(p => p.Output == o))).ToList());
            for (int i = 0; i < batches.Count; i++)
            {
                _monitor?.BeginOutput(i);
                _scheduler.Run(batches[i], _context.Cancellation, _monitor);
                PackageCount += batches[i].Count;
            }
        }
        finally
        {
            foreach (var work in _openClWork) work.Release();
            foreach (var write in _writes.Values) write.Proxy.Release();
        }
    }

    private void Collect(ExecutionGroup group, List<ExecutionGroup> needed, HashSet<ExecutionGroup> done)
    {
        if (!done.Add(group)) return;
        foreach (var read in group.Members.OfType<ReadBufferOperation>()) Collect(read.Proxy.Executor!, needed, done);
        needed.Add(group);
    }

    private Dictionary<NodeOperation, List<OperationInput>> Consumers()
    {
        var consumers = _ops.ToDictionary(o => o, _ => new List<OperationInput>());
        foreach (var op in _ops)
            foreach (var input in op.Inputs)
                consumers[input.Link!].Add(input);
        return consumers;
    }

    private WriteBufferOperation WriteFor(NodeOperation producer)
    {
        if (_writes.TryGetValue(producer, out var write)) return write;
        write = new WriteBufferOperation(producer);
        _writes[producer] = write;
        _ops.Add(write);
        return write;
    }

    private void LinkThroughBuffer(OperationInput input)
    {
        var write = WriteFor(input.Link!);
        var read = new ReadBufferOperation(write.Proxy) { Label = input.Link!.Label + ":read" };
        _ops.Add(read);
        input.Link = read;
    }

    /// <summary>Sandwiches each complex operation as read → complex → write (Blender's add_complex_operation_buffers).</summary>
    private void AddComplexOperationBuffers()
    {
        foreach (var op in _ops.Where(o => o.Has(OperationFlags.Complex)).ToList())
        {
            foreach (var input in op.Inputs)
                if (input.Link is not (ReadBufferOperation or ConstantOperation)) LinkThroughBuffer(input);
            BufferOutput(op);
        }
    }

    private void BufferOutput(NodeOperation op)
    {
        foreach (var input in Consumers()[op].ToList())
            if (input.Owner is not WriteBufferOperation) LinkThroughBuffer(input);
    }

    private void BuildGroups()
    {
        _groups.Clear();
        var roots = new List<NodeOperation>(_graph.Outputs);
        roots.AddRange(_writes.Values);
        foreach (var root in roots)
        {
            var members = new List<NodeOperation>();
            var visited = new HashSet<NodeOperation>();
            AddMember(root is WriteBufferOperation ? root.Inputs[0].Link! : root);
            _groups.Add(new ExecutionGroup(_groups.Count, root, members));

            // Post-order: every member after the members it reads; the group's producer comes last.
            void AddMember(NodeOperation op)
            {
                if (!visited.Add(op)) return;
                if (op is not (ReadBufferOperation or ConstantOperation))
                    foreach (var input in op.Inputs) AddMember(input.Link!);
                members.Add(op);
            }
        }

        foreach (var write in _writes.Values)
            write.Proxy.Executor = _groups.First(g => g.Root == write);
    }

    /// <summary>Operations that more than one group would compute: they get a buffer of their own.</summary>
    private List<NodeOperation> SharedSimpleOperations()
    {
        var count = new Dictionary<NodeOperation, int>();
        foreach (var group in _groups)
            foreach (var op in group.Members)
                if (op is not (ReadBufferOperation or ConstantOperation or OutputOperation))
                    count[op] = count.GetValueOrDefault(op) + 1;
        return count.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
    }

    private void CreateChunks(ExecutionGroup group)
    {
        group.ChunkSize = _chunkSize;
        group.ChunksX = group.IsSingleThreaded ? 1 : Math.Max(1, (group.Area.Width + _chunkSize - 1) / _chunkSize);
        group.ChunksY = group.IsSingleThreaded ? 1 : Math.Max(1, (group.Area.Height + _chunkSize - 1) / _chunkSize);
        if (group.Area.IsEmpty) { group.ChunksX = 0; group.ChunksY = 0; }
    }

    /// <summary>What one chunk computes: the area of each member, and the proxy areas it reads.</summary>
    private sealed record ChunkPlan(Rect[] Areas, List<(MemoryProxy Proxy, Rect Area)> Reads);

    /// <summary>Per chunk: the area each member computes and the proxies it reads; then the chunk packages.</summary>
    private void PlanChunks(ExecutionGroup group)
    {
        int count = group.ChunksX * group.ChunksY;
        var ordering = ChunkOrdering.CenterOut;
        float cx = 0.5f, cy = 0.5f;
        if (group.Root is IChunkOrderSource source) (ordering, cx, cy) = (source.ChunkOrdering, source.CenterX, source.CenterY);
        var order = ChunkOrder.Compute(ordering, group.ChunksX, group.ChunksY, _chunkSize, group.Area.Width, group.Area.Height, cx, cy);
        var position = new int[count];
        for (int i = 0; i < count; i++) position[order[i]] = i;

        var members = group.Members;
        var index = new Dictionary<NodeOperation, int>(members.Count);
        for (int m = 0; m < members.Count; m++) index[members[m]] = m;
        var plans = new ChunkPlan[count];
        var chunks = new WorkPackage[count];
        string groupName = group.ToString();
        var openCl = group.IsOpenCl ? OpenClFor(group, index, plans, groupName) : null;
        for (int c = 0; c < count; c++)
        {
            var areas = new Rect[members.Count];
            areas[^1] = group.ChunkRect(c);
            for (int m = members.Count - 1; m >= 0; m--)
            {
                var op = members[m];
                if (areas[m].IsEmpty || op is ReadBufferOperation or ConstantOperation) continue;
                for (int i = 0; i < op.Inputs.Count; i++)
                {
                    var producer = op.Inputs[i].Link!;
                    int p = index[producer];
                    areas[p] = areas[p].Union(op.GetAreaOfInterest(i, areas[m]).Intersect(producer.Canvas));
                }
            }

            var reads = new List<(MemoryProxy Proxy, Rect Area)>();
            for (int m = 0; m < members.Count; m++)
                if (members[m] is ReadBufferOperation read && !areas[m].IsEmpty)
                    reads.Add((read.Proxy, areas[m]));
            foreach (var (proxy, _) in reads) proxy.AddChunks(1);

            var plan = plans[c] = new ChunkPlan(areas, reads);
            chunks[c] = new WorkPackage(WorkPackageKind.Chunk, groupName, c, areas[^1], position[c] * 1024 + group.Index % 1024,
                _ =>
                {
                    Timings.Measure(groupName, () => ExecuteChunk(group, index, plan));
                    openCl?.PackageCompleted();
                })
            {
                OpenCl = openCl,
                Output = group.Root as OutputOperation,
            };
        }

        if (group.Root is WriteBufferOperation written) written.Proxy.AddChunks(count);
        group.Chunks = chunks;
        _plans[group] = plans;
    }

    /// <summary>
    /// The OpenCL form of a group's complex operation: its inputs are the proxies and constants the
    /// group reads, its output the group's proxy; device-run chunks are timed and release their
    /// reads as CPU chunks do.
    /// </summary>
    private OpenClWork? OpenClFor(ExecutionGroup group, Dictionary<NodeOperation, int> index, ChunkPlan[] plans, string groupName)
    {
        var op = group.Producer;
        if (group.Root is not WriteBufferOperation write) return null;
        var work = OpenClPlanning.Create(op, groupName, group.ChunksX * group.ChunksY,
            () => op.Inputs.Select(i => i.Link switch
            {
                ReadBufferOperation read => read.Proxy.GetBuffer(_context.Pool),
                ConstantOperation constant => _constants[constant],
                _ => throw new InvalidOperationException($"{op} reads {i.Link} directly; a complex operation reads buffers"),
            }).ToArray(),
            () => write.Proxy.GetBuffer(_context.Pool),
            (package, run) =>
            {
                Timings.Measure(groupName, run);
                foreach (var (proxy, _) in plans[package.ChunkIndex].Reads) proxy.ChunkFinished();
                write.Proxy.ChunkFinished();
            },
            _openCl, _scheduler, _context.Logger);
        if (work is not null) _openClWork.Add(work);
        return work;
    }

    /// <summary>
    /// Makes each chunk wait for the producer chunks covering what it reads. Runs once every group
    /// has its chunks. A chunk bound for OpenCL waits for every chunk of the proxies its group reads:
    /// the device uploads each input once, whole.
    /// </summary>
    private void LinkDependencies()
    {
        foreach (var group in _groups)
        {
            for (int c = 0; c < group.Chunks.Count; c++)
            {
                var chunk = group.Chunks[c];
                foreach (var (proxy, area) in _plans[group][c].Reads)
                    foreach (int k in proxy.Executor!.ChunksCovering(area))
                        chunk.DependOn(proxy.Executor.Chunks[k]);
            }

            if (group.Chunks.Count == 0 || group.Chunks[0].OpenCl is null) continue;
            var proxies = _plans[group].SelectMany(p => p.Reads.Select(r => r.Proxy)).Distinct().ToList();
            foreach (var chunk in group.Chunks)
            {
                var existing = new HashSet<WorkPackage>(chunk.Dependencies);
                foreach (var proxy in proxies)
                    foreach (var producer in proxy.Executor!.Chunks)
                        if (existing.Add(producer)) chunk.DependOn(producer);
            }
        }
    }

    /// <summary>Stands for a producer none of whose pixels are needed: reads as transparent black.</summary>
    private static MemoryBuffer EmptyBuffer(DataType type) => MemoryBuffer.Create(type, Rect.Empty);

    private void ExecuteChunk(ExecutionGroup group, Dictionary<NodeOperation, int> index, ChunkPlan plan)
    {
        var members = group.Members;
        var areas = plan.Areas;
        var buffers = new MemoryBuffer?[members.Count];
        int last = members.Count - 1;
        try
        {
            for (int m = 0; m <= last; m++)
            {
                var op = members[m];
                if (op is ReadBufferOperation read)
                {
                    buffers[m] = read.Proxy.GetBuffer(_context.Pool);
                    continue;
                }

                if (op is ConstantOperation)
                {
                    buffers[m] = _constants[op];
                    continue;
                }

                if (areas[m].IsEmpty) continue;
                var inputs = new MemoryBuffer[op.Inputs.Count];
                for (int i = 0; i < inputs.Length; i++)
                    inputs[i] = buffers[index[op.Inputs[i].Link!]] ?? EmptyBuffer(op.Inputs[i].Type);

                var output = m < last ? buffers[m] = MemoryBuffer.Create(op.OutputType!.Value, areas[m], _context.Pool)
                    : op is OutputOperation o ? o.Result
                    : ((WriteBufferOperation)group.Root).Proxy.GetBuffer(_context.Pool);
                op.Execute(output, areas[m], inputs, _context);
            }
        }
        finally
        {
            for (int m = 0; m < last; m++)
                if (members[m] is not (ReadBufferOperation or ConstantOperation)) buffers[m]?.Dispose();
        }

        foreach (var (proxy, _) in plan.Reads) proxy.ChunkFinished();
        if (group.Root is WriteBufferOperation written) written.Proxy.ChunkFinished();
    }
}

/// <summary>An output whose chunks follow its own order (the Viewer's tile order and centre).</summary>
public interface IChunkOrderSource
{
    /// <summary>The chunk order.</summary>
    ChunkOrdering ChunkOrdering { get; }

    /// <summary>Hotspot x in 0..1.</summary>
    float CenterX { get; }

    /// <summary>Hotspot y in 0..1.</summary>
    float CenterY { get; }
}
