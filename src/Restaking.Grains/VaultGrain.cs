using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A Symbiotic vault shared by several operators: applies the slashes its operators forward, pro rata over the
/// collateral, and tells each operator its new pools and stakes (<see cref="Domain.Symbiotic.SymbioticVaultState"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.VaultGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.VaultGrain")]
public sealed class VaultGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.Vault;
}
