using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>An operator: applies slashing requests and validator penalties under the run's security model
/// (<see cref="Domain.Operators.OperatorState"/>) and tells services, LRTs and the adversary that its stake changed.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.OperatorGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.OperatorGrain")]
public sealed class OperatorGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.Operator;
}
