using Restaking.Contracts;
using Restaking.Domain.Adversary;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>The rational attacker (DR24): watches stake notices and attacks services whose corruption pays
/// (<see cref="RationalAdversary"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(AdversaryGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(AdversaryGrain))]
public sealed class AdversaryGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), IAdversaryGrain
{
    private RationalAdversary State => (RationalAdversary)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) => EntityRef.Adversary;

    protected override EntityFigures Figures => default;

    public Task<IReadOnlyList<KeyValuePair<string, int>>> GetSearchesByMethod() =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, int>>>(State.Searches.ToList());
}
