using System.Numerics;
using Restaking.Domain.Markets;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>
/// Orders split across constant-product venues (VenueRouting, VenueBook), worked by hand from the fee-less closed forms
/// x' = √(k / p) and y' = √(k·p) (Uniswap v2: x·y = k), then checked to the gwei on the integer quotes.
/// </summary>
public class VenueRoutingTests
{
    private const long Eth = 1_000_000_000;

    private static ConstantProductPool Pool(long tokens, long eth, long feeBps = 0) => new(tokens * Eth, eth * Eth, feeBps);

    private static ConstantProductPool Copy(ConstantProductPool pool) => ConstantProductPool.Restore(pool.Save());

    [Fact]
    public void A_sale_splits_so_both_venues_end_at_the_same_price()
    {
        // 1,000/1,000 and 3,000/3,000 (no fee), sell 400: equal prices after means x_i' = √(k_i / p), and
        // Σ (x_i' − x_i) = 400 gives (1,000 + 3,000)/√p = 4,400, √p = 1/1.1: each pool grows by 10 % — 100 and 300 tokens.
        // Both end at 1,000 · 1,000 / 1,100² = 0.826446280991…: pool A pays 100·1,000/1,100 = 90.909090909 ETH and
        // holds 909.090909091 / 1,100 = 0.826446280991818181 (WAD, rounded down); pool B the same at three times the size.
        var pools = new[] { Pool(1_000, 1_000), Pool(3_000, 3_000) };
        var split = VenueRouting.SplitSale(pools, 400 * Eth);
        Assert.Equal([100 * Eth, 300 * Eth], split);

        Assert.Equal(90_909_090_909, pools[0].SellToken(split[0]));
        Assert.Equal(272_727_272_727, pools[1].SellToken(split[1]));
        Assert.Equal(826_446_280_991_818_181, pools[0].SpotPriceWad);
        Assert.Equal(826_446_280_991_818_181, pools[1].SpotPriceWad);
    }

    [Fact]
    public void A_sale_goes_first_to_the_venue_that_pays_more_and_one_venue_takes_it_all()
    {
        // 1,000/1,000 (price 1) and 2,000/1,000 (price 0.5): selling 200 into the first takes it to 1,000²/1,200² = 0.694 >
        // 0.5, so the cheap venue gets nothing.
        var pools = new[] { Pool(1_000, 1_000), Pool(2_000, 1_000) };
        Assert.Equal([200 * Eth, 0], VenueRouting.SplitSale(pools, 200 * Eth));
        Assert.Equal([123 * Eth], VenueRouting.SplitSale([Pool(1_000, 1_000)], 123 * Eth));
        Assert.Equal([0, 0], VenueRouting.SplitSale(pools, 0));
    }

    [Fact]
    public void A_purchase_lifts_the_cheapest_venue_first_and_stops_at_the_target()
    {
        // 2,000 tokens / 1,000 ETH (price 0.5) and 1,000 / 800 (price 0.8), no fee. Lifting to 0.98 takes y' = √(k·0.98):
        // √(2,000,000 · 0.98) = 1,400 → 400 ETH; √(800,000 · 0.98) = 885.437744847… → 85.437744848 ETH (rounded up).
        var pools = new[] { Pool(2_000, 1_000), Pool(1_000, 800) };
        Assert.Equal([400 * Eth, 85_437_744_848], VenueRouting.SplitPurchase(pools, 1_000 * Eth, Wad.FromDecimal(0.98m)));

        // With 200 ETH only the cheap venue moves: y' = 1,200 gives p = 1,200² / 2,000,000 = 0.72 < 0.8, exactly the budget.
        Assert.Equal([200 * Eth, 0], VenueRouting.SplitPurchase(pools, 200 * Eth, Wad.FromDecimal(0.98m)));
        Assert.Equal(200 * Eth, pools[0].EthInForPrice(Wad.FromDecimal(0.72m)));
    }

