using System.Collections.Concurrent;
using Compositor.Execution;
using Compositor.Imaging;

namespace Compositor.Devices.Tests;

/// <summary>Scheduler invariants: each package once, never before its dependencies, best order first, failures and cancellation.</summary>
public sealed class WorkSchedulerTests
{
    private sealed class Recorder : IWorkObserver
    {
        public readonly ConcurrentQueue<(WorkPackage Package, string Event)> Events = new();

        public void Started(WorkPackage package, WorkerInfo worker) => Events.Enqueue((package, "start"));

        public void Finished(WorkPackage package, WorkerInfo worker) => Events.Enqueue((package, "end"));
    }

    /// <summary>A random DAG of packages: each may depend on a few earlier ones.</summary>
    private static List<WorkPackage> RandomDag(int count, int seed, ConcurrentDictionary<WorkPackage, int> runs)
    {
        var rng = new Random(seed);
        var packages = new List<WorkPackage>();
        for (int i = 0; i < count; i++)
        {
            WorkPackage? self = null;
            self = new WorkPackage(WorkPackageKind.Chunk, "g", i, new Rect(i, 0, i + 1, 1), rng.Next(100), _ =>
            {
                runs.AddOrUpdate(self!, 1, (_, n) => n + 1);
                Thread.SpinWait(rng.Next(50));
            });
            for (int d = 0; d < 3 && i > 0; d++)
            {
                var dep = packages[rng.Next(i)];
                if (!self.Dependencies.Contains(dep)) self.DependOn(dep);
            }

            packages.Add(self);
        }

        return packages;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(8)]
    public void EveryPackageRunsExactlyOnceAfterItsDependencies(int threads)
    {
        using var scheduler = new WorkScheduler(threads);
        var runs = new ConcurrentDictionary<WorkPackage, int>();
        var batch = RandomDag(500, seed: threads, runs);
        var recorder = new Recorder();
        scheduler.Run(batch, CancellationToken.None, recorder);

        Assert.That(runs.Count, Is.EqualTo(batch.Count), "every package ran");
        Assert.That(runs.Values.All(n => n == 1), Is.True, "no package ran twice");
        Assert.That(batch.All(p => p.State == WorkPackageState.Executed), Is.True);
        var endIndex = new Dictionary<WorkPackage, int>();
        var startIndex = new Dictionary<WorkPackage, int>();
        int k = 0;
        foreach (var (package, ev) in recorder.Events)
        {
            if (ev == "start") startIndex[package] = k;
            else endIndex[package] = k;
            k++;
        }

        foreach (var package in batch)
            foreach (var dependency in package.Dependencies)
                Assert.That(endIndex[dependency], Is.LessThan(startIndex[package]), $"{package} started before {dependency} finished");
    }

    [Test]
    public void SingleThreadedRunsReadyPackagesInOrderOnTheCallingThread()
    {
        using var scheduler = new WorkScheduler(1);
        Assert.That(scheduler.Model, Is.EqualTo(ThreadingModel.SingleThreaded));
        var order = new List<int>();
        int caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();
        var batch = new[] { 5, 3, 9, 1, 7 }.Select(o => new WorkPackage(WorkPackageKind.Strip, "op", o, Rect.Empty, o, _ =>
        {
            order.Add(o);
            threads.Add(Environment.CurrentManagedThreadId);
        })).ToList();
        scheduler.Run(batch, CancellationToken.None);
        Assert.That(order, Is.EqualTo(new[] { 1, 3, 5, 7, 9 }), "lowest order first");
        Assert.That(threads, Is.EquivalentTo(new[] { caller }));
    }

