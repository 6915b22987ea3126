using Restaking.Domain.Lending;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Lending;

/// <summary>Aave v3-style health factor, close factor (50 %, 100 % at HF ≤ 0.95), liquidation bonus and bad debt, by hand.</summary>
public class LendingMarketTests
{
    private const long Eth = 1_000_000_000;

    private static long Percent(long n) => Wad.One / 100 * n;

    /// <summary>LTV 80 %, liquidation threshold 85 %, bonus 5 %, Aave's close factors.</summary>
    private static LendingMarket Market() => new(new LendingParameters(Percent(80), Percent(85), Percent(5)));

    [Fact]
    public void Health_factor_is_collateral_times_price_times_threshold_over_debt()
    {
        // 100 tokens × 0.9 × 0.85 / 80 ETH = 76.5 / 80 = 0.95625.
        var market = Market();
        var position = new LendingPosition(100 * Eth, 80 * Eth);
        Assert.Equal(956_250_000_000_000_000, market.HealthFactorWad(position, Percent(90)));
        Assert.Equal(long.MaxValue, market.HealthFactorWad(new LendingPosition(Eth, 0), Percent(90)));
    }

    [Fact]
    public void Close_factor_is_half_above_095_and_all_at_or_below()
    {
        // LiquidationLogic: healthFactor > CLOSE_FACTOR_HF_THRESHOLD (0.95) ? 50 % : 100 %.
        var p = new LendingParameters(Percent(80), Percent(85), Percent(5));
        Assert.Equal(Wad.One / 2, p.CloseFactorAt(Percent(95) + 1));
        Assert.Equal(Wad.One, p.CloseFactorAt(Percent(95)));
        Assert.Equal(Wad.One, p.CloseFactorAt(Percent(50)));
    }

    [Fact]
    public void A_mildly_unhealthy_position_loses_half_its_debt_and_the_collateral_plus_bonus()
    {
        // HF 0.95625 > 0.95 → repay 50 % of 80 = 40 ETH; seize 40 × 1.05 / 0.9 = 46.666666666 tokens (rounded down).
        // Left: 53.333333334 tokens against 40 ETH, HF = 53.333333334 × 0.9 × 0.85 / 40 = 1.0200000000…
        var market = Market();
        market.Open(new LendingPosition(100 * Eth, 80 * Eth));
        var round = market.Liquidate(Percent(90));

        Assert.Equal(new LiquidationRound(46_666_666_666, 40 * Eth, 0, 1), round);
        Assert.Equal(new LendingPosition(53_333_333_334, 40 * Eth), market.Position(0));
        Assert.True(market.HealthFactorWad(market.Position(0), Percent(90)) >= Wad.One);
        Assert.Equal(default, market.Liquidate(Percent(90))); // healthy again: nothing more
    }

    [Fact]
    public void A_deeply_unhealthy_position_is_closed_in_full_and_the_shortfall_is_bad_debt()
    {
        // Price 0.8: HF = 100 × 0.8 × 0.85 / 80 = 0.85 ≤ 0.95 → 100 %: repay 80 would seize 80 × 1.05 / 0.8 = 105 > 100.
        // So all 100 tokens go, repaying 100 × 0.8 / 1.05 = 76.190476190 ETH; 80 − 76.190476190 = 3.809523810 ETH is bad debt.
        var market = Market();
        market.Open(new LendingPosition(100 * Eth, 80 * Eth));
        var round = market.Liquidate(Percent(80));

        Assert.Equal(new LiquidationRound(100 * Eth, 76_190_476_190, 3_809_523_810, 1), round);
        Assert.Equal(new LendingPosition(0, 0), market.Position(0));
        Assert.Equal(3_809_523_810, market.BadDebtGwei);
    }

    [Fact]
    public void Liquidation_goes_by_index_and_leaves_healthy_positions_alone()
    {
        // At 0.9: #0 as above (HF 0.95625), #1 100 / 50 is healthy (HF 1.53), #2 10 / 9 has HF 0.85 → full close:
        // 9 × 1.05 / 0.9 = 10.5 > 10 → seize 10, repay 10 × 0.9 / 1.05 = 8.571428571, bad 0.428571429.
        var market = Market();
        market.Open(new LendingPosition(100 * Eth, 80 * Eth));
        market.Open(new LendingPosition(100 * Eth, 50 * Eth));
        market.Open(new LendingPosition(10 * Eth, 9 * Eth));
        var round = market.Liquidate(Percent(90));

        Assert.Equal(new LiquidationRound(46_666_666_666 + 10 * Eth, 40 * Eth + 8_571_428_571, 428_571_429, 2), round);
        Assert.Equal(new LendingPosition(100 * Eth, 50 * Eth), market.Position(1));
        Assert.Equal(53_333_333_334 + 100 * Eth, market.TotalCollateralTokens);
        Assert.Equal(90 * Eth, market.TotalDebtGwei);
    }

