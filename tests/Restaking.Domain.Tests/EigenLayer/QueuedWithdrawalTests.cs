using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>
/// Queued withdrawals stay slashable for MIN_WITHDRAWAL_DELAY_BLOCKS (SharesAccounting.md "Complete Withdrawal";
/// DelegationManager.md "completeQueuedWithdrawal", "slashOperatorShares"; DelegationManager._getSlashableSharesInQueue).
/// </summary>
public class QueuedWithdrawalTests
{
    private static readonly OperatorSet Avs = new("avs", 1);
    private static readonly long Eth = Gwei.PerEth;

    [Fact]
    public void A_withdrawal_in_its_delay_is_slashed_one_completed_before_the_slash_is_not()
    {
        // The operator allocates all its magnitude to one set (delay 0). A staker deposits 2,000 ETH (k = 1, so the
        // scaled shares of a withdrawal are its deposit shares).
        var magnitudes = new OperatorSetAllocations(AllocationDelay.AtRegistration(0, 0));
        magnitudes.ModifyAllocation(Avs, Wad.One, 0);
        var queue = new QueuedWithdrawals();
        long delegated = 2_000 * Eth;

        // 400 ETH queued at block 90,000: slashable until 190,800, completed at 190,801, before any slash → all 400.
        var early = new QueuedWithdrawal(90_000, 400 * Eth, 400 * Eth);
        queue.Add(early);
        delegated -= early.SharesAtQueue;
        Assert.Equal(190_800, early.SlashableUntil);
        magnitudes.Advance(190_801);
        Assert.Equal(400 * Eth, early.Complete(190_801, magnitudes.History));

        // 600 ETH queued at b = 200,000; the operator is slashed 50 % at b + 50,000.
        const long b = 200_000;
        var late = new QueuedWithdrawal(b, 600 * Eth, 600 * Eth);
        queue.Add(late);
        delegated -= late.SharesAtQueue;
        Assert.Equal(1_000 * Eth, delegated);
        var change = magnitudes.Slash(Avs, Wad.One / 2, b + 50_000).MaxMagnitudeChange;
        long fromDelegated = change.SlashedShares(delegated);
        long fromQueue = queue.SlashableSharesInQueue(b + 50_000, change);
        delegated -= fromDelegated;

        // Delegated: 1,000 − ceil(1,000 × 0.5) = 500. Queue: only `late` is in [250,000 − 100,800, 250,000] → 300.
        Assert.Equal(500 * Eth, fromDelegated);
        Assert.Equal(300 * Eth, fromQueue);
        Assert.Equal(500 * Eth, delegated);
        Assert.Equal(500 * Eth, new DepositScalingFactor().CalcWithdrawable(1_000 * Eth, magnitudes.MaxMagnitude));

        // slashableUntil = b + 100,800 is inclusive, so the contract lets it complete from b + 100,801 on
        // (WithdrawalDelayNotElapsed at b + 100,800). It pays q × m(b + 100,800) = 600 × 0.5 = 300.
        Assert.False(late.IsCompletableAt(b + 100_800));
        Assert.Throws<InvalidOperationException>(() => late.Complete(b + 100_800, magnitudes.History));
        Assert.Equal(300 * Eth, late.Complete(b + 100_801, magnitudes.History));

        // Conservation: 500 still delegated + 400 + 300 received + 800 slashed = the 2,000 deposited.
        Assert.Equal(2_000 * Eth, delegated + 400 * Eth + 300 * Eth + fromDelegated + fromQueue);
    }