    [Test]
    public void QueueModelPrefersLowerOrderAmongReadyPackages()
    {
        if (WorkScheduler.IsSingleThreadedBuild) Assert.Ignore("the single-threaded build has no worker threads");
        using var scheduler = new WorkScheduler(2);
        var started = new ConcurrentQueue<int>();
        using var gate = new ManualResetEventSlim(false);
        // A first package holds one worker until all others are queued; then the rest must start in order.
        var blocker = new WorkPackage(WorkPackageKind.Chunk, "g", -1, Rect.Empty, -1, _ => gate.Wait());
        var batch = new List<WorkPackage> { blocker };
        var rest = Enumerable.Range(0, 50).Reverse().Select(i => new WorkPackage(WorkPackageKind.Chunk, "g", i, Rect.Empty, i, _ =>
        {
            started.Enqueue(i);
            if (started.Count == 50) gate.Set();
        })).ToList();
        batch.AddRange(rest);
        var task = Task.Run(() => scheduler.Run(batch, CancellationToken.None));
        Assert.That(task.Wait(TimeSpan.FromSeconds(20)), Is.True, "batch finished");
        // With one worker free, the other 50 run one at a time in order.
        Assert.That(started, Is.EqualTo(Enumerable.Range(0, 50)));
    }

    [TestCase(1)]
    [TestCase(4)]
    public void AFailingPackageStopsTheBatchAndIsRethrown(int threads)
    {
        using var scheduler = new WorkScheduler(threads);
        int ran = 0;
        var first = new WorkPackage(WorkPackageKind.Chunk, "g", 0, Rect.Empty, 0, _ => throw new InvalidDataException("boom"));
        var after = new WorkPackage(WorkPackageKind.Chunk, "g", 1, Rect.Empty, 1, _ => Interlocked.Increment(ref ran));
        after.DependOn(first);
        var e = Assert.Throws<InvalidDataException>(() => scheduler.Run([first, after], CancellationToken.None));
        Assert.That(e!.Message, Is.EqualTo("boom"));
        Assert.That(ran, Is.Zero, "a package after the failure did not run");
    }

    [TestCase(1)]
    [TestCase(4)]
    public void CancellationStopsBeforeTheNextPackage(int threads)
    {
        using var scheduler = new WorkScheduler(threads);
        using var cts = new CancellationTokenSource();
        int ran = 0;
        var chain = new List<WorkPackage>();
        for (int i = 0; i < 100; i++)
        {
            var p = new WorkPackage(WorkPackageKind.Chunk, "g", i, Rect.Empty, i, _ =>
            {
                if (Interlocked.Increment(ref ran) == 10) cts.Cancel();
            });
            if (i > 0) p.DependOn(chain[^1]);
            chain.Add(p);
        }

        Assert.Throws<OperationCanceledException>(() => scheduler.Run(chain, cts.Token));
        Assert.That(ran, Is.EqualTo(10));
    }

    [Test]
    public void DependencyOutsideTheBatchThatNeverRanIsAnError()
    {
        using var scheduler = new WorkScheduler(1);
        var outside = new WorkPackage(WorkPackageKind.Chunk, "g", 0, Rect.Empty, 0, _ => { });
        var inside = new WorkPackage(WorkPackageKind.Chunk, "g", 1, Rect.Empty, 0, _ => { });
        inside.DependOn(outside);
        Assert.Throws<InvalidOperationException>(() => scheduler.Run([inside], CancellationToken.None));
    }

    [Test]
    public void SeveralBatchesCanRunAtOnceOnOneScheduler()
    {
        using var scheduler = new WorkScheduler(3);
        var runs = new ConcurrentDictionary<WorkPackage, int>();
        var batches = Enumerable.Range(0, 4).Select(s => RandomDag(200, 100 + s, runs)).ToList();
        Parallel.ForEach(batches, b => scheduler.Run(b, CancellationToken.None));
        Assert.That(runs.Count, Is.EqualTo(800));
        Assert.That(runs.Values.All(n => n == 1), Is.True);
    }

    [Test]
    public void TheBuildsThreadingModelIsWhatItSays()
    {
        using var scheduler = new WorkScheduler(4);
#if COMPOSITOR_SINGLE_THREADED
        Assert.That(WorkScheduler.IsSingleThreadedBuild, Is.True);
        Assert.That((scheduler.Model, scheduler.Concurrency), Is.EqualTo((ThreadingModel.SingleThreaded, 1)));
#else
        Assert.That(WorkScheduler.IsSingleThreadedBuild, Is.False);
        Assert.That((scheduler.Model, scheduler.Concurrency), Is.EqualTo((ThreadingModel.Queue, 4)));
#endif
    }
}
