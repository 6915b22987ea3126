using Restaking.Contracts;
using Restaking.Domain.BaseChain;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>The base chain: slashes validators (Electra rules in <see cref="BaseChainState"/>) and charges the
/// correlation penalties when they fall due.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(BaseChainGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(BaseChainGrain))]
public sealed class BaseChainGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), IBaseChainGrain
{
    private BaseChainState State => (BaseChainState)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) => EntityRef.BaseChain;

    protected override EntityFigures Figures => default;

    public Task<bool> HasPenaltiesDue(int tick) => Task.FromResult(State.HasPenaltiesDue(tick));

    public Task<int> GetPendingPenalties() => Task.FromResult(State.PendingPenalties);
}