    [Fact]
    public void At_a_zero_price_everything_is_seized_and_all_debt_is_bad()
    {
        var market = Market();
        market.Open(new LendingPosition(100 * Eth, 80 * Eth));
        Assert.Equal(new LiquidationRound(100 * Eth, 0, 80 * Eth, 1), market.Liquidate(0));
    }

    [Fact]
    public void Liquidation_price_is_the_lowest_price_with_health_factor_one()
    {
        // A 10× loop at LT 95 %: 100 tokens, 90 ETH → 90 / 95 = 0.947368421052631578947… → 0.947368421052631579.
        var market = new LendingMarket(new LendingParameters(Percent(93), Percent(95), Percent(1)));
        var position = new LendingPosition(100 * Eth, 90 * Eth);
        long price = market.LiquidationPriceWad(position);
        Assert.Equal(947_368_421_052_631_579, price);
        Assert.True(market.HealthFactorWad(position, price) >= Wad.One);
        Assert.True(market.HealthFactorWad(position, price - 1) < Wad.One);
        Assert.Equal(0, market.LiquidationPriceWad(new LendingPosition(Eth, 0)));
    }

    [Fact]
    public void Dust_debts_still_close()
    {
        // 3 gwei of debt against 3 gwei of tokens at 0.9: HF = 3 × 0.9 × 0.85 / 3 = 0.765 → close 100 %:
        // 3 × 1.05 / 0.9 = 3.5 > 3 → seize 3, repay ⌊3 × 0.9 / 1.05⌋ = ⌊2.57⌋ = 2, bad debt 1.
        var market = Market();
        market.Open(new LendingPosition(3, 3));
        Assert.Equal(new LiquidationRound(3, 2, 1, 1), market.Liquidate(Percent(90)));

        // At 1.15: HF = 3 × 1.15 × 0.85 / 3 = 0.9775 → 50 % of 3 = 1.5 repays ⌈1.5⌉ = 2 (as Aave's half-up percentMul),
        // seizing ⌊2 × 1.05 / 1.15⌋ = ⌊1.83⌋ = 1.
        var dust = Market();
        dust.Open(new LendingPosition(3, 3));
        Assert.Equal(new LiquidationRound(1, 2, 0, 1), dust.Liquidate(Percent(115)));
        Assert.Equal(new LendingPosition(2, 1), dust.Position(0));
    }

    [Fact]
    public void The_oracle_choice_decides_whether_a_depeg_reaches_a_loop()
    {
        // 10 ETH looped 10× (LTV 93 %, LT 95 %, bonus 1 %): 100 tokens against 90 ETH, liquidation price 0.947….
        // NAV oracle (1.0) during a 10 % market depeg: HF = 100 × 0.95 / 90 = 1.055…, nothing happens.
        // Market oracle (0.9): HF = 100 × 0.9 × 0.95 / 90 = 0.95 ≤ 0.95 → 100 %: 90 × 1.01 / 0.9 = 101 > 100 tokens,
        // so all 100 are seized for ⌊100 × 0.9 / 1.01⌋ = 89.108910891 ETH and 0.891089109 ETH is bad debt.
        var parameters = new LendingParameters(Percent(93), Percent(95), Percent(1));
        var navOracle = new LendingMarket(parameters);
        var marketOracle = new LendingMarket(parameters);
        var loop = LendingPosition.Loop(10 * Eth, 10 * LendingPosition.OneTimes, Wad.One, parameters.LtvWad);
        navOracle.Open(loop);
        marketOracle.Open(loop);

        Assert.Equal(default, navOracle.Liquidate(Wad.One));
        Assert.Equal(Percent(95), marketOracle.HealthFactorWad(loop, Percent(90)));
        Assert.Equal(new LiquidationRound(100 * Eth, 89_108_910_891, 891_089_109, 1), marketOracle.Liquidate(Percent(90)));
    }

    [Fact]
    public void Save_and_restore_round_trip()
    {
        var market = Market();
        market.Open(new LendingPosition(100 * Eth, 80 * Eth));
        market.Open(new LendingPosition(10 * Eth, 9 * Eth));
        market.Liquidate(Percent(90));

        long[] saved = market.Save();
        var copy = LendingMarket.Restore(saved);
        Assert.Equal(saved, copy.Save());
        Assert.Equal(market.BadDebtGwei, copy.BadDebtGwei);
        Assert.Equal(market.Liquidate(Percent(70)), copy.Liquidate(Percent(70)));
        Assert.Throws<ArgumentException>(() => LendingMarket.Restore([1, 2, 3]));
    }
}
