using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Operators;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>An operator: applies slashing requests and validator penalties under the run's security model
/// (<see cref="OperatorState"/>) and tells services, LRTs and the adversary that its stake changed.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(OperatorGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(OperatorGrain))]
public sealed class OperatorGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), IOperatorGrain
{
    private OperatorState State => (OperatorState)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) => EntityRef.Operator(run.Spec.OperatorIndex[entityId]);

    protected override EntityFigures Figures => new(State.ValueGwei, State.EverSlashed, 0, 0);

    public Task<IReadOnlyList<AssetPool>> GetPools() => Task.FromResult(State.Pools);

    public Task<IReadOnlyList<CohortPosition>> GetCohorts() => Task.FromResult(State.Cohorts);

    public Task<OperatorFinal> GetFinal(int endTick)
    {
        var final = State.Final(endTick);
        return Task.FromResult(new OperatorFinal(final.EverSlashed, final.Pools, [.. final.BaseRewardsGwei], [.. final.ServiceRewardsGwei], [.. final.PaidByServiceGwei],
            final.StakerCohorts));
    }
}
