namespace Restaking.Sdk;

/// <summary>
/// The logic of one service of a <see cref="ServiceKind"/>. The simulator has already done what every service does
/// (slashing for equivocation, outages, rogue slashing; losing its value at risk when attacked or drained; tracking the
/// stake securing it); override what your kind adds. Every method gets a <see cref="ServiceContext"/> to read the service
/// and send through the outbox. Keep it deterministic: no clock, no random, no <c>double</c> in anything that decides an output.
/// </summary>
public class ServiceInstance
{
    /// <summary>The stake an operator secures the service with changed (slashes, withdrawals, deposits, price moves).</summary>
    public virtual void OnStakeChanged(ServiceContext context, string operatorId, long stakeGwei) { }

    /// <summary>The service was corrupted (<paramref name="byAttack"/>: by the adversary's attack) or exploited and lost
    /// <paramref name="lostGwei"/> of its value at risk.</summary>
    public virtual void OnCompromised(ServiceContext context, long lostGwei, bool byAttack) { }

    /// <summary>A watched token's price or NAV moved (<see cref="ServiceKind.WatchedTokens"/>). Prices are WAD, ETH per token.</summary>
    public virtual void OnTokenPrice(ServiceContext context, string token, long priceWad, long navWad) { }

    /// <summary>A tick began (only for kinds with <see cref="ServiceKind.WantsTicks"/>).</summary>
    public virtual void OnTick(ServiceContext context) { }

    /// <summary>One of the kind's own faults struck this service; <paramref name="data"/> is what its reader returned.</summary>
    public virtual void OnFault(ServiceContext context, string type, string faultId, object? data) { }

    /// <summary>Its state for a checkpoint: whatever the instance keeps between calls, as numbers. A run resumed from a
    /// checkpoint calls <see cref="RestoreState"/> with exactly this.</summary>
    public virtual long[] SaveState() => [];

    /// <summary>Restores what <see cref="SaveState"/> returned.</summary>
    public virtual void RestoreState(long[] state) { }

    /// <summary>Its figures for its kind's <see cref="ServiceKind.TimelineColumns"/>, one per column (summed over the kind's services).</summary>
    public virtual long[] Figures => [];
}
