using Restaking.Domain.MonteCarlo;
using Restaking.Domain.Rewards;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>The statistics of realized APYs against cases worked by hand (each comment shows the working).</summary>
public class YieldDistributionTests
{
    private const long Eth = 1_000_000_000;              // gwei
    private const long Percent = 10_000_000_000_000_000;  // 1 % as a WAD
    private static readonly long Base = RewardRate.BaseStaking.AprWad; // 3.5 %

    /// <summary>Ten stakers of 32 ETH at −5, 1, 2, 3, 4, 5, 6, 7, 8, 10 %, in scrambled order.</summary>
    private static YieldDistribution Ten() =>
        new(new[] { 7, 1, 10, -5, 4, 8, 2, 6, 3, 5 }.Select(p => new StakerApy(32 * Eth, p * Percent)));

    /// <summary>A: 1 ETH at −10 %, B: 1 ETH at 3 %, C (a whale): 8 ETH at 5 %.</summary>
    private static YieldDistribution Whale() =>
        new([new StakerApy(8 * Eth, 5 * Percent), new StakerApy(Eth, -10 * Percent), new StakerApy(Eth, 3 * Percent)]);

    [Fact]
    public void Per_staker_summary_of_ten_stakers()
    {
        // Mean (−5 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 10) / 10 = 41 / 10 = 4.1 %.
        // Nearest rank, n = 10: p5 → ⌈0.5⌉ = 1st = −5; p25 → ⌈2.5⌉ = 3rd = 2; p50 → 5th = 4; p75 → ⌈7.5⌉ = 8th = 7; p95 → ⌈9.5⌉ = 10th = 10.
        // Below 3.5 %: −5, 1, 2, 3 → 4 of 10 = 0.4; negative: −5 → 0.1; at or above the base: 0.6.
        var s = Ten().Summarize(Base, YieldWeighting.PerStaker);
        Assert.Equal(new YieldSummary(YieldWeighting.PerStaker, 10, 10, 41 * Percent / 10,
            -5 * Percent, 2 * Percent, 4 * Percent, 7 * Percent, 10 * Percent, Base, 4, 1), s);
        Assert.Equal(400_000_000_000_000_000, s.ShareBelowBaseWad);
        Assert.Equal(600_000_000_000_000_000, s.ShareAtOrAboveBaseWad);
        Assert.Equal(100_000_000_000_000_000, s.ShareNegativeWad);
    }

    [Fact]
    public void Equal_principals_weigh_as_one_staker_each()
    {
        // All ten hold 32 ETH: weighting by principal changes nothing but the total weight (320 ETH).
        var perStaker = Ten().Summarize(Base, YieldWeighting.PerStaker);
        var byPrincipal = Ten().Summarize(Base, YieldWeighting.ByPrincipal);
        Assert.Equal(perStaker with { Weighting = YieldWeighting.ByPrincipal, TotalWeight = 320 * Eth, BelowBaseWeight = 128 * Eth, NegativeWeight = 32 * Eth }, byPrincipal);
        Assert.Equal(perStaker.ShareBelowBaseWad, byPrincipal.ShareBelowBaseWad);
    }

    [Fact]
    public void A_whale_moves_the_weighted_figures()
    {
        // By principal, W = 10 ETH: mean (1 · −10 + 1 · 3 + 8 · 5) / 10 = 33 / 10 = 3.3 %.
        // Cumulative weight in APY order: A 1, B 2, C 10 ETH. p5 needs 0.5 ETH → A (−10 %); p25 needs 2.5 → C (5 %);
        // p50, p75, p95 → C. Below 3.5 %: A + B = 2 of 10 ETH = 0.2; negative: A = 0.1.
        var w = Whale().Summarize(Base, YieldWeighting.ByPrincipal);
        Assert.Equal(new YieldSummary(YieldWeighting.ByPrincipal, 3, 10 * Eth, 33 * Percent / 10,
            -10 * Percent, 5 * Percent, 5 * Percent, 5 * Percent, 5 * Percent, Base, 2 * Eth, Eth), w);
        Assert.Equal(200_000_000_000_000_000, w.ShareBelowBaseWad);
        Assert.Equal(800_000_000_000_000_000, w.ShareAtOrAboveBaseWad);
        Assert.Equal(100_000_000_000_000_000, w.ShareNegativeWad);

        // Per staker, n = 3: mean (−10 + 3 + 5) / 3 = −2/3 % = −0.00666…, toward −∞: −6,666,666,666,666,667.
        // p5 → ⌈0.15⌉ = 1st = −10 %; p25 → ⌈0.75⌉ = 1st = −10 %; p50 → ⌈1.5⌉ = 2nd = 3 %; p75 → ⌈2.25⌉ = 3rd; p95 → 3rd = 5 %.
        // Below the base: 2 of 3 → 0.666…6 (down); at or above: 1 of 3 → 0.333…3; negative 1 of 3.
        var p = Whale().Summarize(Base, YieldWeighting.PerStaker);
        Assert.Equal(new YieldSummary(YieldWeighting.PerStaker, 3, 3, -6_666_666_666_666_667,
            -10 * Percent, -10 * Percent, 3 * Percent, 5 * Percent, 5 * Percent, Base, 2, 1), p);
        Assert.Equal(666_666_666_666_666_666, p.ShareBelowBaseWad);
        Assert.Equal(333_333_333_333_333_333, p.ShareAtOrAboveBaseWad);
        Assert.Equal(333_333_333_333_333_333, p.ShareNegativeWad);
    }

