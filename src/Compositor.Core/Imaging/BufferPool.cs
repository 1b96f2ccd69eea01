using System.Buffers;

namespace Compositor.Imaging;

/// <summary>
/// Hands out float arrays for <see cref="MemoryBuffer"/>s from a shared array pool and keeps count
/// of what is live, so a render can report its peak and fail cleanly over a memory budget.
/// Thread-safe. One pool per render keeps statistics per render; the arrays themselves are reused
/// across renders: small ones come from <see cref="ArrayPool{T}.Shared"/>, large ones
/// (<see cref="LargeArrays"/>) are allocated at their exact length, which the shared pool would
/// round up to a power of two (up to twice the memory).
/// </summary>
public sealed class BufferPool
{
    private long _chargedBytes; // rented and kept: what the budget limits
    private long _keptBytes;
    private long _peakBytes;
    private long _allocations;

    /// <summary>The maximum number of bytes (rented and kept) allowed at once, or 0 for no limit.</summary>
    public long MemoryBudgetBytes { get; init; }

    /// <summary>Bytes currently rented.</summary>
    public long LiveBytes => Interlocked.Read(ref _chargedBytes) - Interlocked.Read(ref _keptBytes);

    /// <summary>Bytes of buffers the render hands over (outputs), counted with <see cref="Charge"/>.</summary>
    public long KeptBytes => Interlocked.Read(ref _keptBytes);

    /// <summary>Highest number of bytes rented and kept at once.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>Number of arrays rented or charged so far.</summary>
    public long Allocations => Interlocked.Read(ref _allocations);

    /// <summary>Rents an array of at least <paramref name="length"/> floats (contents undefined).</summary>
    /// <exception cref="InsufficientMemoryException">The rent would pass <see cref="MemoryBudgetBytes"/>.</exception>
    public float[] Rent(int length)
    {
        Reserve((long)length * sizeof(float));
        return length >= LargeArrays.MinLength ? LargeArrays.Rent(length) : ArrayPool<float>.Shared.Rent(length);
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> allocated elsewhere and kept after the render (an output's
    /// result) against the budget, checking it first.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The bytes would pass <see cref="MemoryBudgetBytes"/>.</exception>
    public void Charge(long bytes)
    {
        Reserve(bytes);
        Interlocked.Add(ref _keptBytes, bytes);
    }

    /// <summary>Gives back an array rented with <paramref name="length"/> floats.</summary>
    public void Return(float[] array, int length)
    {
        Interlocked.Add(ref _chargedBytes, -(long)length * sizeof(float));
        if (length >= LargeArrays.MinLength) LargeArrays.Return(array);
        else ArrayPool<float>.Shared.Return(array);
    }

    private void Reserve(long bytes)
    {
        long live = Interlocked.Add(ref _chargedBytes, bytes);
        if (MemoryBudgetBytes > 0 && live > MemoryBudgetBytes)
        {
            Interlocked.Add(ref _chargedBytes, -bytes);
            throw new InsufficientMemoryException(
                $"the render needs more than its memory budget of {MemoryBudgetBytes / 1048576.0:0.##} MiB " +
                $"({live / 1048576.0:0.##} MiB would be live)");
        }

        long peak;
        while (live > (peak = Interlocked.Read(ref _peakBytes)) &&
               Interlocked.CompareExchange(ref _peakBytes, live, peak) != peak)
        {
        }

        Interlocked.Increment(ref _allocations);
    }
}
