using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>An operator at the end of a run: whether it was ever slashed, its pools (for staker losses) and, per pool and
/// per service slot, the gross rewards its delegation earned (for realized yields).</summary>
public sealed record FinalOperator(bool EverSlashed, IReadOnlyList<AssetPool> Pools, IReadOnlyList<long> BaseRewardsGwei,
    IReadOnlyList<long> ServiceRewardsGwei, IReadOnlyList<long> PaidByServiceGwei);

/// <summary>A liquid token at the end of a run.</summary>
public sealed record FinalToken(string Id, long SupplyGwei, long NavWad, long PriceWad);

/// <summary>
/// What the summary reads from the entities when a run ends. The reference engine takes it from its
/// <see cref="World"/>; the Orleans engine asks each grain for its part. Lists follow the scenario's entity order.
/// </summary>
public sealed record FinalState(
    IReadOnlyList<FinalOperator> Operators,
    IReadOnlyList<bool> ServicesCompromised,
    IReadOnlyList<FinalToken> Tokens,
    int PendingCorrelationPenalties,
    IReadOnlyList<KeyValuePair<string, int>> SearchesByMethod)
{
    public static FinalState Of(World world) => new(
        world.Operators.Select(o => o.Final(world.Spec.Scenario.Ticks.Count)).ToList(),
        world.Services.Select(s => s.Compromised).ToList(),
        world.Tokens.Select(t => new FinalToken(t.Id, t.SupplyGwei, t.NavWad, t.PriceWad)).ToList(),
        world.BaseChain.PendingPenalties,
        world.Adversary.Searches.ToList());
}
