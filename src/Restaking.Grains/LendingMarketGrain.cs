using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Lending;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A lending market: liquidates looped positions when its oracle price falls and sells the seized collateral
/// into the token's pool (<see cref="LendingMarketState"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(LendingMarketGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(LendingMarketGrain))]
public sealed class LendingMarketGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), ILendingMarketGrain
{
    private LendingMarketState State => (LendingMarketState)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) =>
        EntityRef.LendingMarket(run.Spec.LendingMarketIndex[entityId]);

    protected override EntityFigures Figures => default;

    public Task<long> GetBadDebt() => Task.FromResult(State.BadDebtGwei);

    public Task<Domain.Engine.FinalLendingMarket> GetFinal() => Task.FromResult(State.Final);
}
