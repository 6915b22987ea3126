using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>An operator at the end of a run: whether it was ever slashed, its pools (for staker losses) and, per pool and
/// per service slot, the gross rewards its delegation earned (for realized yields).</summary>
public sealed record FinalOperator(bool EverSlashed, IReadOnlyList<AssetPool> Pools, IReadOnlyList<long> BaseRewardsGwei,
    IReadOnlyList<long> ServiceRewardsGwei, IReadOnlyList<long> PaidByServiceGwei);

/// <summary>A liquid token at the end of a run; <see cref="Market"/>: its venues and liquidators, when it has a market.</summary>
public sealed record FinalToken(string Id, long SupplyGwei, long NavWad, long PriceWad, Markets.MarketFigures? Market = null);

/// <summary>A lending market at the end of a run: its collateral at tick 0 and now, what its liquidations took (collateral
/// also valued at the oracle price it was seized at), and the lowest price its oracle read.</summary>
public sealed record FinalLendingMarket(string Id, long InitialCollateralTokens, long CollateralTokens, long DebtGwei, int PositionsLiquidated,
    long CollateralSeizedTokens, long CollateralSeizedValueGwei, long DebtRepaidGwei, long BadDebtGwei, long MinOraclePriceWad);

/// <summary>
/// What the summary reads from the entities when a run ends. The reference engine takes it from its
/// <see cref="World"/>; the Orleans engine asks each grain for its part. Lists follow the scenario's entity order.
/// </summary>
public sealed record FinalState(
    IReadOnlyList<FinalOperator> Operators,
    IReadOnlyList<bool> ServicesCompromised,
    IReadOnlyList<FinalToken> Tokens,
    int PendingCorrelationPenalties,
    IReadOnlyList<KeyValuePair<string, int>> SearchesByMethod,
    IReadOnlyList<FinalLendingMarket>? LendingMarkets = null)
{
    public static FinalState Of(World world) => new(
        world.Operators.Select(o => o.Final(world.Spec.Scenario.Ticks.Count)).ToList(),
        world.Services.Select(s => s.Compromised).ToList(),
        world.Tokens.Select(t => t.Final(world.Spec.Scenario.Ticks.Count)).ToList(),
        world.BaseChain.PendingPenalties,
        world.Adversary.Searches.ToList(),
        world.LendingMarkets.Select(m => m.Final).ToList());
}
