using Compositor.Imaging;

namespace Compositor.Execution;

/// <summary>
/// Plans which memory each full-frame buffer uses. Operations render one after another, so a
/// buffer's life is known before the render: from its producer's step to the step of its last
/// reader. Buffers whose lives do not overlap share one array (a slot), sized for the largest of
/// them, so a chain of operations needs about two arrays rather than one per operation.
/// </summary>
internal sealed class BufferSlots
{
    private readonly List<long> _capacities = [];
    private readonly Dictionary<object, int> _slotOf = [];

    /// <summary>Arrays (floats) the plan needs, by slot.</summary>
    public IReadOnlyList<long> Capacities => _capacities;

    /// <summary>The slot of <paramref name="owner"/>'s buffer, or -1 when it has none planned.</summary>
    public int SlotOf(object owner) => _slotOf.GetValueOrDefault(owner, -1);

    /// <summary>
    /// Assigns slots to <paramref name="buffers"/>, given in the order they are allocated: each with
    /// its length in floats, the step that allocates it and the last step that reads it (a buffer
    /// allocated at step s may reuse the slot of one last read at a step before s).
    /// </summary>
    public static BufferSlots Plan(IEnumerable<(object Owner, long Length, int Allocated, int LastRead)> buffers)
    {
        var plan = new BufferSlots();
        var busyUntil = new List<int>(); // per slot: the last step that reads its current buffer
        foreach (var (owner, length, allocated, lastRead) in buffers)
        {
            // Best fit among the free slots; else grow the largest free one; else a new slot.
            int best = -1, largest = -1;
            for (int s = 0; s < busyUntil.Count; s++)
            {
                if (busyUntil[s] >= allocated) continue;
                long capacity = plan._capacities[s];
                if (capacity >= length && (best < 0 || capacity < plan._capacities[best])) best = s;
                if (largest < 0 || capacity > plan._capacities[largest]) largest = s;
            }

            int slot = best >= 0 ? best : largest;
            if (slot < 0)
            {
                slot = busyUntil.Count;
                busyUntil.Add(0);
                plan._capacities.Add(0);
            }

            plan._capacities[slot] = Math.Max(plan._capacities[slot], length);
            busyUntil[slot] = Math.Max(lastRead, allocated);
            plan._slotOf[owner] = slot;
        }

        return plan;
    }

    /// <summary>The arrays of the slots while a render uses them, rented on first use and all given back at its end.</summary>
    public sealed class Arrays(BufferSlots plan, BufferPool pool) : IDisposable
    {
        private readonly float[]?[] _arrays = new float[plan._capacities.Count][];
        private readonly object?[] _holders = new object[plan._capacities.Count];

        /// <summary>
        /// The array of <paramref name="slot"/> for <paramref name="owner"/>. <paramref name="isLive"/>
        /// tells whether the slot's previous owner still holds its buffer: the plan is then out of
        /// step with the render, which must never happen (it would overwrite live pixels).
        /// </summary>
        public float[] Take(int slot, object owner, Func<object, bool> isLive)
        {
            if (_holders[slot] is { } previous && isLive(previous))
                throw new InvalidOperationException($"buffer slot {slot} is still held by {previous} when {owner} needs it");
            _holders[slot] = owner;
            return _arrays[slot] ??= pool.Rent(checked((int)plan._capacities[slot]));
        }

        /// <inheritdoc />
        public void Dispose()
        {
            for (int s = 0; s < _arrays.Length; s++)
            {
                if (_arrays[s] is { } array) pool.Return(array, (int)plan._capacities[s]);
                _arrays[s] = null;
            }
        }
    }
}
