using Restaking.Domain.Markets;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>Stressed holders: queue while calm, sell into the pool under stress, but never below NAV × (1 − wait cost).</summary>
public class HolderExitTests
{
    private const long Eth = 1_000_000_000;

    private static long Percent(long n) => Wad.One / 100 * n;

    private static long PerMille(long n) => Wad.One / 1000 * n;

    [Fact]
    public void Calm_holders_queue_their_slice()
    {
        // Price = NAV (discount 0 < 2 %), wait 5 < 100: a quarter of 1,000 tokens goes to the queue, none is sold.
        var exit = new HolderExit(Percent(2), maxWaitTicks: 100, sellFractionPerTickWad: Percent(25), opportunityRatePerTickWad: PerMille(1),
            exitWaveTokens: 1_000 * Eth);
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(new HolderExitStep(0, 250 * Eth), exit.Step(pool, Wad.One, queueWaitTicks: 5));
        Assert.Equal(750 * Eth, exit.ExitWaveTokens);
    }

    [Fact]
    public void A_long_queue_sends_holders_to_the_pool_down_to_the_price_where_waiting_costs_as_much()
    {
        // No discount, but wait 200 ≥ 100. Wait cost 200 × 0.1 % = 20 % → floor NAV × 0.8 = 0.8.
        // Half the 10,000-token wave acts (5,000); selling 1,028.438482179 of them takes the 8,700 / 8,700 pool to 0.8
        // (exact sale from TokenInForPrice), the other 3,971.561517821 queue.
        var exit = new HolderExit(Percent(2), 100, Percent(50), PerMille(1), 10_000 * Eth);
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(Percent(80), exit.SellFloorPriceWad(Wad.One, 200));

        var step = exit.Step(pool, Wad.One, queueWaitTicks: 200);
        Assert.Equal(new HolderExitStep(1_028_438_482_179, 5_000 * Eth - 1_028_438_482_179), step);
        Assert.Equal(5_000 * Eth, exit.ExitWaveTokens);
        pool.SellToken(step.TokensToPool);
        Assert.True(pool.SpotPriceWad <= Percent(80));
    }

    [Fact]
    public void A_discount_above_the_threshold_sells_until_the_floor()
    {
        // Pool 10,000 tokens / 9,700 ETH: price 0.97, discount 3 % ≥ 2 %. Wait 50 × 0.1 % = 5 % → floor 0.95.
        // Slice 250 (a quarter of 1,000): 104.872206944 sold to reach 0.95, 145.127793056 queued.
        var exit = new HolderExit(Percent(2), 100, Percent(25), PerMille(1), 1_000 * Eth);
        var pool = new ConstantProductPool(10_000 * Eth, 9_700 * Eth);
        Assert.Equal(Percent(3), HolderExit.DiscountWad(pool.SpotPriceWad, Wad.One));
        Assert.Equal(new HolderExitStep(104_872_206_944, 250 * Eth - 104_872_206_944), exit.Step(pool, Wad.One, 50));
    }

    [Fact]
    public void Below_the_arbitrage_bound_holders_queue_instead_of_selling()
    {
        // Price 0.9 (discount 10 %) but 14 ticks × 0.1 % = 1.4 % of waiting costs less: floor 0.986 is above the
        // price, so nothing is sold and the whole slice queues.
        var exit = new HolderExit(Percent(2), 100, Percent(25), PerMille(1), 1_000 * Eth);
        var pool = new ConstantProductPool(10_000 * Eth, 9_000 * Eth);
        Assert.Equal(PerMille(986), exit.SellFloorPriceWad(Wad.One, 14));
        Assert.Equal(new HolderExitStep(0, 250 * Eth), exit.Step(pool, Wad.One, 14));
    }

    [Fact]
    public void When_waiting_costs_everything_the_whole_slice_is_sold()
    {
        // 2,000 ticks × 0.1 % = 200 %, capped at 100 %: floor 0.
        var exit = new HolderExit(Percent(2), 100, Percent(25), PerMille(1), 1_000 * Eth);
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(0, exit.SellFloorPriceWad(Wad.One, 2_000));
        Assert.Equal(new HolderExitStep(250 * Eth, 0), exit.Step(pool, Wad.One, 2_000));
    }

    [Fact]
    public void Slices_round_up_so_the_wave_ends()
    {
        // Wave 3 gwei, half a tick: ⌈1.5⌉ = 2, then ⌈0.5⌉ = 1, then nothing.
        var exit = new HolderExit(Percent(2), 100, Percent(50), PerMille(1), 3);
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(new HolderExitStep(0, 2), exit.Step(pool, Wad.One, 0));
        Assert.Equal(new HolderExitStep(0, 1), exit.Step(pool, Wad.One, 0));
        Assert.Equal(default, exit.Step(pool, Wad.One, 0));
        exit.Join(7);
        Assert.Equal(7, exit.ExitWaveTokens);
    }

    [Fact]
    public void Discount_is_one_minus_price_over_NAV_rounded_up()
    {
        Assert.Equal(Percent(3), HolderExit.DiscountWad(Percent(97), Wad.One));
        Assert.Equal(0, HolderExit.DiscountWad(Percent(101), Wad.One)); // a premium is no discount
        Assert.Equal(0, HolderExit.DiscountWad(Percent(50), 0));
        // 1 / 3 → 0.333…333 down, so the discount is 0.666…667.
        Assert.Equal(666_666_666_666_666_667, HolderExit.DiscountWad(Wad.One, 3 * Wad.One));
    }

    [Fact]
    public void Save_and_restore_round_trip()
    {
        var exit = new HolderExit(Percent(2), 100, Percent(25), PerMille(1), 1_000 * Eth);
        exit.Step(new ConstantProductPool(Eth, Eth), Wad.One, 0);
        var copy = HolderExit.Restore(exit.Save());
        Assert.Equal([Percent(2), 100, Percent(25), PerMille(1), 750 * Eth], copy.Save());
    }
}
