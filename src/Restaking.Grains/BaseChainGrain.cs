using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>The base chain: slashes validators (Electra rules in <see cref="Domain.BaseChain.BaseChainState"/>) and charges the
/// correlation penalties when they fall due.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.BaseChainGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.BaseChainGrain")]
public sealed class BaseChainGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.BaseChain;
}
