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
        Array.Sort(ascending);   // by (APY, principal): StakerApy.CompareTo
    }

    public static YieldDistribution Of(IEnumerable<StakerYield> positions) => new(positions.Select(StakerApy.Of));

    public int Count => ascending.Length;

    /// <summary>n stakers, or Σ principal (gwei).</summary>
    public long TotalWeight(YieldWeighting weighting)
    {
        long total = 0;
        foreach (var s in ascending) total = checked(total + Weight(s, weighting));
        return total;
    }

    /// <summary>Σ weight × APY / Σ weight, rounded toward −∞. The sum fits an <see cref="Int128"/>: |Σ wᵢ·aᵢ| ≤ Σ wᵢ × max |aᵢ|
    /// &lt; 2^63 × 2^63 = 2^126, since the total weight is a long.</summary>
    public long MeanWad(YieldWeighting weighting)
    {
        Int128 sum = 0;
        foreach (var s in ascending) sum += (Int128)Weight(s, weighting) * s.ApyWad;
        return (long)FloorDivision.Of((BigInteger)sum, TotalWeight(weighting));
    }

    /// <summary>
    /// The weighted nearest-rank quantile: the smallest APY whose cumulative weight (stakers at or below it) reaches
    /// p % of the total, i.e. the first k with 100 · Σᵢ≤ₖ wᵢ ≥ p · W. With every weight 1 this is the ⌈p·n/100⌉-th
    /// smallest, the rule of <see cref="MonteCarlo.LossDistribution.Quantile"/> (Hyndman and Fan 1996, definition 1).
    /// Always one of the stakers' APYs.
    /// </summary>
    public long QuantileWad(int percent, YieldWeighting weighting) => QuantileWad(percent, weighting, TotalWeight(weighting));

    /// <summary>The same with the total weight given (a summary asks five quantiles of one total). Cumulative weights fit an
    /// <see cref="Int128"/> with room for the × 100: the total is a long.</summary>
    private long QuantileWad(int percent, YieldWeighting weighting, long totalWeight)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "a quantile level is 1 … 100 percent");
        Int128 target = (Int128)percent * totalWeight;
        Int128 cumulative = 0;
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
    public YieldSummary Summarize(long baseAprWad, YieldWeighting weighting)
    {
        long total = TotalWeight(weighting);
        return new(weighting, Count, total, MeanWad(weighting),
            QuantileWad(5, weighting, total), QuantileWad(25, weighting, total), QuantileWad(50, weighting, total),
            QuantileWad(75, weighting, total), QuantileWad(95, weighting, total),
            baseAprWad, WeightBelow(baseAprWad, weighting), WeightBelow(0, weighting));
    }

    private static long Weight(StakerApy staker, YieldWeighting weighting) =>
        weighting == YieldWeighting.ByPrincipal ? staker.PrincipalGwei : 1;
}
