namespace Compositor.Execution;

/// <summary>Events a scheduler reports while it runs packages.</summary>
public interface IWorkObserver
{
    /// <summary>A package starts on a device thread.</summary>
    void Started(WorkPackage package, WorkerInfo worker);

    /// <summary>A package finished.</summary>
    void Finished(WorkPackage package, WorkerInfo worker);
}

/// <summary>
/// Runs batches of work packages on devices (Blender's WorkScheduler). A batch is a dependency
/// graph: a package becomes ready when all its dependencies have executed; among ready packages
/// the lowest <see cref="WorkPackage.Order"/> runs first. Implementations live in
/// Compositor.Devices (CPU worker threads, single-threaded, OpenCL).
/// </summary>
public interface IWorkScheduler
{
    /// <summary>Number of packages that can run at once.</summary>
    int Concurrency { get; }

    /// <summary>
    /// Null when packages carrying <see cref="WorkPackage.OpenCl"/> can run on an OpenCL device;
    /// otherwise why they cannot (they then run on the CPU, and renders report the reason).
    /// </summary>
    string? OpenClUnavailableReason => "this scheduler has no OpenCL device";

    /// <summary>
    /// Runs every package of <paramref name="batch"/> once, respecting dependencies, and returns when
    /// all have executed. The first exception a package throws stops the batch and is rethrown;
    /// cancellation throws <see cref="OperationCanceledException"/> once running packages finish.
    /// </summary>
    void Run(IReadOnlyList<WorkPackage> batch, CancellationToken cancellation, IWorkObserver? observer = null);
}
