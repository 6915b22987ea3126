using Restaking.Domain.Markets;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>Uniswap v2 constant-product swaps (v2-periphery UniswapV2Library.getAmountOut) and the sale that reaches a price.</summary>
public class ConstantProductPoolTests
{
    private const long Eth = 1_000_000_000; // gwei per ETH (or per whole token)

    private static long Percent(long n) => Wad.One / 100 * n;

    [Fact]
    public void Sale_pays_getAmountOut_with_the_three_bips_fee_rounded_down()
    {
        // 1000 / 1000 reserves, sell 100 tokens: in·997 = 99,700 (·1e9 gwei);
        // out = 100e9·9970·1000e9 / (1000e9·10000 + 100e9·9970) = 9.97e26 / 1.0997e16 = 90,661,089,388.01… → 90,661,089,388.
        var pool = new ConstantProductPool(1000 * Eth, 1000 * Eth);
        Assert.Equal(90_661_089_388, pool.QuoteSellToken(100 * Eth));
        Assert.Equal(90_661_089_388, pool.SellToken(100 * Eth));

        // The whole 100 tokens (fee included) stay in the pool, so k grows: 1100 · 909.338910612 > 1000 · 1000.
        Assert.Equal(1100 * Eth, pool.TokenReserve);
        Assert.Equal(1000 * Eth - 90_661_089_388, pool.EthReserve);
        Assert.True((Int128)pool.TokenReserve * pool.EthReserve > (Int128)(1000 * Eth) * (1000 * Eth));
        // Spot 909.338910612 / 1100 = 0.826671736920000000 → WAD rounded down.
        Assert.Equal(826_671_736_920_000_000, pool.SpotPriceWad);
    }

    [Fact]
    public void Without_a_fee_the_invariant_holds_and_buying_mirrors_selling()
    {
        // No fee: out = in·y / (x + in). 1000 into 1000 / 1000 → 1000·1000 / 2000 = 500; k = 2000 · 500 = 1000 · 1000.
        var pool = new ConstantProductPool(1000 * Eth, 1000 * Eth, feeBps: 0);
        Assert.Equal(500 * Eth, pool.SellToken(1000 * Eth));
        Assert.Equal(Wad.One / 4, pool.SpotPriceWad); // 500 / 2000

        // Buying back with the 500 ETH: 500·2000 / (500 + 500) = 1000 tokens, back where it started.
        Assert.Equal(1000 * Eth, pool.BuyToken(500 * Eth));
        Assert.Equal(1000 * Eth, pool.TokenReserve);
        Assert.Equal(1000 * Eth, pool.EthReserve);
        Assert.Equal(Wad.One, pool.SpotPriceWad);
    }

    [Fact]
    public void EzEth_like_pool_falls_to_about_a_fifth_after_ten_thousand_tokens()
    {
        // docs/public-figures.md: ~$27M of ETH liquidity ≈ 8,700 ETH a side at ~$3,100; ezETH's low ≈ 0.22 ETH.
        // Sell 10,000 ezETH: out = 10,000·0.997·8,700 / (8,700 + 9,970) = 4,645.902517407 ETH;
        // spot = (8,700 − 4,645.902517407) / 18,700 = 0.216796656823155080.
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(4_645_902_517_407, pool.SellToken(10_000 * Eth));
        Assert.Equal(216_796_656_823_155_080, pool.SpotPriceWad);
    }

    [Fact]
    public void A_million_token_sale_into_that_pool_leaves_almost_nothing()
    {
        // The same pool cannot absorb 1M tokens (≈ 115× its token side): out = 997,000·8,700 / (8,700 + 997,000)
        // = 8,624.738987769 ETH, spot = 75.261012231 / 1,008,700 = 0.000074611888798453.
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        Assert.Equal(8_624_738_987_769, pool.SellToken(1_000_000 * Eth));
        Assert.Equal(74_611_888_798_453, pool.SpotPriceWad);
    }

