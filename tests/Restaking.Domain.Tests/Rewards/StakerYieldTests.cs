using Restaking.Domain.Rewards;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>One staker's realized APY against positions worked by hand (each comment shows the working).</summary>
public class StakerYieldTests
{
    private const long Eth = 1_000_000_000;            // gwei
    private const long Year = Accrual.SecondsPerYear;   // 31,536,000 s
    private const long HalfYear = Year / 2;             // 15,768,000 s
    private const long Percent = 10_000_000_000_000_000; // 1 % as a WAD

    private static readonly RewardRate AvsRate = RewardRate.FromFraction(0.02m);

    /// <summary>A service paying 2 % to an operator whose whole stake (the staker's alone) secures it.</summary>
    private static ServiceExposure Avs(long operatorStakeGwei, RewardFees fees) =>
        new("avs", AvsRate, operatorStakeGwei, operatorStakeGwei, fees);

    [Fact]
    public void A_native_restaker_slashed_one_percent_after_six_months()
    {
        // 32 ETH native, base 3.5 %, one AVS paying 2 % at the default 10 % operator split, 1 % slashed after 6 months.
        // First half, on 32 ETH:     base 32e9 · 3.5 % / 2 = 560,000,000;  AVS 32e9 · 2 % / 2 = 320,000,000 → operator 32,000,000, staker 288,000,000.
        // Slash 1 % of 32 ETH = 320,000,000 → principal 31,680,000,000.
        // Second half, on 31.68 ETH: base 31.68e9 · 1.75 % = 554,400,000;  AVS 31.68e9 · 1 % = 316,800,000 → operator 31,680,000, staker 285,120,000.
        // Base 1,114,400,000 (no fee on native); AVS gross 636,800,000, fees 63,680,000, net 573,120,000.
        // Gain = (31.68e9 − 32e9) + (1,114,400,000 + 636,800,000) − 63,680,000 = −320,000,000 + 1,751,200,000 − 63,680,000 = 1,367,520,000.
        // APY = 1,367,520,000 / 32e9 over exactly a year = 0.042735 = 4.2735 %.
        // Each half is accrued and split on its own, as the engine's accrual does between stake changes.
        var baseRewards = RewardSplit.Of(RewardRate.BaseStaking.Accrue(32 * Eth, HalfYear), RewardFees.None)
            .Plus(RewardSplit.Of(RewardRate.BaseStaking.Accrue(31_680_000_000, HalfYear), RewardFees.None));
        var avsRewards = RewardSplit.Of(Avs(32 * Eth, RewardFees.EigenLayerDefault).GrossRewardFor(32 * Eth, HalfYear), RewardFees.EigenLayerDefault)
            .Plus(RewardSplit.Of(Avs(31_680_000_000, RewardFees.EigenLayerDefault).GrossRewardFor(31_680_000_000, HalfYear), RewardFees.EigenLayerDefault));
        var y = new StakerYield(32 * Eth, 31_680_000_000, Year, 320_000_000, baseRewards, [("avs", avsRewards)]);

        Assert.Equal(32 * Eth, y.PrincipalStartGwei);
        Assert.Equal(31_680_000_000, y.PrincipalEndGwei);
        Assert.Equal(320_000_000, y.LossesGwei);
        Assert.Equal(Year, y.ElapsedSeconds);
        Assert.Equal(new RewardSplit(1_114_400_000, 0, 0, 1_114_400_000), y.BaseRewards);
        var (serviceId, avs) = Assert.Single(y.ServiceRewards);
        Assert.Equal("avs", serviceId);
        Assert.Equal(new RewardSplit(636_800_000, 63_680_000, 0, 573_120_000), avs);
        Assert.Equal(1_367_520_000, y.GainGwei);
        Assert.Equal(42_735_000_000_000_000, y.RealizedApyWad);
        // Plain staking would have paid 3.5 %: the restaker still came out 0.7735 points ahead.
        Assert.True(y.RealizedApyWad > RewardRate.BaseStaking.AprWad);
    }

    [Fact]
    public void A_plain_staker_earns_exactly_the_base_rate()
    {
        // 32 ETH, 3.5 %, a year, nothing else: gain 1,120,000,000 → 1.12e9 / 32e9 = 3.5 %.
        var y = new StakerYield(32 * Eth, 32 * Eth, Year, 0, RewardSplit.Of(RewardRate.BaseStaking.Accrue(32 * Eth, Year), RewardFees.None), []);
        Assert.Equal(1_120_000_000, y.GainGwei);
        Assert.Equal(RewardRate.BaseStaking.AprWad, y.RealizedApyWad);
    }

