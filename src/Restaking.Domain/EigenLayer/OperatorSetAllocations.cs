using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// One operator's magnitudes for one strategy across operator sets, with the delays of
/// eigenlayer-contracts docs/core/AllocationManager.md ("Allocation Modifications", "slashOperator"):
/// <list type="bullet">
/// <item><c>maxMagnitude</c> starts at WAD and only falls (slashing);</item>
/// <item><c>encumberedMagnitude</c> = Σ current allocations + pending increases + pending decreases not yet freed; it never
/// exceeds maxMagnitude;</item>
/// <item>an increase encumbers at once but becomes slashable only after the operator's allocation delay;</item>
/// <item>a decrease stays slashable and encumbered for DEALLOCATION_DELAY blocks (effect block = now + delay + 1).</item>
/// </list>
/// Due modifications are completed eagerly at the start of every call (the contract completes them lazily in
/// <c>_getUpdatedAllocation</c> / <c>_clearDeallocationQueue</c>; the resulting numbers are the same).
/// </summary>
public sealed class OperatorSetAllocations
{
    private readonly Dictionary<OperatorSet, Allocation> allocations = [];
    private long lastBlock;

    /// <param name="deallocationDelayBlocks"><c>DEALLOCATION_DELAY</c>: an AllocationManager constructor immutable, 100,800
    /// blocks on mainnet (25 on the testnets, safety-delays-reference.md).</param>
    public OperatorSetAllocations(AllocationDelay allocationDelay, long deallocationDelayBlocks = EigenLayerDelays.Deallocation)
    {
        if (deallocationDelayBlocks < 0) throw new ArgumentOutOfRangeException(nameof(deallocationDelayBlocks), "the deallocation delay must be non-negative");
        AllocationDelay = allocationDelay;
        DeallocationDelay = deallocationDelayBlocks;
    }

    public AllocationDelay AllocationDelay { get; }

    public long DeallocationDelay { get; }

    public long MaxMagnitude => History.Latest;

    /// <summary>The max magnitude at every block, for completing queued withdrawals.</summary>
    public MaxMagnitudeHistory History { get; } = new();

    public long EncumberedMagnitude { get; private set; }

    /// <summary><c>getAllocatableMagnitude</c>: what new allocations may still use.</summary>
    public long AllocatableMagnitude => MaxMagnitude - EncumberedMagnitude;

    /// <summary>The stored allocation of <paramref name="set"/> as of the last call (zero if never allocated).</summary>
    public Allocation AllocationOf(OperatorSet set) => allocations.GetValueOrDefault(set);

    /// <summary>
    /// <c>modifyAllocations</c> for one set: sets its target magnitude to <paramref name="newMagnitude"/>.
    /// Increases encumber at once (rejected with <see cref="InvalidOperationException"/> if encumbered would exceed max)
    /// and take effect after the allocation delay. Decreases take effect after DEALLOCATION_DELAY + 1 blocks and stay
    /// slashable until then — unless the allocation is not slashable (<paramref name="operatorSlashable"/> false: the
    /// operator is neither registered nor inside its deregistration window), when they are freed at once.
    /// A set with a pending modification cannot be modified again (ModificationAlreadyPending); no change is SameMagnitude.
    /// </summary>
    public Allocation ModifyAllocation(OperatorSet set, long newMagnitude, long currentBlock, bool operatorSlashable = true)
    {
        if (newMagnitude < 0) throw new ArgumentOutOfRangeException(nameof(newMagnitude), "magnitude must be non-negative");
        var (isSet, delay) = AllocationDelay.At(currentBlock);
        if (!isSet) throw new InvalidOperationException("UninitializedAllocationDelay: the operator has no allocation delay");
        Advance(currentBlock);

        var allocation = AllocationOf(set);
        if (allocation.IsPending) throw new InvalidOperationException($"ModificationAlreadyPending for {set} until block {allocation.EffectBlock}");
        long diff = newMagnitude - allocation.CurrentMagnitude;
        if (diff == 0) throw new InvalidOperationException($"SameMagnitude: {set} already has magnitude {newMagnitude}");

        if (diff < 0)
        {
            // A zero current magnitude cannot be decreased, so only the operator's slashability matters here.
            if (operatorSlashable)
                allocation = allocation with { PendingDiff = diff, EffectBlock = currentBlock + DeallocationDelay + 1 };
            else
            {
                EncumberedMagnitude += diff;
                allocation = new Allocation(newMagnitude, 0, 0);
            }
        }
        else
        {
            if (EncumberedMagnitude + diff > MaxMagnitude)
                throw new InvalidOperationException(
                    $"InsufficientMagnitude: allocating {diff} more to {set} needs {EncumberedMagnitude + diff}, max is {MaxMagnitude}");
            EncumberedMagnitude += diff;
            // With a zero delay the effect block is this block, which the contract already treats as complete.
            allocation = delay == 0
                ? new Allocation(newMagnitude, 0, 0)
                : allocation with { PendingDiff = diff, EffectBlock = currentBlock + delay };
        }
        allocations[set] = allocation;
        return allocation;
    }

