using System.Numerics;

namespace Restaking.Domain.Rewards;

/// <summary>
/// Realized APYs of stakers that held for different lengths of time (a staker that deposited during the run annualizes its
/// run return over its own holding period, <see cref="StakerYield.AnnualizedWad"/>). When every APY fits a long they are a
/// <see cref="YieldDistribution"/> like any other; an APY can pass what a long holds, though (a 90 % loss over a day is
/// −32,850 %), and then these are <see cref="Int128"/> WADs with the same rules: stakers ordered by (APY, principal), the
/// weighted nearest-rank quantile, the mean rounded toward −∞.
/// </summary>
public sealed class AnnualizedYields
{
    private readonly (Int128 ApyWad, long PrincipalGwei)[] ascending;

    private AnnualizedYields((Int128, long)[] ascending) => this.ascending = ascending;

    /// <summary>The distribution of <paramref name="stakers"/>' APYs: a <see cref="YieldDistribution"/> when every one fits a
    /// long (the common case, and the cheaper one for a million stakers), else one of these.</summary>
    public static (YieldDistribution? Narrow, AnnualizedYields? Wide) Of(IReadOnlyList<(long PrincipalGwei, Int128 ApyWad)> stakers)
    {
        if (stakers.Count == 0) throw new ArgumentException("annualized yields need at least one staker", nameof(stakers));
        if (stakers.All(s => s.ApyWad >= long.MinValue && s.ApyWad <= long.MaxValue))
            return (new YieldDistribution(stakers.Select(s => new StakerApy(s.PrincipalGwei, (long)s.ApyWad))), null);
        if (stakers.Any(s => s.PrincipalGwei <= 0)) throw new ArgumentOutOfRangeException(nameof(stakers), "a yield needs a principal");
        var ascending = stakers.Select(s => (s.ApyWad, s.PrincipalGwei)).ToArray();
        Array.Sort(ascending);
        return (null, new AnnualizedYields(ascending));
    }

    /// <summary>Σ weight × APY / Σ weight, rounded toward −∞ (weight × APY can pass an Int128: the sum is a BigInteger).</summary>
    public BigInteger MeanWad(YieldWeighting weighting)
    {
        BigInteger sum = 0;
        long total = 0;
        foreach (var s in ascending)
        {
            long weight = Weight(s.PrincipalGwei, weighting);
            sum += (BigInteger)s.ApyWad * weight;
            total = checked(total + weight);
        }
        return FloorDivision.Of(sum, total);
    }

    /// <summary>The smallest APY whose cumulative weight reaches <paramref name="percent"/> % of the total (100 · Σᵢ≤ₖ wᵢ ≥ p · W),
    /// as <see cref="YieldDistribution.QuantileWad(int, YieldWeighting)"/>; the weights sum to a long, so cumulative sums fit an Int128.</summary>
    public Int128 QuantileWad(int percent, YieldWeighting weighting)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "a quantile level is 1 … 100 percent");
        long total = 0;
        foreach (var s in ascending) total = checked(total + Weight(s.PrincipalGwei, weighting));
        Int128 target = (Int128)percent * total, cumulative = 0;
        foreach (var s in ascending)
        {
            cumulative += Weight(s.PrincipalGwei, weighting);
            if (cumulative * 100 >= target) return s.ApyWad;
        }
        return ascending[^1].ApyWad;
    }

    private static long Weight(long principalGwei, YieldWeighting weighting) => weighting == YieldWeighting.ByPrincipal ? principalGwei : 1;
}