    [Fact]
    public void Token_in_for_price_is_the_closed_form_root_without_a_fee()
    {
        // x' = √(k / p) = √(1000 · 1000 / 0.25) = 2000, so 1000 tokens take the spot from 1 to exactly 0.25
        // (500 / 2000), and one gwei less leaves it above.
        var pool = new ConstantProductPool(1000 * Eth, 1000 * Eth, feeBps: 0);
        long sale = pool.TokenInForPrice(Wad.One / 4);
        Assert.Equal(1000 * Eth, sale);
        Assert.Equal(Wad.One / 4, pool.SpotPriceAfterSellWad(sale));
        Assert.True(pool.SpotPriceAfterSellWad(sale - 1) > Wad.One / 4);
    }

    [Fact]
    public void Token_in_for_price_accounts_for_the_fee_kept_in_the_pool()
    {
        // ezETH-like pool to 0.22: fee-less √(8,700² / 0.22) − 8,700 = 9,848.462322939 tokens only reach 0.22035…,
        // because the 0.3 % fee stays in the pool; the exact answer (checked on integer quotes) is 9,863.263118076.
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        long target = Percent(22);
        Assert.Equal(220_350_991_645_780_178, pool.SpotPriceAfterSellWad(9_848_462_322_939));

        long sale = pool.TokenInForPrice(target);
        Assert.Equal(9_863_263_118_076, sale);
        Assert.Equal(219_999_999_999_961_213, pool.SpotPriceAfterSellWad(sale));
        Assert.Equal(220_000_000_000_026_934, pool.SpotPriceAfterSellWad(sale - 1));
        Assert.Equal(pool.SpotPriceAfterSellWad(sale), SoldCopy(pool, sale).SpotPriceWad); // the quote is the trade
    }

    [Fact]
    public void Token_in_for_price_is_zero_at_or_below_the_target_and_refuses_zero()
    {
        var pool = new ConstantProductPool(1000 * Eth, 900 * Eth);
        Assert.Equal(0, pool.TokenInForPrice(Percent(90)));
        Assert.Equal(0, pool.TokenInForPrice(Percent(95)));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.TokenInForPrice(0));
    }

    [Fact]
    public void Save_and_restore_round_trip()
    {
        var pool = new ConstantProductPool(8_700 * Eth, 8_700 * Eth);
        pool.SellToken(123 * Eth);
        var copy = ConstantProductPool.Restore(pool.Save());
        Assert.Equal(pool.Save(), copy.Save());
        Assert.Equal(pool.QuoteSellToken(Eth), copy.QuoteSellToken(Eth));
        Assert.Throws<ArgumentException>(() => ConstantProductPool.Restore([1, 2]));
    }

    [Fact]
    public void Integer_roots_round_as_named()
    {
        Assert.Equal(0, (long)IntegerRoot.FloorSqrt(0));
        Assert.Equal(1, (long)IntegerRoot.FloorSqrt(3));
        Assert.Equal(2, (long)IntegerRoot.CeilSqrt(3));
        Assert.Equal(4, (long)IntegerRoot.FloorSqrt(16));
        Assert.Equal(4, (long)IntegerRoot.CeilSqrt(16));
        Assert.Equal(4, (long)IntegerRoot.FloorSqrt(24));
        Assert.Equal(5, (long)IntegerRoot.CeilSqrt(17));
        // (2^64 + 1)² − 1 → floor 2^64, ceil 2^64 + 1.
        var big = (System.Numerics.BigInteger.One << 64) + 1;
        Assert.Equal(big - 1, IntegerRoot.FloorSqrt(big * big - 1));
        Assert.Equal(big, IntegerRoot.CeilSqrt(big * big - 1));
    }

    private static ConstantProductPool SoldCopy(ConstantProductPool pool, long tokenIn)
    {
        var copy = ConstantProductPool.Restore(pool.Save());
        copy.SellToken(tokenIn);
        return copy;
    }
}