    [Fact]
    public void An_apy_equal_to_the_base_is_not_below_it()
    {
        // Exactly 3.5 % did as well as plain staking: counted at or above.
        var d = new YieldDistribution([new StakerApy(Eth, Base), new StakerApy(Eth, Base - 1)]);
        Assert.Equal(1, d.WeightBelow(Base, YieldWeighting.PerStaker));
        Assert.Equal(0, d.WeightBelow(0, YieldWeighting.PerStaker));
    }

    [Fact]
    public void Per_staker_quantiles_are_those_of_the_loss_distribution()
    {
        // Same nearest-rank rule as LossDistribution.Quantile, for every level, on random samples.
        var random = new Random(5);
        for (int round = 0; round < 50; round++)
        {
            var values = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.NextInt64(0, 100)).ToList();
            var losses = new LossDistribution(values);
            var yields = new YieldDistribution(values.Select(v => new StakerApy(random.NextInt64(1, 1_000), v)));
            for (int q = 1; q <= 100; q++) Assert.Equal(losses.Quantile(q), yields.QuantileWad(q, YieldWeighting.PerStaker));
            Assert.Equal(losses.MeanGwei, yields.MeanWad(YieldWeighting.PerStaker));
        }
    }

    [Fact]
    public void The_summary_does_not_depend_on_input_order()
    {
        var random = new Random(3);
        var stakers = Enumerable.Range(0, 200).Select(_ => new StakerApy(random.NextInt64(1, 100 * Eth), random.NextInt64(-20 * Percent, 20 * Percent))).ToList();
        foreach (var weighting in new[] { YieldWeighting.PerStaker, YieldWeighting.ByPrincipal })
        {
            var forward = new YieldDistribution(stakers).Summarize(Base, weighting);
            var backward = new YieldDistribution(Enumerable.Reverse(stakers)).Summarize(Base, weighting);
            Assert.Equal(forward, backward);
        }
    }

    [Fact]
    public void Staker_positions_feed_the_distribution()
    {
        // One plain staker (3.5 %) and one slashed 5 % after half a year (−6.5 %, see StakerYieldTests), 32 ETH each:
        // mean (3.5 − 6.5) / 2 = −1.5 %; half the stakers below the base and negative.
        var halfYearBase = RewardSplit.Of(RewardRate.BaseStaking.Accrue(32 * Eth, Accrual.SecondsPerYear / 2), RewardFees.None);
        var plain = new StakerYield(32 * Eth, 32 * Eth, Accrual.SecondsPerYear / 2, 0, halfYearBase, []);
        var slashed = new StakerYield(32 * Eth, 30_400_000_000, Accrual.SecondsPerYear / 2, 1_600_000_000, halfYearBase, []);
        var s = YieldDistribution.Of([plain, slashed]).Summarize(Base, YieldWeighting.ByPrincipal);
        Assert.Equal(-15 * Percent / 10, s.MeanWad);
        Assert.Equal(Wad.One / 2, s.ShareBelowBaseWad);
        Assert.Equal(Wad.One / 2, s.ShareNegativeWad);
    }

    [Fact]
    public void An_empty_distribution_and_a_level_outside_1_to_100_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new YieldDistribution([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ten().QuantileWad(0, YieldWeighting.PerStaker));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ten().QuantileWad(101, YieldWeighting.PerStaker));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StakerApy(0, Percent));
    }

    [Fact]
    public void Annualized_yields_beyond_a_long_keep_the_distributions_rules()
    {
        // A: 100 ETH that gained 90 % in its one day: 0.9 × 365 = +328.5 a year, past a long's 9.22 WAD. B: 300 ETH, 3.5 % over a year.
        // (A loss cannot pass a long any more: it is floored at −100 %, StakerYield.FloorAtTotalLoss.)
        long a = StakerYield.RealizedReturn(100 * Eth, 90 * Eth), b = StakerYield.RealizedReturn(300 * Eth, 10_500_000_000);
        var (narrow, wide) = AnnualizedYields.Of([(100 * Eth, StakerYield.AnnualizedWad(a, 86_400)), (300 * Eth, StakerYield.AnnualizedWad(b, 31_536_000))]);
        Assert.Null(narrow);
        Assert.NotNull(wide);
        Int128 high = (Int128)Wad.One * 3285 / 10, low = 35 * Percent / 10;
        // Per staker: ranks 1 and 2 of 2: p5 … p50 reach the first (B), p75 and p95 the second; mean (0.035 + 328.5) / 2 = 164.2675.
        Assert.Equal([low, low, low, high, high], new[] { 5, 25, 50, 75, 95 }.Select(p => wide!.QuantileWad(p, YieldWeighting.PerStaker)));
        Assert.Equal((System.Numerics.BigInteger)Wad.One * 1642675 / 10_000, wide!.MeanWad(YieldWeighting.PerStaker));
        // By principal (300 of 400 on B): p75 reaches B exactly, p95 A; mean (300 × 0.035 + 100 × 328.5) / 400 = 82.15125.
        Assert.Equal([low, high], new[] { 75, 95 }.Select(p => wide.QuantileWad(p, YieldWeighting.ByPrincipal)));
        Assert.Equal((System.Numerics.BigInteger)Wad.One * 8215125 / 100_000, wide.MeanWad(YieldWeighting.ByPrincipal));

        // APYs that fit a long are an ordinary distribution.
        var (small, none) = AnnualizedYields.Of([(Eth, 5 * Percent), (Eth, 3 * Percent)]);
        Assert.Null(none);
        Assert.Equal(4 * Percent, small!.MeanWad(YieldWeighting.PerStaker));
    }
}