    [Fact]
    public void Steth_restaked_through_an_lrt_pays_three_fees()
    {
        // 32 ETH of stETH in an LRT, a year, one AVS at 2 %.
        // Base: 1,120,000,000, Lido 10 % = 112,000,000 → 1,008,000,000.
        // AVS: 640,000,000; operator 10 % = 64,000,000; issuer 10 % of 576,000,000 = 57,600,000 → 518,400,000.
        // Gain 1,526,400,000 / 32e9 = 4.77 %.
        var avs = Avs(32 * Eth, RewardFees.RestakedThroughLrt);
        var y = new StakerYield(32 * Eth, 32 * Eth, Year, 0,
            RewardSplit.Of(RewardRate.BaseStaking.Accrue(32 * Eth, Year), RewardFees.LidoStaking),
            [("avs", RewardSplit.Of(avs.GrossRewardFor(32 * Eth, Year), avs.Fees))]);
        Assert.Equal(new RewardSplit(1_760_000_000, 64_000_000, 169_600_000, 1_526_400_000), y.TotalRewards);
        Assert.Equal(new RewardSplit(640_000_000, 64_000_000, 57_600_000, 518_400_000), y.RestakingRewards);
        Assert.Equal(47_700_000_000_000_000, y.RealizedApyWad);
    }

    [Fact]
    public void A_staker_is_paid_its_share_of_its_operator()
    {
        // Operator with 100 ETH, the staker holds 32 ETH of it, service at 2 % for a year.
        // Pooled (all 100 ETH secure it): the delegation gets 2 ETH, the staker 2e9 · 32/100 = 640,000,000.
        // Unique stake, 25 ETH allocated: the delegation gets 0.5 ETH, the staker 5e8 · 32/100 = 160,000,000.
        var pooled = new ServiceExposure("avs", AvsRate, 100 * Eth, 100 * Eth, RewardFees.EigenLayerDefault);
        var unique = new ServiceExposure("avs", AvsRate, 25 * Eth, 100 * Eth, RewardFees.EigenLayerDefault);
        Assert.Equal(640_000_000, pooled.GrossRewardFor(32 * Eth, Year));
        Assert.Equal(160_000_000, unique.GrossRewardFor(32 * Eth, Year));
        // Rounding: the delegation's 3 gwei shared 1 : 3 → ⌊0.75⌋ = 0 for a staker with a quarter.
        var tiny = new ServiceExposure("avs", new RewardRate(Percent * 100), 4, 4, RewardFees.None);
        Assert.Equal(0, tiny.GrossRewardFor(1, Year * 3 / 4));
    }

    [Fact]
    public void A_slash_bigger_than_the_rewards_gives_a_negative_apy()
    {
        // 32 ETH, base only, half a year: +560,000,000; then a 5 % slash: −1,600,000,000. Gain −1,040,000,000.
        // Over half a year: −1.04e9 / 32e9 · 2 = −0.065 = −6.5 %.
        var y = new StakerYield(32 * Eth, 30_400_000_000, HalfYear, 1_600_000_000,
            RewardSplit.Of(RewardRate.BaseStaking.Accrue(32 * Eth, HalfYear), RewardFees.None), []);
        Assert.Equal(-1_040_000_000, y.GainGwei);
        Assert.Equal(-65_000_000_000_000_000, y.RealizedApyWad);
    }

    [Fact]
    public void The_apy_annualizes_and_rounds_toward_minus_infinity()
    {
        // +1 % over a quarter year → 4 %.
        Assert.Equal(4 * Percent, StakerYield.RealizedApy(100 * Eth, Eth, Year / 4));
        // ±1 gwei on 3 gwei over a year: ±1/3 → 0.333…3 (down) and −0.333…4 (toward −∞).
        Assert.Equal(333_333_333_333_333_333, StakerYield.RealizedApy(3, 1, Year));
        Assert.Equal(-333_333_333_333_333_334, StakerYield.RealizedApy(3, -1, Year));
        Assert.Throws<ArgumentOutOfRangeException>(() => StakerYield.RealizedApy(0, 1, Year));
        Assert.Throws<ArgumentOutOfRangeException>(() => StakerYield.RealizedApy(1, 1, 0));
    }

    [Fact]
    public void A_short_runs_loss_annualizes_to_at_worst_minus_100_percent()
    {
        // 100 ETH losing 10 ETH in one day: simple rate −0.1 × 365 = −36.5 (−3,650 %), floored at −1 (docs/models/rewards.md,
        // "Annualizing a short run"): no holder loses more than all of it in a year.
        long day = 86_400;
        long r = StakerYield.RealizedReturn(100 * Eth, -10 * Eth);
        Assert.Equal(-100_000_000_000_000_000, r);
        Assert.Equal(-365 * (Int128)100_000_000_000_000_000, StakerYield.SimpleAnnualizedWad(r, day));
        Assert.Equal(-(Int128)Wad.One, StakerYield.AnnualizedWad(r, day));
        Assert.Equal(-(System.Numerics.BigInteger)Wad.One, StakerYield.Annualize(r, day));
        Assert.Equal(-Wad.One, StakerYield.RealizedApy(100 * Eth, -10 * Eth, day));
        // Above the floor nothing changes: −0.1 % in a day is −36.5 % a year; exactly −1/365 in a day is exactly −100 %.
        Assert.Equal(-365_000_000_000_000_000, StakerYield.RealizedApy(1000 * Eth, -Eth, day));
        Assert.Equal(-Wad.One, StakerYield.RealizedApy(365, -1, day));
        // ⌊−1e18 / 365⌋ toward zero = −2,739,726,027,397,260 a day; × 365 = −0.9999999999999999 a year: just above the floor, kept.
        Assert.Equal((Int128)(-999_999_999_999_999_900), StakerYield.AnnualizedWad(-Wad.One / 365, day));
    }
}
