using Compositor.Imaging;

namespace Compositor.Execution;

/// <summary>What a work package computes.</summary>
public enum WorkPackageKind
{
    /// <summary>A chunk of an ExecutionGroup (tiled model).</summary>
    Chunk,

    /// <summary>A horizontal strip of one operation (full-frame model).</summary>
    Strip,
}

/// <summary>Where a package is in its life (Blender's eWorkPackageState).</summary>
public enum WorkPackageState
{
    /// <summary>Waiting for the packages it depends on.</summary>
    NotScheduled,

    /// <summary>Ready and queued for a device.</summary>
    Scheduled,

    /// <summary>Done.</summary>
    Executed,
}

/// <summary>Where a package runs.</summary>
public sealed record WorkerInfo(string Device, int Thread);

/// <summary>
/// One unit of work handed to a device: a chunk of a group or a strip of an operation. Dependencies
/// are data: a package runs only after every package in <see cref="Dependencies"/> has executed.
/// </summary>
public sealed class WorkPackage
{
    private readonly List<WorkPackage> _dependencies = [];
    private readonly List<WorkPackage> _dependents = [];
    internal int PendingDependencies;

    /// <summary>Creates a package.</summary>
    public WorkPackage(WorkPackageKind kind, string owner, int chunkIndex, Rect area, int order, Action<WorkerInfo> execute)
    {
        Kind = kind;
        Owner = owner;
        ChunkIndex = chunkIndex;
        Area = area;
        Order = order;
        Execute = execute;
    }

    /// <summary>Chunk or strip.</summary>
    public WorkPackageKind Kind { get; }

    /// <summary>The group or operation it belongs to (for events and traces).</summary>
    public string Owner { get; }

    /// <summary>Index of the chunk within its group, or of the strip.</summary>
    public int ChunkIndex { get; }

    /// <summary>The rectangle it computes.</summary>
    public Rect Area { get; }

    /// <summary>Scheduling key: among ready packages, lower runs first (chunk order, then group order).</summary>
    public int Order { get; }

    /// <summary>The work itself.</summary>
    public Action<WorkerInfo> Execute { get; }

    /// <summary>True when the package can run on an OpenCL device (it carries <see cref="OpenCl"/>).</summary>
    public bool PrefersOpenCl => OpenCl is not null;

    /// <summary>
    /// The OpenCL form of this package, or null: an OpenCL device runs <see cref="Area"/> of it;
    /// otherwise (or after a fallback) <see cref="Execute"/> runs it on the CPU.
    /// </summary>
    public OpenClWork? OpenCl { get; init; }

    /// <summary>Life-cycle state.</summary>
    public WorkPackageState State { get; internal set; }

    /// <summary>Packages that must execute first.</summary>
    public IReadOnlyList<WorkPackage> Dependencies => _dependencies;

    /// <summary>Packages waiting for this one.</summary>
    public IReadOnlyList<WorkPackage> Dependents => _dependents;

    /// <summary>The output whose image this package writes (its own group or operation), if any.</summary>
    internal Operations.OutputOperation? Output { get; init; }

    /// <summary>Execution order and start time, kept for render events (set only when someone listens).</summary>
    internal int EventSequence;
    internal long EventStart;

    /// <summary>Where it ran, once executed.</summary>
    public WorkerInfo? ExecutedOn { get; internal set; }

    /// <summary>Makes this package wait for <paramref name="other"/>.</summary>
    public void DependOn(WorkPackage other)
    {
        if (ReferenceEquals(other, this)) throw new ArgumentException("a package cannot depend on itself");
        _dependencies.Add(other);
        other._dependents.Add(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Owner}#{ChunkIndex} {Area}";
}
