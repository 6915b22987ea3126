namespace Restaking.Domain.EigenLayer;

/// <summary>
/// Mainnet delays, in blocks (eigenlayer-contracts docs/core/AllocationManager.md "Parameterization";
/// DelegationManager.md <c>MIN_WITHDRAWAL_DELAY_BLOCKS</c>). 7,200 blocks ≈ 1 day at 12 s a block.
/// </summary>
public static class EigenLayerDelays
{
    /// <summary><c>ALLOCATION_CONFIGURATION_DELAY</c>: 126,000 blocks (17.5 days) before a changed allocation delay applies.</summary>
    public const long AllocationConfiguration = 126_000;

    /// <summary><c>DEALLOCATION_DELAY</c>: 100,800 blocks (14 days) during which deallocated magnitude stays slashable.</summary>
    public const long Deallocation = 100_800;

    /// <summary><c>MIN_WITHDRAWAL_DELAY_BLOCKS</c>: 100,800 blocks (14 days) during which a queued withdrawal stays slashable.</summary>
    public const long Withdrawal = 100_800;
}
