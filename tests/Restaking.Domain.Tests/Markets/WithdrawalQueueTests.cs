using Restaking.Domain.Markets;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>FIFO redemptions at NAV with a minimum delay (EigenLayer 14 d, Lido ~1–5 d) and an ETH rate per tick.</summary>
public class WithdrawalQueueTests
{
    private const long Eth = 1_000_000_000;

    private static long Percent(long n) => Wad.One / 100 * n;

    [Fact]
    public void Nothing_is_paid_before_the_minimum_delay()
    {
        var queue = new WithdrawalQueue(minDelayTicks: 14, ethPerTick: 100 * Eth);
        queue.Enqueue(50 * Eth, tick: 0);
        Assert.Equal(default, queue.Process(13, Wad.One));
        Assert.Equal(50 * Eth, queue.QueuedTokens);
        Assert.Equal(new RedemptionPayout(50 * Eth, 50 * Eth), queue.Process(14, Wad.One));
        Assert.Equal(0, queue.QueuedTokens);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Requests_are_paid_in_order_up_to_the_rate_and_the_head_may_be_paid_in_part()
    {
        // NAV 0.98, 100 ETH a tick. A = 60 tokens → 58.8 ETH, leaving 41.2 ETH for B (80 tokens, 78.4 ETH):
        // B gets ⌊41.2 / 0.98⌋ = 42.040816326 tokens for ⌊42.040816326 × 0.98⌋ = 41.199999999 ETH.
        var queue = new WithdrawalQueue(minDelayTicks: 0, ethPerTick: 100 * Eth);
        queue.Enqueue(60 * Eth, tick: 0);
        queue.Enqueue(80 * Eth, tick: 1);
        long nav = Percent(98);

        var first = queue.Process(1, nav);
        Assert.Equal(60 * Eth + 42_040_816_326, first.TokensRedeemed);
        Assert.Equal(58_800_000_000 + 41_199_999_999, first.EthPaid);
        Assert.Equal(1, queue.Count);
        Assert.Equal(new RedemptionRequest(37_959_183_674, 1), queue.Request(0)); // 80 − 42.040816326, still tick 1

        // Next tick: the rest, 37.959183674 × 0.98 = 37.20000000052 → 37.2 ETH.
        Assert.Equal(new RedemptionPayout(37_959_183_674, 37_200_000_000), queue.Process(2, nav));
        Assert.Equal(0, queue.QueuedTokens);
    }

    [Fact]
    public void A_request_is_paid_at_the_NAV_of_the_tick_it_is_paid_so_a_slash_while_queued_reaches_it()
    {
        var queue = new WithdrawalQueue(minDelayTicks: 2, ethPerTick: 1_000 * Eth);
        queue.Enqueue(100 * Eth, tick: 0);
        // A 10 % slash of the backing before payout: 100 tokens × 0.9 = 90 ETH.
        Assert.Equal(new RedemptionPayout(100 * Eth, 90 * Eth), queue.Process(2, Percent(90)));
    }

    [Fact]
    public void Expected_wait_is_the_delay_or_the_time_to_drain_the_queue_ahead()
    {
        var queue = new WithdrawalQueue(minDelayTicks: 14, ethPerTick: 1_000 * Eth);
        Assert.Equal(14, queue.ExpectedWaitTicks(Wad.One));

        // 30,000 tokens ahead at NAV 1 drain in 30 ticks; with its own 500: ⌈30,500 / 1,000⌉ = 31.
        queue.Enqueue(30_000 * Eth, tick: 0);
        Assert.Equal(30, queue.ExpectedWaitTicks(Wad.One));
        Assert.Equal(31, queue.ExpectedWaitTicks(Wad.One, 500 * Eth));
        // At NAV 0.4 the same tokens are 12,000 ETH: 12 ticks, below the delay, so 14.
        Assert.Equal(14, queue.ExpectedWaitTicks(Percent(40)));
        Assert.Equal(30_000 * Eth, queue.QueuedEth(Wad.One));
    }

    [Fact]
    public void Save_and_restore_keep_a_partly_paid_head()
    {
        var queue = new WithdrawalQueue(minDelayTicks: 1, ethPerTick: 10 * Eth);
        queue.Enqueue(25 * Eth, tick: 0);
        queue.Enqueue(5 * Eth, tick: 3);
        queue.Process(1, Wad.One); // pays 10 of the first 25

        long[] saved = queue.Save();
        Assert.Equal([1, 10 * Eth, 2, 15 * Eth, 0, 5 * Eth, 3], saved);
        var copy = WithdrawalQueue.Restore(saved);
        Assert.Equal(saved, copy.Save());
        Assert.Equal(queue.QueuedTokens, copy.QueuedTokens);
        Assert.Equal(queue.Process(2, Wad.One), copy.Process(2, Wad.One));
        Assert.Throws<ArgumentException>(() => WithdrawalQueue.Restore([1, 10, 2, 5]));
    }

    [Fact]
    public void Requests_join_in_tick_order()
    {
        var queue = new WithdrawalQueue(0, Eth);
        queue.Enqueue(Eth, 5);
        Assert.Throws<ArgumentException>(() => queue.Enqueue(Eth, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(0, 6));
    }
}
