using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Services;

/// <summary>
/// The low-level hook a kind of service (AVS) plugs into the cascade: its defaults, its <c>params</c>, its own fault types
/// and the per-service logic (<see cref="ServiceLogic"/>) its <see cref="ServiceState"/> calls. Plug-in authors do not
/// implement this: they derive from <c>Restaking.Sdk.ServiceKind</c>, which adapts to it (docs/plugins.md). Domain knows
/// no kind by name; bridge, oracle and DA layer are SDK kinds of their own assembly, registered like any plug-in.
/// </summary>
public abstract class ServiceBehaviour
{
    /// <summary>The name scenario files use in <c>"kind"</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>α: the share of securing stake an attacker must control (WAD).</summary>
    public abstract long DefaultAttackThresholdWad { get; }

    /// <summary>Share of securing stake slashed for a proven safety fault (equivocation, malicious signing).</summary>
    public abstract long DefaultSlashFractionWad { get; }

    /// <summary>Share slashed for a liveness fault (an outage); zero when the service does not slash for liveness.</summary>
    public abstract long DefaultLivenessSlashWad { get; }

    /// <summary>The property names its services' <c>params</c> object may hold (empty: it takes none).</summary>
    public virtual IReadOnlyCollection<string> ParamNames => [];

    /// <summary>Reads and checks one service's <c>params</c> (called also when the object is absent, with no fields);
    /// errors go through <paramref name="reader"/>. Returns what <see cref="CreateLogic"/> gets as <see cref="ServiceProfile.Params"/>.</summary>
    public virtual object? ReadParams(ScenarioFieldReader reader) => null;

    /// <summary>Fault types of its own (names in <c>faults[].type</c>), with the fields each takes besides id, tick, type, service.</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyCollection<string>> FaultTypes { get; } =
        new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);

    /// <summary>Reads and checks one of its faults' own fields; the result reaches the service as <see cref="ServiceInput.Fault"/>.</summary>
    public virtual object? ReadFault(string type, ScenarioFieldReader reader) => null;

    /// <summary>True when its services want a wake-up every tick (<see cref="ServiceInput.Tick"/>). False by default: services
    /// that do not care cost nothing per tick.</summary>
    public virtual bool WantsTicks => false;

    /// <summary>Tokens (ids) whose price changes a service of this kind hears (<see cref="ServiceInput.TokenPrice"/>).</summary>
    public virtual IEnumerable<string> WatchedTokens(ServiceProfile service) => [];

    /// <summary>The per-service logic, created when a run's world is built (one per service, so it may keep state).</summary>
    public virtual ServiceLogic CreateLogic(ServiceProfile service) => ServiceLogic.Inert;

    /// <summary>Timeline columns of its own (appended after the core columns only when a scenario uses the kind).</summary>
    public virtual IReadOnlyList<string> TimelineColumns => [];
}

/// <summary>The static facts of one service that kinds may read. <see cref="Params"/> is what the kind's
/// <see cref="ServiceBehaviour.ReadParams"/> returned for it.</summary>
public sealed record ServiceProfile(string Id, string Kind, long ValueAtRiskGwei, string? Wraps)
{
    public object? Params { get; init; }
}

/// <summary>
/// One service's kind-specific logic. <see cref="ServiceState"/> does what every service does (slashing for equivocation,
/// rogue slashing, outages, attacks, bridge drains, veto slashers, securing-stake bookkeeping) and then passes each input
/// here; everything the logic does goes through <see cref="ServiceHost"/>, i.e. through the cascade outbox.
/// </summary>
public abstract class ServiceLogic
{
    /// <summary>A logic that does nothing (kinds with defaults only).</summary>
    public static readonly ServiceLogic Inert = new InertLogic();

    /// <summary>Called for every input, after the core handling of it.</summary>
    public virtual void OnInput(ServiceHost host, ServiceInput input) { }

    /// <summary>The kind's own state, in a checkpoint (nothing by default).</summary>
    public virtual void Save(CheckpointWriter writer) { }

    public virtual void Restore(CheckpointReader reader) { }

    /// <summary>Its figures for its kind's timeline columns (<see cref="ServiceBehaviour.TimelineColumns"/>), one per column,
    /// summed over the kind's services.</summary>
    public virtual long[] Figures => [];

    private sealed class InertLogic : ServiceLogic;
}

/// <summary>What a service received, as its kind's logic sees it.</summary>
public abstract record ServiceInput
{
    /// <summary>An operator's stake securing the service changed (now <see cref="StakeGwei"/>).</summary>
    public sealed record StakeChanged(int Operator, long StakeGwei) : ServiceInput;
    /// <summary>The service was corrupted or exploited and lost <see cref="LostGwei"/> of its value at risk.</summary>
    public sealed record Compromised(long LostGwei, bool ByAttack) : ServiceInput;
    /// <summary>A watched token's price or NAV moved.</summary>
    public sealed record TokenPrice(string Token, long PriceWad, long NavWad) : ServiceInput;
    /// <summary>A new tick began (only for kinds that want ticks).</summary>
    public sealed record Tick(int Number) : ServiceInput;
    /// <summary>One of the kind's own faults struck the service; <see cref="Data"/> is what its reader returned.</summary>
    public sealed record Fault(string Type, string Id, object? Data) : ServiceInput;
}
