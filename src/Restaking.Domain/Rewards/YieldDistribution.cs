using System.Numerics;

namespace Restaking.Domain.Rewards;

/// <summary>
/// The empirical distribution of many stakers' realized APYs, each staker counted once or by its principal
/// (<see cref="YieldWeighting"/>). Integer-exact: sums go through <see cref="BigInteger"/>, every figure is one of
/// the APYs or a floor. Stakers are ordered by (APY, principal), so the result does not depend on input order.
/// </summary>
public sealed class YieldDistribution
{
    private readonly StakerApy[] ascending;

    public YieldDistribution(IEnumerable<StakerApy> stakers)
    {
        ascending = stakers.ToArray();
        if (ascending.Length == 0) throw new ArgumentException("a yield distribution needs at least one staker", nameof(stakers));
        Array.Sort(ascending, (a, b) => a.ApyWad != b.ApyWad ? a.ApyWad.CompareTo(b.ApyWad) : a.PrincipalGwei.CompareTo(b.PrincipalGwei));
    }

    public static YieldDistribution Of(IEnumerable<StakerYield> positions) => new(positions.Select(StakerApy.Of));

    public int Count => ascending.Length;

    /// <summary>n stakers, or Σ principal (gwei).</summary>
    public long TotalWeight(YieldWeighting weighting) => ascending.Aggregate(0L, (sum, s) => checked(sum + Weight(s, weighting)));

    /// <summary>Σ weight × APY / Σ weight, rounded toward −∞.</summary>
    public long MeanWad(YieldWeighting weighting)
    {
        BigInteger sum = 0;
        foreach (var s in ascending) sum += (BigInteger)Weight(s, weighting) * s.ApyWad;
        return (long)FloorDivision.Of(sum, TotalWeight(weighting));
    }

    /// <summary>
    /// The weighted nearest-rank quantile: the smallest APY whose cumulative weight (stakers at or below it) reaches
    /// p % of the total, i.e. the first k with 100 · Σᵢ≤ₖ wᵢ ≥ p · W. With every weight 1 this is the ⌈p·n/100⌉-th
    /// smallest, the rule of <see cref="MonteCarlo.LossDistribution.Quantile"/> (Hyndman and Fan 1996, definition 1).
    /// Always one of the stakers' APYs.
    /// </summary>
    public long QuantileWad(int percent, YieldWeighting weighting)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "a quantile level is 1 … 100 percent");
        var target = (BigInteger)percent * TotalWeight(weighting);
        BigInteger cumulative = 0;
        foreach (var s in ascending)
        {
            cumulative += Weight(s, weighting);
            if (cumulative * 100 >= target) return s.ApyWad;
        }
        return ascending[^1].ApyWad;
    }

    /// <summary>The weight of stakers whose APY is strictly below <paramref name="thresholdWad"/>.</summary>
    public long WeightBelow(long thresholdWad, YieldWeighting weighting) =>
        ascending.TakeWhile(s => s.ApyWad < thresholdWad).Aggregate(0L, (sum, s) => checked(sum + Weight(s, weighting)));

    /// <summary>Mean, p5/p25/p50/p75/p95, and the weight below the base APR and below zero.</summary>
    public YieldSummary Summarize(long baseAprWad, YieldWeighting weighting) =>
        new(weighting, Count, TotalWeight(weighting), MeanWad(weighting),
            QuantileWad(5, weighting), QuantileWad(25, weighting), QuantileWad(50, weighting),
            QuantileWad(75, weighting), QuantileWad(95, weighting),
            baseAprWad, WeightBelow(baseAprWad, weighting), WeightBelow(0, weighting));

    private static long Weight(StakerApy staker, YieldWeighting weighting) =>
        weighting == YieldWeighting.ByPrincipal ? staker.PrincipalGwei : 1;
}
