using System.Numerics;

namespace Restaking.Domain.Rewards;

/// <summary>
/// Realized APYs of stakers that held for different lengths of time (a staker that deposited during the run annualizes its
/// run return over its own holding period): each is its return × year / its elapsed seconds (<see cref="StakerYield.Annualize"/>),
/// which can pass what a long holds (a 50 % loss over ten days is −1,825 %), so APYs are <see cref="Int128"/> WADs and sums
/// <see cref="BigInteger"/>s. Mean and quantiles follow <see cref="YieldDistribution"/>'s rules: stakers ordered by (APY,
/// principal), the weighted nearest-rank quantile, the mean rounded toward −∞.
/// </summary>
public sealed class AnnualizedYields
{
    private readonly (Int128 ApyWad, long PrincipalGwei)[] ascending;

    public AnnualizedYields(IEnumerable<(long PrincipalGwei, BigInteger ApyWad)> stakers)
    {
        ascending = stakers.Select(s => (checked((Int128)s.ApyWad), s.PrincipalGwei)).ToArray();
        if (ascending.Length == 0) throw new ArgumentException("annualized yields need at least one staker", nameof(stakers));
        if (ascending.Any(s => s.PrincipalGwei <= 0)) throw new ArgumentOutOfRangeException(nameof(stakers), "a yield needs a principal");
        Array.Sort(ascending);
    }

    /// <summary>Σ weight × APY / Σ weight, rounded toward −∞.</summary>
    public BigInteger MeanWad(YieldWeighting weighting)
    {
        BigInteger sum = 0, total = 0;
        foreach (var s in ascending)
        {
            long weight = Weight(s.PrincipalGwei, weighting);
            sum += (BigInteger)s.ApyWad * weight;
            total += weight;
        }
        return FloorDivision.Of(sum, total);
    }

    /// <summary>The smallest APY whose cumulative weight reaches <paramref name="percent"/> % of the total (100 · Σᵢ≤ₖ wᵢ ≥ p · W),
    /// as <see cref="YieldDistribution.QuantileWad(int, YieldWeighting)"/>.</summary>
    public Int128 QuantileWad(int percent, YieldWeighting weighting)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "a quantile level is 1 … 100 percent");
        BigInteger total = 0;
        foreach (var s in ascending) total += Weight(s.PrincipalGwei, weighting);
        BigInteger target = percent * total, cumulative = 0;
        foreach (var s in ascending)
        {
            cumulative += Weight(s.PrincipalGwei, weighting);
            if (cumulative * 100 >= target) return s.ApyWad;
        }
        return ascending[^1].ApyWad;
    }

    private static long Weight(long principalGwei, YieldWeighting weighting) => weighting == YieldWeighting.ByPrincipal ? principalGwei : 1;
}
