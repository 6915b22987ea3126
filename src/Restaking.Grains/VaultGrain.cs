using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Symbiotic;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A Symbiotic vault shared by several operators: applies the slashes its operators forward, pro rata over the
/// collateral, and tells each operator its new pools and stakes (<see cref="SymbioticVaultState"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(VaultGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(VaultGrain))]
public sealed class VaultGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), IVaultGrain
{
    private SymbioticVaultState State => (SymbioticVaultState)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) =>
        EntityRef.Vault(run.Spec.VaultIndex[entityId]);

    protected override EntityFigures Figures => default;

    public Task<long> GetActiveStake() => Task.FromResult(State.ActiveStake);
}
