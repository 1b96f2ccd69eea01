using System.Buffers;

namespace Compositor.Imaging;

/// <summary>
/// Hands out float arrays for <see cref="MemoryBuffer"/>s from a shared array pool and keeps count
/// of what is live, so a render can report its peak and fail cleanly over a memory budget.
/// Thread-safe. One pool per render keeps statistics per render; the arrays themselves come from
/// <see cref="ArrayPool{T}.Shared"/> and are reused across renders.
/// </summary>
public sealed class BufferPool
{
    private long _liveBytes;
    private long _peakBytes;
    private long _allocations;

    /// <summary>The maximum number of live bytes allowed, or 0 for no limit.</summary>
    public long MemoryBudgetBytes { get; init; }

    /// <summary>Bytes currently rented.</summary>
    public long LiveBytes => Interlocked.Read(ref _liveBytes);

    /// <summary>Highest number of bytes rented at once.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>Number of arrays rented so far.</summary>
    public long Allocations => Interlocked.Read(ref _allocations);

    /// <summary>Rents an array of at least <paramref name="length"/> floats (contents undefined).</summary>
    /// <exception cref="InsufficientMemoryException">The rent would pass <see cref="MemoryBudgetBytes"/>.</exception>
    public float[] Rent(int length)
    {
        Charge((long)length * sizeof(float));
        return ArrayPool<float>.Shared.Rent(length);
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> allocated elsewhere (an output the caller keeps) as live for the
    /// rest of the render, checking the budget first.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The bytes would pass <see cref="MemoryBudgetBytes"/>.</exception>
    public void Charge(long bytes)
    {
        long live = Interlocked.Add(ref _liveBytes, bytes);
        if (MemoryBudgetBytes > 0 && live > MemoryBudgetBytes)
        {
            Interlocked.Add(ref _liveBytes, -bytes);
            throw new InsufficientMemoryException(
                $"the render needs more than its memory budget of {MemoryBudgetBytes / (1024 * 1024)} MiB " +
                $"({live / (1024 * 1024)} MiB would be live)");
        }

        long peak;
        while (live > (peak = Interlocked.Read(ref _peakBytes)) &&
               Interlocked.CompareExchange(ref _peakBytes, live, peak) != peak)
        {
        }

        Interlocked.Increment(ref _allocations);
    }

    /// <summary>Gives back an array rented with <paramref name="length"/> floats.</summary>
    public void Return(float[] array, int length)
    {
        Interlocked.Add(ref _liveBytes, -(long)length * sizeof(float));
        ArrayPool<float>.Shared.Return(array);
    }
}
