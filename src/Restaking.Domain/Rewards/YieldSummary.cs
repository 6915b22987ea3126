namespace Restaking.Domain.Rewards;

/// <summary>
/// What a risk team asks of the realized APYs of a run ("was the extra yield worth it?"): the weighted mean, the
/// nearest-rank quantiles, and who did worse than plain staking or lost money. APYs are signed WADs. Each share is
/// given exactly as a weight over <see cref="TotalWeight"/> (a count of stakers, or gwei of principal) and as a
/// WAD rounded down.
/// </summary>
public sealed record YieldSummary(
    YieldWeighting Weighting,
    int Stakers,
    long TotalWeight,
    long MeanWad,
    long P5Wad,
    long P25Wad,
    long P50Wad,
    long P75Wad,
    long P95Wad,
    long BaseAprWad,
    long BelowBaseWeight,
    long NegativeWeight)
{
    /// <summary>Weight with APY strictly below the base APR over the total: better off plain staking.</summary>
    public long ShareBelowBaseWad => Units.Wad.Ratio(BelowBaseWeight, TotalWeight, Units.Rounding.Down);

    /// <summary>Weight with APY at or above the base APR over the total: the extra yield paid for its risk.</summary>
    public long ShareAtOrAboveBaseWad => Units.Wad.Ratio(TotalWeight - BelowBaseWeight, TotalWeight, Units.Rounding.Down);

    /// <summary>Weight with APY below zero over the total: ended the run with less than it started with.</summary>
    public long ShareNegativeWad => Units.Wad.Ratio(NegativeWeight, TotalWeight, Units.Rounding.Down);
}