    /// <summary>Completes every modification whose effect block is ≤ <paramref name="block"/>; a completed decrease frees its magnitude.</summary>
    public void Advance(long block)
    {
        if (block < lastBlock) throw new ArgumentOutOfRangeException(nameof(block), $"block {block} is before block {lastBlock}");
        lastBlock = block;
        foreach (var (set, allocation) in allocations.ToArray())
        {
            if (!allocation.IsPending || block < allocation.EffectBlock) continue;
            if (allocation.PendingDiff < 0) EncumberedMagnitude += allocation.PendingDiff;
            allocations[set] = new Allocation(allocation.TargetMagnitude, 0, 0);
        }
    }

    /// <summary>The magnitude of <paramref name="set"/> that a slash at <paramref name="block"/> can reach (pending increases excluded, pending decreases included).</summary>
    public long SlashableMagnitude(OperatorSet set, long block)
    {
        var allocation = AllocationOf(set);
        if (allocation.IsPending && block >= allocation.EffectBlock) return allocation.TargetMagnitude;
        return allocation.CurrentMagnitude;
    }

    /// <summary>
    /// <c>slashOperator</c> for one set: slashed = ceil(current × wadsToSlash / WAD) comes off the set's current magnitude,
    /// the encumbered and the max magnitude; a pending deallocation shrinks by ceil(|pendingDiff| × wadsToSlash / WAD)
    /// so less is freed when it completes. A pending increase is not yet slashable and is left alone.
    /// Nothing happens when the set has no current magnitude.
    /// </summary>
    public AllocationSlash Slash(OperatorSet set, long wadsToSlash, long block)
    {
        if (wadsToSlash <= 0 || wadsToSlash > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(wadsToSlash), "InvalidWadToSlash: wadsToSlash must be in (0, WAD]");
        Advance(block);
        var allocation = AllocationOf(set);
        long prevMax = MaxMagnitude;
        if (allocation.CurrentMagnitude == 0) return new AllocationSlash(set, 0, 0, prevMax, prevMax);

        long slashed = Wad.Mul(allocation.CurrentMagnitude, wadsToSlash, Rounding.Up);
        long slashedPending = 0;
        long pendingDiff = allocation.PendingDiff;
        if (pendingDiff < 0)
        {
            slashedPending = Wad.Mul(-pendingDiff, wadsToSlash, Rounding.Up);
            pendingDiff += slashedPending;
        }
        allocations[set] = allocation with { CurrentMagnitude = allocation.CurrentMagnitude - slashed, PendingDiff = pendingDiff };
        EncumberedMagnitude -= slashed;
        History.Push(block, prevMax - slashed);
        return new AllocationSlash(set, slashed, slashedPending, prevMax, MaxMagnitude);
    }

    /// <summary>What slashing and modifications change: the last block seen, the encumbered magnitude, every set's
    /// allocation (sorted by AVS, then id) and the max magnitude history. The allocation delay is not saved: it is set once,
    /// at construction.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLong(lastBlock);
        writer.WriteLong(EncumberedMagnitude);
        var sets = allocations.OrderBy(a => a.Key.Avs, StringComparer.Ordinal).ThenBy(a => a.Key.Id).ToList();
        writer.WriteAll(sets, a =>
        {
            writer.WriteString(a.Key.Avs);
            writer.WriteLong(a.Key.Id);
            writer.WriteLong(a.Value.CurrentMagnitude);
            writer.WriteLong(a.Value.PendingDiff);
            writer.WriteLong(a.Value.EffectBlock);
        });
        History.SaveState(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        long block = reader.ReadLong();
        long encumbered = reader.ReadLong();
        var sets = reader.ReadAll(36, () => (Set: new OperatorSet(reader.ReadString(), checked((uint)reader.ReadLong())),
            Allocation: new Allocation(reader.ReadLong(), reader.ReadLong(), reader.ReadLong())));
        History.RestoreState(reader);
        // The invariants the modifications keep: non-negative magnitudes, encumbered within [0, max].
        if (block < 0 || encumbered < 0 || encumbered > MaxMagnitude
            || sets.Any(s => s.Allocation.CurrentMagnitude < 0 || s.Allocation.TargetMagnitude < 0 || s.Allocation.EffectBlock < 0))
            throw new CheckpointFormatException($"operator set allocations out of range: encumbered {encumbered}, max {MaxMagnitude}");
        lastBlock = block;
        EncumberedMagnitude = encumbered;
        allocations.Clear();
        foreach (var (set, allocation) in sets) allocations[set] = allocation;
    }
}

/// <summary>What one <see cref="OperatorSetAllocations.Slash"/> took.</summary>
/// <param name="SlashedMagnitude">Taken from the set's current magnitude, the encumbered and the max magnitude.</param>
/// <param name="SlashedPendingMagnitude">By how much a pending deallocation shrank (it was already inside the current magnitude).</param>
public readonly record struct AllocationSlash(
    OperatorSet OperatorSet, long SlashedMagnitude, long SlashedPendingMagnitude, long PreviousMaxMagnitude, long NewMaxMagnitude)
{
    /// <summary>The <c>wadSlashed</c> of the OperatorSlashed event: slashed / prevMax as a WAD, rounded down.</summary>
    public long WadSlashed => PreviousMaxMagnitude == 0 ? 0 : Wad.Ratio(SlashedMagnitude, PreviousMaxMagnitude, Rounding.Down);

    /// <summary>The max-magnitude change the DelegationManager applies to operator shares.</summary>
    public MagnitudeSlash MaxMagnitudeChange => new(PreviousMaxMagnitude, NewMaxMagnitude);
}
