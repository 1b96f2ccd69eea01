using System.Collections.Concurrent;

namespace Compositor.Compile;

/// <summary>
/// Keeps decoded input images by file path (and frame), so repeated renders of a graph read each
/// file once. Thread-safe.
/// </summary>
public sealed class ImageCache
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _items = new(StringComparer.Ordinal);

    /// <summary>Number of entries.</summary>
    public int Count => _items.Count;

    /// <summary>The cached item for <paramref name="key"/>, loading it once with <paramref name="load"/>.</summary>
    public T GetOrLoad<T>(string key, Func<string, T> load) where T : class =>
        (T)_items.GetOrAdd(key, k => new Lazy<object>(() => load(k))).Value;

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _items.Clear();
}
