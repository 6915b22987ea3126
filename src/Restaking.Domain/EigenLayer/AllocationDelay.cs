namespace Restaking.Domain.EigenLayer;

/// <summary>
/// An operator's allocation delay: how many blocks after an allocation increase the new magnitude becomes slashable
/// (AllocationManager.md "setAllocationDelay"; AllocationManager._setAllocationDelay / getAllocationDelay).
/// The operator picks it (0 is allowed). Set at registration it applies at once; any later change waits
/// <see cref="EigenLayerDelays.AllocationConfiguration"/> + 1 blocks, so stakers can leave before the risk changes.
/// Until a delay is set the operator cannot allocate.
/// </summary>
public sealed class AllocationDelay
{
    private bool isSet;
    private long delay;
    private long pendingDelay;
    private long effectBlock;

    private AllocationDelay() { }

    /// <summary>No delay configured yet (an operator registered before the slashing release).</summary>
    public static AllocationDelay Unset() => new();

    /// <summary><c>registerAsOperator</c>: the delay applies immediately (<c>newlyRegistered</c>).</summary>
    public static AllocationDelay AtRegistration(long delayBlocks, long block)
    {
        RequireDelay(delayBlocks);
        return new AllocationDelay { isSet = true, delay = delayBlocks, pendingDelay = delayBlocks, effectBlock = block };
    }

    /// <summary>
    /// <c>setAllocationDelay</c> by an existing operator: first applies a due pending delay, then queues
    /// <paramref name="delayBlocks"/> to take effect at block + ALLOCATION_CONFIGURATION_DELAY + 1.
    /// </summary>
    public void Change(long delayBlocks, long block)
    {
        RequireDelay(delayBlocks);
        if (effectBlock != 0 && block >= effectBlock)
        {
            delay = pendingDelay;
            isSet = true;
        }
        pendingDelay = delayBlocks;
        effectBlock = block + EigenLayerDelays.AllocationConfiguration + 1;
    }

    /// <summary><c>getAllocationDelay</c> at <paramref name="block"/>: whether a delay is set, and its value.</summary>
    public (bool IsSet, long Blocks) At(long block) =>
        effectBlock != 0 && block >= effectBlock ? (true, pendingDelay) : (isSet, delay);

    private static void RequireDelay(long delayBlocks)
    {
        if (delayBlocks < 0) throw new ArgumentOutOfRangeException(nameof(delayBlocks), "allocation delay must be non-negative");
    }
}
