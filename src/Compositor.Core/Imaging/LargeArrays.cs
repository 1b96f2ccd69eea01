namespace Compositor.Imaging;

/// <summary>
/// Large float arrays at their exact length, kept when given back for the next request of the same
/// length (a render repeated on the same graph asks for the same lengths), up to
/// <see cref="MaxKeptBytes"/> in all, the oldest dropped first. Thread-safe.
/// </summary>
internal static class LargeArrays
{
    /// <summary>The shortest array handled here (4 MiB of floats).</summary>
    public const int MinLength = 1 << 20;

    private static readonly object Lock = new();
    private static readonly LinkedList<float[]> Kept = [];
    private static long _keptBytes;

    /// <summary>The most bytes kept between uses: an eighth of the memory available to the process, at most 2 GiB.</summary>
    public static long MaxKeptBytes { get; } =
        Math.Min(2L << 30, Math.Max(256L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8));

    /// <summary>An array of exactly <paramref name="length"/> floats (contents undefined).</summary>
    public static float[] Rent(int length)
    {
        lock (Lock)
            for (var node = Kept.Last; node is not null; node = node.Previous)
                if (node.Value.Length == length)
                {
                    Kept.Remove(node);
                    _keptBytes -= (long)length * sizeof(float);
                    return node.Value;
                }

        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>
    /// For a temporary: the shortest kept array of at least <paramref name="length"/> floats, else a
    /// new one of exactly that length (contents undefined). Give it back with <see cref="Return"/>.
    /// </summary>
    public static float[] RentAtLeast(int length)
    {
        lock (Lock)
        {
            LinkedListNode<float[]>? best = null;
            for (var node = Kept.First; node is not null; node = node.Next)
                if (node.Value.Length >= length && (best is null || node.Value.Length < best.Value.Length)) best = node;
            if (best is not null)
            {
                Kept.Remove(best);
                _keptBytes -= (long)best.Value.Length * sizeof(float);
                return best.Value;
            }
        }

        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Keeps <paramref name="array"/> for reuse.</summary>
    public static void Return(float[] array)
    {
        long bytes = (long)array.Length * sizeof(float);
        if (bytes > MaxKeptBytes) return;
        lock (Lock)
        {
            Kept.AddLast(array);
            _keptBytes += bytes;
            while (_keptBytes > MaxKeptBytes && Kept.First is { } oldest)
            {
                Kept.RemoveFirst();
                _keptBytes -= (long)oldest.Value.Length * sizeof(float);
            }
        }
    }
}
