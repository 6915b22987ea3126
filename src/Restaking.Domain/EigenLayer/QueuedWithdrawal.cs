using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// A queued withdrawal of one strategy (SharesAccounting.md "Queue Withdrawal", "Complete Withdrawal";
/// DelegationManager.md "completeQueuedWithdrawal"). It stores scaled shares q = x·k, not withdrawable shares, so that
/// slashing during the delay still reaches it: completion pays q × slashingFactor, with the operator's max magnitude
/// read at <see cref="SlashableUntil"/> = startBlock + MIN_WITHDRAWAL_DELAY_BLOCKS (the later, lower value) and the
/// staker's current beacon chain slashing factor.
/// </summary>
/// <param name="StartBlock">The block it was queued in.</param>
/// <param name="ScaledShares">q = mulWad(deposit shares withdrawn, k), or w / slashing factor: an <see cref="Int128"/>, as the
/// contracts' uint256, since it outgrows a long when the slashing factor is tiny (w / 1e-8).</param>
/// <param name="SharesAtQueue">The withdrawable shares removed from the operator when queued (the event's <c>withdrawableShares</c>).</param>
/// <param name="DelayBlocks"><c>MIN_WITHDRAWAL_DELAY_BLOCKS</c>: a DelegationManager constructor immutable, 100,800 on mainnet
/// (25 on the testnets, safety-delays-reference.md).</param>
public sealed record QueuedWithdrawal(long StartBlock, Int128 ScaledShares, long SharesAtQueue, long DelayBlocks = EigenLayerDelays.Withdrawal)
{
    /// <summary>The last block in which slashing the operator still reaches this withdrawal (inclusive).</summary>
    public long SlashableUntil => StartBlock + DelayBlocks;

    /// <summary>Whether slashing the operator at <paramref name="block"/> reaches this withdrawal.</summary>
    public bool IsSlashableAt(long block) => block >= StartBlock && block <= SlashableUntil;

    /// <summary>Completion requires block &gt; slashableUntil (WithdrawalDelayNotElapsed otherwise).</summary>
    public bool IsCompletableAt(long block) => block > SlashableUntil;

    /// <summary><c>scaleForCompleteWithdrawal</c>: mulWad(q, slashingFactor), rounded down.</summary>
    public long SharesToWithdraw(long slashingFactor)
    {
        SlashingFactor.RequireWad(slashingFactor, nameof(slashingFactor));
        return checked((long)Wad.MulDiv(ScaledShares, slashingFactor, Wad.One, Rounding.Down));
    }

    /// <summary>
    /// <c>completeQueuedWithdrawal</c> at <paramref name="block"/>: the shares the staker receives,
    /// q × mulWad(m at slashableUntil, l now). <paramref name="operatorMaxMagnitudes"/> is the history of the operator the
    /// staker was delegated to when queuing (null when it was undelegated: m = WAD).
    /// </summary>
    public long Complete(long block, MaxMagnitudeHistory? operatorMaxMagnitudes, long beaconChainSlashingFactor = Wad.One)
    {
        if (!IsCompletableAt(block))
            throw new InvalidOperationException($"WithdrawalDelayNotElapsed: queued at {StartBlock}, completable after block {SlashableUntil}, now {block}");
        long maxMagnitude = operatorMaxMagnitudes?.At(SlashableUntil) ?? Wad.One;
        return SharesToWithdraw(SlashingFactor.Of(maxMagnitude, beaconChainSlashingFactor));
    }
}
