using System.Collections.Concurrent;
using System.Diagnostics;

namespace Compositor.Execution;

/// <summary>Time spent in one operation (full frame) or one execution group (tiled), summed over its packages and threads.</summary>
public sealed record OperationTiming(string Name, double Seconds, int Packages);

/// <summary>Collects per-operation times while packages run (thread-safe).</summary>
internal sealed class OperationTimings
{
    private readonly ConcurrentDictionary<string, (long Ticks, int Packages)> _times = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> and adds its duration to <paramref name="name"/>.</summary>
    public void Measure(string name, Action work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            work();
        }
        finally
        {
            long elapsed = Stopwatch.GetTimestamp() - start;
            _times.AddOrUpdate(name, (elapsed, 1), (_, t) => (t.Ticks + elapsed, t.Packages + 1));
        }
    }

    /// <summary>The times, slowest first.</summary>
    public IReadOnlyList<OperationTiming> ToList() =>
        _times.Select(kv => new OperationTiming(kv.Key, kv.Value.Ticks / (double)Stopwatch.Frequency, kv.Value.Packages))
            .OrderByDescending(t => t.Seconds)
            .ToList();
}
