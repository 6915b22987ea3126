using Restaking.Domain.Markets;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>
/// Liquidators who carry a bounded inventory and hold below a share of NAV (LiquidatorBook, TokenMarket.SellSeized), and the
/// per-venue figures taken at tick ends (VenueLedger), worked by hand.
/// </summary>
public class LiquidatorBookTests
{
    private const long Eth = 1_000_000_000;

    private static readonly long NinetyNinePercent = Wad.FromDecimal(0.99m);

    /// <summary>A market on one fee-less 1,000 / 1,000 pool; the queue never pays (no redemptions in these tests).</summary>
    private static TokenMarket Market(LiquidatorSpec? policy, long arbitrageEthPerTick = 0, long arbitrageDiscountWad = Wad.One / 50) =>
        new(new MarketSpec(1_000 * Eth, 1_000 * Eth, 0, 1_000, Eth, Wad.One / 100, 1_000, Wad.One, 0, arbitrageEthPerTick, arbitrageDiscountWad),
            liquidators: [new LiquidatorBook(0, policy)]);

    [Fact]
    public void What_exceeds_the_inventory_must_be_sold_and_the_floor_is_a_share_of_nav()
    {
        // Up to 100 ETH of inventory at NAV: at NAV 1 that is 100 tokens, at NAV 0.5 it is 200.
        var book = new LiquidatorBook(0, new LiquidatorSpec(100 * Eth, NinetyNinePercent));
        Assert.Equal(50 * Eth, book.Receive(150 * Eth, Wad.One));
        Assert.Equal(0, new LiquidatorBook(0, new LiquidatorSpec(100 * Eth, NinetyNinePercent)).Receive(150 * Eth, Wad.One / 2));
        // Floor = NAV × 0.99, rounded up: 0.97 · 0.99 = 0.9603.
        Assert.Equal(Wad.FromDecimal(0.9603m), book.FloorPriceWad(Wad.FromDecimal(0.97m)));
        // Without a policy nothing is carried: every seized token is sold at once.
        Assert.Equal(7 * Eth, new LiquidatorBook(0, null).Receive(7 * Eth, Wad.One));
    }

    [Fact]
    public void Liquidators_sell_down_to_their_floor_hold_the_rest_and_sell_at_once_what_they_cannot_carry()
    {
        var market = Market(new LiquidatorSpec(100 * Eth, NinetyNinePercent));

        // 30 seized at NAV 1: all fit in the inventory; they sell only down to 0.99. Fee-less, x' = 1,000/√0.99 =
        // 1,005.037815259…, so 5.037815260 tokens (the smallest whole gwei that reaches 0.99) for 5.037815260·1,000/1,005.037815260
        // = 5.012562894 ETH; 24.962184740 are held.
        var first = market.SellSeized(0, 30 * Eth, Wad.One);
        Assert.Equal(new LiquidatorSale(0, 5_037_815_260, 5_012_562_894, 24_962_184_740, true), first);
        Assert.True(market.PriceWad <= NinetyNinePercent && market.PriceWad > Wad.FromDecimal(0.98m));

        // 100 more: 124.962184740 held against room for 100, so 24.962184740 are sold at once whatever the price
        // (fee-less on 1,005.037815260 / 994.987437106: 24.962184740 · 994.987437106 / 1,030 = 24.113650698 ETH); the
        // price is then below the floor, so the other 100 stay.
        var second = market.SellSeized(0, 100 * Eth, Wad.One);
        Assert.Equal(new LiquidatorSale(0, 24_962_184_740, 24_113_650_698, 100 * Eth, true), second);
        var figures = Assert.Single(market.Figures(10, Wad.One).Liquidators);
        Assert.Equal(new LiquidatorFigures(0, 130 * Eth, 30 * Eth, 5_012_562_894 + 24_113_650_698, 100 * Eth), figures);
    }

    [Fact]
    public void Held_collateral_is_sold_in_a_later_tick_once_arbitrage_lifts_the_price_above_the_floor()
    {
        // Arbitrage buys up to NAV × 0.995 (discount 0.5 %) with 100 ETH a tick; the liquidators then sell back down to 0.99.
        var market = Market(new LiquidatorSpec(1_000 * Eth, NinetyNinePercent), arbitrageEthPerTick: 100 * Eth, arbitrageDiscountWad: Wad.One / 200);
        market.Shock(Wad.One / 10);                         // 0.9: below the floor
        market.SellSeized(0, 50 * Eth, Wad.One);            // nothing can be sold yet
        Assert.Equal(50 * Eth, market.Figures(1, Wad.One).Liquidators[0].HeldTokens);

        var tick = market.Step(1, Wad.One);
        var sale = Assert.Single(tick.LiquidatorSales);
        Assert.True(sale.Tokens > 0 && sale.HeldTokens == 50 * Eth - sale.Tokens);
        Assert.True(market.PriceWad <= NinetyNinePercent, "they sell down to the floor, not below it, and not above it either");
        Assert.True(market.PriceWad > Wad.FromDecimal(0.989m));
    }

    [Fact]
    public void Without_a_policy_seized_collateral_is_sold_at_once_as_before()
    {
        // The single-pool path: SellSeized is exactly a pool sale (1,000 / 1,000 fee-less, 100 in → 1,000·100/1,100 out).
        var market = Market(null);
        Assert.Equal(new LiquidatorSale(0, 100 * Eth, 90_909_090_909, 0, false), market.SellSeized(0, 100 * Eth, Wad.One));
    }

    [Fact]
    public void Venue_figures_are_taken_at_tick_ends()
    {
        // One venue 1,000/1,000 plus a second chain's so the market lists venues. Tick 0 ends at price 1; at tick 3 a sale
        // of 1,000 takes venue a to 500/2,000 = 0.25 (fee-less); the run has 10 ticks, so ticks 0–2 closed at 1 and 3–9 at
        // 0.25: low 0.25 first at tick 3, 7 ticks more than 2 % below NAV 1, least ETH 500.
        var spec = new MarketSpec(1_000 * Eth, 1_000 * Eth, 0, 1_000, Eth, Wad.One / 100, 1_000, Wad.One, 0, 0, Wad.One / 50,
            Venues: [new VenueSpec("a", "ethereum", 1_000 * Eth, 1_000 * Eth, 0), new VenueSpec("b", "l2", 1_000 * Eth, 1_000 * Eth, 0)]);
        var market = new TokenMarket(spec);
        market.Observe(0, Wad.One);
        market.Sell(1_000 * Eth);
        market.Observe(3, Wad.One);
        market.Observe(3, Wad.One);   // a later round of the same tick changes nothing already closed
        var venues = market.Figures(10, Wad.One).Venues;
        Assert.Equal(new VenueFigures("a", "ethereum", Wad.One / 4, 3, 7, Wad.One / 4, 500 * Eth, 500 * Eth), venues[0]);
        Assert.Equal(new VenueFigures("b", "l2", Wad.One, 0, 0, Wad.One, 1_000 * Eth, 1_000 * Eth), venues[1]);
        Assert.Equal(2, market.VenuePricesWad!.Length);
        Assert.Null(Market(null).VenuePricesWad);   // a single pool: the market price is the venue's
    }
}
