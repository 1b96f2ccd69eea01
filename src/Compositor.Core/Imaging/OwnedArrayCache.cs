namespace Compositor.Imaging;

/// <summary>
/// Keeps the arrays of a few disposed output results for the next render's outputs of the same
/// size. A fresh output array costs a page fault per 4 KiB on first write (about 8,000 for a
/// 1080p RGBA float image, 10–15 ms), which dominated short renders; a render loop or an image
/// sequence now writes into memory that is already mapped. Arrays are matched by exact length, so
/// a buffer never sees a longer array than it asked for.
/// </summary>
internal static class OwnedArrayCache
{
    private const int Capacity = 4;
    private static readonly List<float[]> Arrays = new(Capacity);

    /// <summary>A kept array of exactly <paramref name="length"/> floats (contents undefined), or null.</summary>
    public static float[]? TryTake(int length)
    {
        lock (Arrays)
        {
            for (int i = Arrays.Count - 1; i >= 0; i--)
                if (Arrays[i].Length == length)
                {
                    var array = Arrays[i];
                    Arrays.RemoveAt(i);
                    return array;
                }
        }

        return null;
    }

    /// <summary>Keeps <paramref name="array"/> for reuse, dropping the oldest kept one when full.</summary>
    public static void Give(float[] array)
    {
        lock (Arrays)
        {
            if (Arrays.Count == Capacity) Arrays.RemoveAt(0);
            Arrays.Add(array);
        }
    }
}
