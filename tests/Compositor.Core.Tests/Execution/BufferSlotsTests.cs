using Compositor.Execution;

namespace Compositor.Core.Tests.Execution;

/// <summary>The full-frame buffer plan: buffers whose lives do not overlap share arrays.</summary>
public sealed class BufferSlotsTests
{
    [Test]
    public void AChainAlternatesBetweenTwoSlotsSizedForTheLargest()
    {
        // Each buffer is read by the next step only, as in Scale → Rotate → Scale → Rotate → Flip.
        var plan = BufferSlots.Plan([("a", 10, 0, 1), ("b", 20, 1, 2), ("c", 20, 2, 3), ("d", 30, 3, 4), ("e", 30, 4, 5)]);
        Assert.That(plan.Capacities, Is.EqualTo(new long[] { 30, 30 }));
        Assert.That(new[] { "a", "b", "c", "d", "e" }.Select(plan.SlotOf), Is.EqualTo(new[] { 0, 1, 0, 1, 0 }));
    }

    [Test]
    public void ABufferStillReadIsNotReused()
    {
        // x is read at step 5, so y (steps 1..2) and z (from step 3) cannot take its slot.
        var plan = BufferSlots.Plan([("x", 100, 0, 5), ("y", 10, 1, 2), ("z", 10, 3, 4), ("w", 50, 6, 7)]);
        Assert.That(plan.SlotOf("y"), Is.Not.EqualTo(plan.SlotOf("x")));
        Assert.That(plan.SlotOf("z"), Is.EqualTo(plan.SlotOf("y")), "y was last read at step 2");
        Assert.That(plan.SlotOf("w"), Is.EqualTo(plan.SlotOf("x")), "the best fit once x is free");
        Assert.That(plan.Capacities.Sum(), Is.EqualTo(110));
    }

    [Test]
    public void ABufferReadAtItsOwnStepIsNotFreeThere()
    {
        var plan = BufferSlots.Plan([("a", 10, 0, 1), ("b", 10, 1, 2)]);
        Assert.That(plan.SlotOf("b"), Is.Not.EqualTo(plan.SlotOf("a")), "b is written while a is read");
    }

    [Test]
    public void TheSmallestFreeSlotThatFitsIsTaken()
    {
        var plan = BufferSlots.Plan([("big", 50, 0, 1), ("small", 20, 0, 1), ("next", 15, 2, 3)]);
        Assert.That(plan.SlotOf("next"), Is.EqualTo(plan.SlotOf("small")));
        Assert.That(plan.Capacities, Is.EqualTo(new long[] { 50, 20 }));
    }

    [Test]
    public void ABufferNeverFreedKeepsItsSlot()
    {
        var plan = BufferSlots.Plan([("kept", 40, 0, int.MaxValue), ("later", 40, 5, 6)]);
        Assert.That(plan.SlotOf("later"), Is.Not.EqualTo(plan.SlotOf("kept")));
        Assert.That(plan.SlotOf("unplanned"), Is.EqualTo(-1));
    }
}