    [Fact]
    public void Venue_arbitrage_trades_until_the_prices_meet_within_its_budget()
    {
        // Cheap 2,000 tokens / 1,000 ETH (k_c = 2·10⁶), dear 1,000 / 1,000 (k_d = 10⁶), no fee. At the end both are at p with
        // x_c' + x_d' = 3,000 = (√k_c + √k_d)/√p, so √p = 2,414.2136/3,000 and the ETH in is √(k_c·p) − 1,000
        // = 1,414.2136 · 2,414.2136 / 3,000 − 1,000 = 138.0711875 ETH.
        var cheap = Pool(2_000, 1_000);
        var dear = Pool(1_000, 1_000);
        long eth = VenueRouting.ArbitrageEth(cheap, dear, 1_000_000 * Eth);
        Assert.Equal(138_071_187_458, eth);
        Assert.True(PaysAfter(cheap, dear, eth) && !PaysAfter(cheap, dear, eth + 1), "the largest trade whose last unit still pays");

        // A small budget is spent whole; a gap inside the fees (0.999 vs 1, 0.3 % each way) is left alone.
        Assert.Equal(10 * Eth, VenueRouting.ArbitrageEth(cheap, dear, 10 * Eth));
        Assert.Equal(0, VenueRouting.ArbitrageEth(Pool(1_000, 999, 30), Pool(1_000, 1_000, 30), 1_000 * Eth));
    }

    [Fact]
    public void The_market_price_weighs_venues_by_the_eth_they_hold()
    {
        // 1,000/1,000 (price 1) and 4,000/1,000 (price 0.25): (1,000·1 + 1,000·0.25) / 2,000 = 0.625.
        var book = new VenueBook([Venue("a", "ethereum", 1_000, 1_000), Venue("b", "ethereum", 4_000, 1_000)]);
        Assert.Equal(Wad.FromDecimal(0.625m), book.PriceWad);
        Assert.Equal([Wad.One, Wad.One / 4], book.Prices());
    }

    [Fact]
    public void Sellers_and_shocks_stay_on_the_home_chain_and_arbitrage_crosses_chains()
    {
        // Two Ethereum venues 1,000/1,000 and 3,000/3,000 and one on another chain: a sale of 400 moves only the first two
        // (as in the split above), a 10 % shock only them; venue arbitrage then carries tokens to the other chain.
        var book = new VenueBook([Venue("a", "ethereum", 1_000, 1_000), Venue("b", "ethereum", 3_000, 3_000), Venue("c", "l2", 2_000, 2_000)]);
        Assert.Equal(90_909_090_909 + 272_727_272_727, book.Sell(400 * Eth));
        Assert.Equal(Wad.One, book.Pool(2).SpotPriceWad);

        book.Shock(Wad.One / 10);
        Assert.Equal(Wad.One, book.Pool(2).SpotPriceWad);
        Assert.True(book.Pool(0).SpotPriceWad <= Wad.Mul(826_446_280_991_818_181, Wad.One / 10 * 9, Rounding.Down));

        long spent = book.Arbitrage(50 * Eth);
        Assert.Equal(50 * Eth, spent);   // the gap (0.74 against 1) outlasts 50 ETH
        Assert.True(book.Pool(2).SpotPriceWad < Wad.One);
    }

    private static VenueSpec Venue(string id, string chain, long tokens, long eth) => new(id, chain, tokens * Eth, eth * Eth, 0);

    /// <summary>After buying with <paramref name="eth"/> on cheap and selling on dear (fee-less), is dear's spot still ≥ cheap's?</summary>
    private static bool PaysAfter(ConstantProductPool cheap, ConstantProductPool dear, long eth)
    {
        var (c, d) = (Copy(cheap), Copy(dear));
        d.SellToken(c.BuyToken(eth));
        return (BigInteger)d.EthReserve * c.TokenReserve >= (BigInteger)c.EthReserve * d.TokenReserve;
    }
}