    [Fact]
    public void The_slashable_window_is_the_last_MIN_WITHDRAWAL_DELAY_BLOCKS_inclusive()
    {
        // Slash at 250,000: the window starts at 250,000 − 100,800 = 149,200 (upperLookup at block − delay − 1
        // subtracts everything queued up to 149,199). A withdrawal queued at 149,199 (slashable until 249,999) is out;
        // one queued at 149,200 (slashable until 250,000) is in — and completion agrees, reading m at slashableUntil.
        var magnitudes = new OperatorSetAllocations(AllocationDelay.AtRegistration(0, 0));
        magnitudes.ModifyAllocation(Avs, Wad.One, 0);
        var queue = new QueuedWithdrawals();
        var outside = new QueuedWithdrawal(149_199, 100 * Eth, 100 * Eth);
        var inside = new QueuedWithdrawal(149_200, 100 * Eth, 100 * Eth);
        queue.Add(outside);
        queue.Add(inside);
        Assert.Equal(100 * Eth, queue.ScaledSharesInQueue(250_000));

        var change = magnitudes.Slash(Avs, Wad.One / 2, 250_000).MaxMagnitudeChange;
        Assert.Equal(50 * Eth, change.SlashedShares(100 * Eth)); // the 100 still delegated
        Assert.Equal(50 * Eth, queue.SlashableSharesInQueue(250_000, change));
        Assert.Equal(100 * Eth, outside.Complete(260_000, magnitudes.History)); // delay over before the slash, completed after it
        Assert.Equal(50 * Eth, inside.Complete(260_000, magnitudes.History));
    }

    [Fact]
    public void Queued_shares_are_summed_before_rounding_as_the_cumulative_history_does()
    {
        // Two withdrawals of 1 scaled share each; max 1 → 1/3 (floor(WAD/3)). Summed: 2 − ceil(2 × (WAD/3) / WAD) = 2 − 1 = 1.
        // Separately each would be 1 − ceil(1/3) = 0, i.e. nothing slashed from the queue.
        var queue = new QueuedWithdrawals();
        queue.Add(new QueuedWithdrawal(10, 1, 1));
        queue.Add(new QueuedWithdrawal(11, 1, 1));
        var change = new MagnitudeSlash(Wad.One, Wad.One / 3);
        Assert.Equal(1, queue.SlashableSharesInQueue(12, change));
        // A fully slashed operator (prevMax 0) has nothing left to slash in the queue.
        Assert.Equal(0, queue.SlashableSharesInQueue(12, new MagnitudeSlash(0, 0)));
    }

    [Fact]
    public void Completion_applies_the_max_magnitude_at_slashableUntil_and_the_current_beacon_chain_factor()
    {
        // Scaled shares q = x·k are multiplied by m(t + delay)·l(now) (SharesAccounting.md "Complete Withdrawal").
        // DualSlashingEdgeCase.md exit scenario step 10: scaledShares 32 × slashing factor 0.75 = 24 ETH.
        var podExit = new QueuedWithdrawal(0, 32 * Eth, 32 * Eth);
        Assert.Equal(24 * Eth, podExit.Complete(EigenLayerDelays.Withdrawal + 1, null, Wad.One / 4 * 3));

        // q = 40 queued at block 1,000 with k = 2 (x = 20); the operator falls to 0.5 at 50,000 and to 0.25 at 101,801
        // — the second slash lands after slashableUntil (101,800), so the withdrawal pays 40 × 0.5 = 20.
        var history = new MaxMagnitudeHistory();
        history.Push(50_000, Wad.One / 2);
        history.Push(101_801, Wad.One / 4);
        var w = new QueuedWithdrawal(1_000, 40, 40);
        Assert.Equal(20, w.Complete(101_801, history));
        Assert.Equal(20, w.Complete(500_000, history)); // completing later changes nothing
        Assert.Equal(10, w.SharesToWithdraw(Wad.One / 4));
        Assert.Equal(40, w.Complete(101_801, null)); // queued while undelegated: m = 1
        Assert.Throws<InvalidOperationException>(() => history.Push(100, Wad.One / 8)); // history only moves forward
    }

    [Fact]
    public void Withdrawals_queue_in_block_order()
    {
        var queue = new QueuedWithdrawals();
        queue.Add(new QueuedWithdrawal(5, 4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Add(new QueuedWithdrawal(4, 1, 1)));
        Assert.Single(queue.Items);
    }
}
