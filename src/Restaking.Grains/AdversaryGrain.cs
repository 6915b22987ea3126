using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>The rational attacker (DR24): watches stake notices and attacks services whose corruption pays
/// (<see cref="Domain.Adversary.RationalAdversary"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.AdversaryGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.AdversaryGrain")]
public sealed class AdversaryGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.Adversary;
}
