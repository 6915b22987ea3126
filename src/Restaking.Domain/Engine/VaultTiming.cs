using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Symbiotic vault epochs on the tick clock: epoch e of a vault with epoch duration E covers ticks [e·E, (e + 1)·E).
/// A withdrawal requested in epoch e waits in withdrawals[e + 1] and is claimable once that epoch ends (Vault.claim:
/// epoch &lt; currentEpoch), i.e. at the start of tick (e + 2)·E. Epochs are static, so the due ticks follow from the
/// scenario's faults alone, as for <see cref="EigenLayerTiming"/>: the schedule wakes exactly those vaults at those ticks.
/// </summary>
public static class VaultTiming
{
    /// <summary>The vault a vault-withdrawal or vault-limit fault names.</summary>
    public static EntityRef VaultOf(FaultSpec fault, WorldSpec world) =>
        EntityRef.Vault(world.VaultIndex[fault.Vault!]);

    /// <summary>The tick at which the withdrawal of a fault at <paramref name="tick"/> becomes claimable: (⌊tick / E⌋ + 2)·E.</summary>
    public static long ClaimableTick(int tick, int epochTicks) => (tick / epochTicks + 2L) * epochTicks;

    /// <summary>The wake-ups of <paramref name="tick"/>, in fault order: the vault of every vault-withdrawal whose epoch ends.</summary>
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> DueAt(int tick, WorldSpec world)
    {
        foreach (var fault in world.Scenario.Faults)
        {
            if (fault.Type != FaultType.VaultWithdrawal) continue;
            var vault = VaultOf(fault, world);
            if (ClaimableTick(fault.Tick, world.Scenario.Vaults[vault.Index].EpochTicksOn(world.Scenario.Ticks)) == tick)
                yield return (vault, new TickDue(fault.Id));
        }
    }
}
