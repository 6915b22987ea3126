using Restaking.Domain.MonteCarlo;

namespace Restaking.Domain.Tests.MonteCarlo;

/// <summary>The statistics against cases worked by hand (each comment shows the working).</summary>
public class LossDistributionTests
{
    /// <summary>Losses 10, 20, …, 100 in scrambled order.</summary>
    private static LossDistribution Tens() => new([70, 10, 100, 40, 30, 90, 20, 60, 80, 50]);

    [Fact]
    public void Mean_is_the_sum_over_n_rounded_down()
    {
        // (10 + … + 100) / 10 = 550 / 10 = 55.
        Assert.Equal(55, Tens().MeanGwei);
        // (1 + 2) / 2 = 1.5 → 1.
        Assert.Equal(1, new LossDistribution([2, 1]).MeanGwei);
    }

    [Fact]
    public void Mean_does_not_overflow_where_the_sum_passes_a_long()
    {
        // 3 · (long.MaxValue − 1) overflows a long; the mean is long.MaxValue − 1 exactly.
        long big = long.MaxValue - 1;
        Assert.Equal(big, new LossDistribution([big, big, big]).MeanGwei);
    }

    [Theory]
    // n = 10: p50 → rank ⌈5⌉ = 5 → 50; p95 → ⌈9.5⌉ = 10 → 100; p99 → ⌈9.9⌉ = 10 → 100; p10 → ⌈1⌉ = 1 → 10; p11 → ⌈1.1⌉ = 2 → 20.
    [InlineData(50, 50)]
    [InlineData(95, 100)]
    [InlineData(99, 100)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(100, 100)]
    public void Quantile_is_the_nearest_rank(int percent, long expected) =>
        Assert.Equal(expected, Tens().Quantile(percent));

    [Fact]
    public void Quantiles_of_a_thousand_trials_are_the_950th_and_990th_smallest()
    {
        // Losses 1 … 1000: p95 = the ⌈950⌉-th smallest = 950, p99 = 990, p50 = 500.
        var d = new LossDistribution(Enumerable.Range(1, 1000).Select(i => (long)i).Reverse());
        Assert.Equal(500, d.Quantile(50));
        Assert.Equal(950, d.Quantile(95));
        Assert.Equal(990, d.Quantile(99));
    }

    [Fact]
    public void Expected_shortfall_with_a_whole_tail_is_the_mean_of_the_worst_trials()
    {
        // n = 10, level 80 %: t = 10 · 0.2 = 2 trials, 100 and 90 → 95.
        Assert.Equal(95, Tens().ExpectedShortfall(80));
        // Losses 1 … 1000, ES95: t = 50, the worst 50 are 951 … 1000, mean 975.5 → 975 (rounded down);
        // ES99: t = 10, 991 … 1000, mean 995.5 → 995.
        var d = new LossDistribution(Enumerable.Range(1, 1000).Select(i => (long)i));
        Assert.Equal(975, d.ExpectedShortfall(95));
        Assert.Equal(995, d.ExpectedShortfall(99));
    }

    [Fact]
    public void Expected_shortfall_with_a_fractional_tail_weighs_the_boundary_trial_by_its_fraction()
    {
        // n = 30, level 95 %: t = 30 · 0.05 = 1.5: the worst (90) in full, the next (60) with weight 0.5:
        // (90 + 0.5 · 60) / 1.5 = 120 / 1.5 = 80.
        var losses = Enumerable.Repeat(0L, 28).Append(60).Append(90);
        Assert.Equal(80, new LossDistribution(losses).ExpectedShortfall(95));
        // n = 10, level 95 %: t = 0.5: only the worst, weight 0.5: (0.5 · 100) / 0.5 = 100.
        Assert.Equal(100, Tens().ExpectedShortfall(95));
        // n = 10, level 85 %: t = 1.5: (100 + 0.5 · 90) / 1.5 = 145 / 1.5 = 96.67 → 96.
        Assert.Equal(96, Tens().ExpectedShortfall(85));
    }

    [Fact]
    public void Expected_shortfall_is_never_below_the_quantile_of_the_same_level()
    {
        // The boundary trial of the tail is the nearest-rank quantile: n − ⌊n(1 − q)⌋ = ⌈nq⌉.
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var d = new LossDistribution(Enumerable.Range(0, random.Next(1, 60)).Select(_ => (long)random.Next(0, 1000)));
            foreach (int q in new[] { 50, 90, 95, 99 })
                Assert.True(d.ExpectedShortfall(q) >= d.Quantile(q), $"ES{q} {d.ExpectedShortfall(q)} < p{q} {d.Quantile(q)}");
        }
    }

    [Fact]
    public void An_empty_or_negative_distribution_and_levels_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LossDistribution([]));
        Assert.Throws<ArgumentException>(() => new LossDistribution([1, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tens().Quantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tens().ExpectedShortfall(100));
    }

    [Theory]
    // Initial 1,000,000 gwei; 0.1 % = 1,000: a loss of 1,000 does not exceed it, 1,001 does. 10 % = 100,000.
    [InlineData(1_000, 0, false)]
    [InlineData(1_001, 0, true)]
    [InlineData(100_000, 3, false)]
    [InlineData(100_001, 3, true)]
    public void A_threshold_is_exceeded_only_by_a_larger_loss(long loss, int threshold, bool exceeded)
    {
        var trial = new TrialResult(1, 1_000_000, 1_000_000 - loss, loss, 0, 0, 0, 0, 0, []);
        Assert.Equal(exceeded, LossThreshold.Defaults[threshold].IsExceededBy(trial));
    }
}
