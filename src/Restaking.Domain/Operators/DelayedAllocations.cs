using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;

namespace Restaking.Domain.Operators;

/// <summary>
/// ELIP-002 allocations with their delays for one operator that reallocates during the run (unique stake):
/// <see cref="OperatorSetAllocations"/> holds the rules — an increase is encumbered at once and slashable after the
/// operator's allocation delay; a decrease stays slashable (and encumbered) for DEALLOCATION_DELAY; a slash takes from the
/// current magnitude and shrinks a pending decrease. Each service is the operator set (service id, 0). A slot with no
/// allocation at tick 0 is a service a reallocate registers the operator for later (<see cref="Scenarios.ReallocationEdges"/>):
/// its magnitude, and with it the edge, stays zero until that allocation takes effect.
/// <para>The clock is the tick, shifted by the allocation delay a (module block = tick + a): the operator registered and
/// allocated a ticks before the run, so its allocations are slashable at tick 0. A decrease in tick T must stay slashable
/// through tick T + d − 1 and free its magnitude at the start of T + d (<see cref="Scenarios.TickClock.DelayTicks"/>), so
/// the module's DEALLOCATION_DELAY (effect block = block + delay + 1) is d − 1.</para>
/// </summary>
public sealed class DelayedAllocations
{
    private readonly OperatorSet[] sets;
    private readonly OperatorSetAllocations allocations;
    private readonly string?[] pendingCauses;
    private readonly long offset;

    /// <param name="serviceIds">The operator's services by slot.</param>
    /// <param name="allocationWads">Its allocations at tick 0 by slot.</param>
    /// <param name="allocationDelayTicks">a: its allocation delay on the tick clock (≥ 0).</param>
    /// <param name="deallocationDelayTicks">d: the deallocation delay on the tick clock (≥ 1).</param>
    public DelayedAllocations(IReadOnlyList<string> serviceIds, IReadOnlyList<long> allocationWads, int allocationDelayTicks, int deallocationDelayTicks)
    {
        if (allocationDelayTicks < 0) throw new ArgumentOutOfRangeException(nameof(allocationDelayTicks));
        if (deallocationDelayTicks < 1) throw new ArgumentOutOfRangeException(nameof(deallocationDelayTicks), "the deallocation delay is at least one tick");
        sets = serviceIds.Select(id => new OperatorSet(id, 0)).ToArray();
        pendingCauses = new string?[sets.Length];
        offset = allocationDelayTicks;
        allocations = new OperatorSetAllocations(AllocationDelay.AtRegistration(allocationDelayTicks, 0), deallocationDelayTicks - 1);
        for (int slot = 0; slot < sets.Length; slot++)
            if (allocationWads[slot] > 0) allocations.ModifyAllocation(sets[slot], allocationWads[slot], 0);
        allocations.Advance(offset);
    }

    public long MaxMagnitude => allocations.MaxMagnitude;

    public long EncumberedMagnitude => allocations.EncumberedMagnitude;

    /// <summary>The magnitude a slash of this slot's service reaches now (pending increases excluded, pending decreases included).</summary>
    public long Slashable(int slot) => allocations.AllocationOf(sets[slot]).CurrentMagnitude;

    /// <summary>Completes the modifications due by <paramref name="tick"/>; returns those that moved a slashable magnitude.</summary>
    public IReadOnlyList<AllocationMoved> Advance(int tick)
    {
        var before = sets.Select(s => allocations.AllocationOf(s)).ToArray();
        allocations.Advance(Block(tick));
        List<AllocationMoved>? moved = null;
        for (int slot = 0; slot < sets.Length; slot++)
        {
            if (!before[slot].IsPending || allocations.AllocationOf(sets[slot]).IsPending) continue;
            (moved ??= []).Add(new AllocationMoved(slot, before[slot].CurrentMagnitude, Slashable(slot), pendingCauses[slot] ?? ""));
            pendingCauses[slot] = null;
        }
        return moved ?? (IReadOnlyList<AllocationMoved>)[];
    }

    /// <summary><c>slashOperator</c> of this slot's operator set at <paramref name="tick"/>: the max magnitude change.</summary>
    public MagnitudeSlash Slash(int slot, long wadsToSlash, int tick) => allocations.Slash(sets[slot], wadsToSlash, Block(tick)).MaxMagnitudeChange;

    /// <summary>
    /// <c>modifyAllocations</c> of this slot to <paramref name="magnitude"/> at <paramref name="tick"/>. The contract's
    /// reverts (ModificationAlreadyPending, SameMagnitude, InsufficientMagnitude) come back as <see cref="AllocationRequest.Rejected"/>.
    /// </summary>
    public AllocationRequest Modify(int slot, long magnitude, int tick, string cause)
    {
        long current = Slashable(slot);
        try
        {
            var allocation = allocations.ModifyAllocation(sets[slot], magnitude, Block(tick));
            if (!allocation.IsPending) return new AllocationRequest(current, magnitude, tick, null);
            pendingCauses[slot] = cause;
            return new AllocationRequest(current, magnitude, allocation.EffectBlock - offset, null);
        }
        catch (InvalidOperationException e)
        {
            return new AllocationRequest(current, magnitude, tick, e.Message);
        }
    }

    /// <summary>
    /// What a slashable magnitude moving from <paramref name="before"/> to <paramref name="after"/> does to the security graph,
    /// for an event's detail: ";edge=opened" when the service gains the operator (slashable only once registered with a nonzero
    /// current magnitude, AllocationManager.md "Evaluating Whether an Allocation is Slashable"), ";edge=closed" when a
    /// deallocation to zero completes, "" otherwise.
    /// </summary>
    public static string EdgeChange(long before, long after) => (before, after) switch
    {
        (0, > 0) => ";edge=opened",
        (> 0, 0) => ";edge=closed",
        _ => "",
    };

    /// <summary>The module's block for <paramref name="tick"/> (a long: a delay may be up to int.MaxValue ticks).</summary>
    private long Block(int tick) => tick + offset;

    /// <summary>The module's state and the cause of each pending modification.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        allocations.SaveState(writer);
        writer.WriteAll(pendingCauses, writer.WriteString);
    }

    public void RestoreState(CheckpointReader reader)
    {
        allocations.RestoreState(reader);
        var causes = reader.ReadAll(4, reader.ReadNullableString);
        CheckpointReader.RequireCount(causes.Length, pendingCauses.Length, "pending allocation causes");
        causes.CopyTo(pendingCauses, 0);
    }
}

/// <summary>A pending modification completed: the slot's slashable magnitude before and after, and the fault that asked for it.</summary>
public readonly record struct AllocationMoved(int Slot, long Before, long After, string Cause);

/// <summary>A reallocation asked for: the slashable magnitude then, the target, the tick it takes effect (now when not
/// delayed), or why the contract would revert.</summary>
public readonly record struct AllocationRequest(long Current, long Target, long EffectTick, string? Rejected);
