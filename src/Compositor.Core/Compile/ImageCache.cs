using System.Collections.Concurrent;

namespace Compositor.Compile;

/// <summary>
/// Keeps decoded input images by file path (and frame), so repeated renders of a graph read each
/// file once. A failed load is not kept: the next render tries the file again. Renders of many
/// frames forget the images earlier frames used with <see cref="EvictUnusedSince"/>, so memory
/// stays flat over a long sequence. Thread-safe.
/// </summary>
public sealed class ImageCache
{
    private readonly ConcurrentDictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Number of entries.</summary>
    public int Count => _items.Count;

    /// <summary>The current point in the cache's use order, for <see cref="EvictUnusedSince"/>.</summary>
    public long Stamp => Interlocked.Read(ref _clock);

    /// <summary>The cached item for <paramref name="key"/>, loading it once with <paramref name="load"/>.</summary>
    public T GetOrLoad<T>(string key, Func<string, T> load) where T : class
    {
        var entry = _items.GetOrAdd(key, k => new Entry(new Lazy<object>(() => load(k))));
        Interlocked.Exchange(ref entry.LastUse, Interlocked.Increment(ref _clock));
        try
        {
            return (T)entry.Value.Value;
        }
        catch
        {
            // Lazy keeps its exception; drop the entry so a file that appears or is fixed later is read.
            _items.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Forgets every entry not used after <paramref name="stamp"/> (a <see cref="Stamp"/>); returns how many.</summary>
    public int EvictUnusedSince(long stamp)
    {
        int evicted = 0;
        foreach (var (key, entry) in _items)
            if (Interlocked.Read(ref entry.LastUse) <= stamp && _items.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
                evicted++;
        return evicted;
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _items.Clear();

    private sealed class Entry(Lazy<object> value)
    {
        public readonly Lazy<object> Value = value;
        public long LastUse;
    }
}
