using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>An operator at the end of a run: whether it was ever slashed, its pools of tick-0 stakers and its listed stakers
/// with ticks of their own (<see cref="Cohorts"/>, for staker losses) and, per holding — each pool's tick-0 stakers, then each
/// cohort — and per service slot, the gross rewards its delegation earned (for realized yields).</summary>
public sealed record FinalOperator(bool EverSlashed, IReadOnlyList<AssetPool> Pools, IReadOnlyList<long> BaseRewardsGwei,
    IReadOnlyList<long> ServiceRewardsGwei, IReadOnlyList<long> PaidByServiceGwei, IReadOnlyList<Operators.CohortPosition>? Cohorts = null)
{
    /// <summary>The cohorts, in staker order (none when the operator has no listed staker with ticks of its own).</summary>
    public IReadOnlyList<Operators.CohortPosition> StakerCohorts => Cohorts ?? [];

    /// <summary>The index of a cohort's rewards in <see cref="BaseRewardsGwei"/> and <see cref="ServiceRewardsGwei"/>.</summary>
    public int HoldingOf(int cohort) => Pools.Count + cohort;
}

/// <summary>A liquid token at the end of a run; <see cref="Market"/>: its venues and liquidators, when it has a market.</summary>
public sealed record FinalToken(string Id, long SupplyGwei, long NavWad, long PriceWad, Markets.MarketFigures? Market = null);

/// <summary>A lending market at the end of a run: its collateral at tick 0 and now, what its liquidations took (collateral
/// also valued at the oracle price it was seized at), and the lowest price its oracle read.</summary>
public sealed record FinalLendingMarket(string Id, long InitialCollateralTokens, long CollateralTokens, long DebtGwei, int PositionsLiquidated,
    long CollateralSeizedTokens, long CollateralSeizedValueGwei, long DebtRepaidGwei, long BadDebtGwei, long MinOraclePriceWad);

/// <summary>
/// What the summary reads from the entities when a run ends, asked of each entity through the projections of
/// <see cref="TickDriver.Final"/> on either host. Lists follow the scenario's entity order.
/// </summary>
public sealed record FinalState(
    IReadOnlyList<FinalOperator> Operators,
    IReadOnlyList<bool> ServicesCompromised,
    IReadOnlyList<FinalToken> Tokens,
    int PendingCorrelationPenalties,
    IReadOnlyList<KeyValuePair<string, int>> SearchesByMethod,
    IReadOnlyList<FinalLendingMarket>? LendingMarkets = null)
{
    /// <summary>Where each listed staker with ticks of its own stands: its operator and cohort slot, by staker index.</summary>
    public IReadOnlyDictionary<int, (int Operator, int Slot)> CohortsByStaker()
    {
        var byStaker = new Dictionary<int, (int, int)>();
        for (int v = 0; v < Operators.Count; v++)
            for (int c = 0; c < Operators[v].StakerCohorts.Count; c++) byStaker[Operators[v].StakerCohorts[c].Staker] = (v, c);
        return byStaker;
    }

}
