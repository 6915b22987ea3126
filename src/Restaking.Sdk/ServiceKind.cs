namespace Restaking.Sdk;

/// <summary>
/// A kind of service (AVS) — what a scenario names in <c>"kind"</c>. Derive from it in your own assembly, give it a public
/// parameterless constructor, and load the assembly with <c>--plugin PATH.dll</c> or a scenario's <c>"plugins"</c> list
/// (docs/plugins.md). The simulator creates one <see cref="ServiceInstance"/> per service of the kind and calls it for what
/// the service receives; everything it does goes through the same cascade outbox as the core's own messages.
/// </summary>
public abstract class ServiceKind
{
    /// <summary>The name scenario files use in <c>"kind"</c> (e.g. <c>"sequencer"</c>). Must be unique among loaded kinds.</summary>
    public abstract string Name { get; }

    /// <summary>α: the share of its securing stake an attacker must control to corrupt a service of this kind (WAD, see
    /// <see cref="Fractions"/>). A scenario's <c>"attackThreshold"</c> overrides it per service.</summary>
    public abstract long DefaultAttackThresholdWad { get; }

    /// <summary>Share of an operator's securing stake slashed for a proven safety fault (WAD). Overridden by <c>"slashFraction"</c>.</summary>
    public abstract long DefaultSlashFractionWad { get; }

    /// <summary>Share slashed for a liveness fault, e.g. an outage (WAD; 0: no liveness slashing). Overridden by <c>"livenessSlash"</c>.</summary>
    public virtual long DefaultLivenessSlashWad => 0;

    /// <summary>The fields a service's <c>"params"</c> object may hold; any other is reported as an unknown property.</summary>
    public virtual IReadOnlyCollection<string> ParamNames => [];

    /// <summary>
    /// Reads and checks one service's <c>"params"</c> (also called when the service has none, so required fields are
    /// reported). Report problems through <paramref name="reader"/>: each becomes one line
    /// <c>file: $.services[3].params.quorum: message [rule]</c> and the run does not start (exit 2).
    /// The value returned is what <see cref="ServiceContext.Params{T}"/> gives back.
    /// </summary>
    public virtual object? ReadParams(ParamsReader reader) => null;

    /// <summary>Fault types of its own, usable in a scenario's <c>"faults"</c> against a service of this kind.</summary>
    public virtual IReadOnlyList<FaultType> FaultTypes => [];

    /// <summary>True when its services want <see cref="ServiceInstance.OnTick"/> every tick. False by default, so services that
    /// do not care cost nothing per tick.</summary>
    public virtual bool WantsTicks => false;

    /// <summary>Ids of the tokens whose price changes a service hears (<see cref="ServiceInstance.OnTokenPrice"/>); none by default.</summary>
    public virtual IEnumerable<string> WatchedTokens(ServiceInfo service) => [];

    /// <summary>Creates the logic of one service of this kind when a run starts (one object per service: it may keep state,
    /// which it must then save in <see cref="ServiceInstance.SaveState"/>).</summary>
    public virtual ServiceInstance CreateService(ServiceInfo service) => new();

    /// <summary>Timeline columns of its own: appended to timeline.csv, summed over the kind's services
    /// (<see cref="ServiceInstance.Figures"/>), only in runs of scenarios that use the kind.</summary>
    public virtual IReadOnlyList<string> TimelineColumns => [];

    /// <summary>Its own grain class (a <c>Restaking.Grains.Services.ServiceGrain</c> subclass in the plug-in, compiled with
    /// Microsoft.Orleans.Sdk) so the dashboard shows its traffic apart; null: the generic service grain hosts it.</summary>
    public virtual Type? GrainClass => null;
}

/// <summary>A fault type of a kind's own: its name in <c>faults[].type</c>, the fields it takes besides <c>id</c>, <c>tick</c>,
/// <c>type</c> and <c>service</c> (the service of the kind it strikes), and how to read them.</summary>
/// <param name="Name">The <c>"type"</c> scenario files use, e.g. <c>"censorship"</c>; it must not be a core fault type.</param>
/// <param name="Fields">Its own fields.</param>
/// <param name="Read">Reads and checks its fields; the result reaches <see cref="ServiceInstance.OnFault"/>.</param>
public sealed record FaultType(string Name, IReadOnlyCollection<string> Fields, Func<ParamsReader, object?> Read);

/// <summary>What a kind knows of one service when it creates its logic.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="Kind">Its kind's name.</param>
/// <param name="ValueAtRiskGwei">π from the scenario: what corrupting it pays, in gwei.</param>
/// <param name="Wraps">The token it wraps (<c>"wraps"</c>), if any.</param>
/// <param name="Params">What <see cref="ServiceKind.ReadParams"/> returned for it.</param>
public sealed record ServiceInfo(string Id, string Kind, long ValueAtRiskGwei, string? Wraps, object? Params)
{
    /// <summary>The params as the type <see cref="ServiceKind.ReadParams"/> returned.</summary>
    public T ParamsAs<T>() => Params is T value ? value : throw new InvalidOperationException($"service '{Id}' has no params of type {typeof(T).Name}");
}

/// <summary>WAD fractions (1e18 = 100 %): the simulator's exact unit for shares, prices (ETH per token) and rates.</summary>
public static class Fractions
{
    /// <summary>1 as a WAD (100 %).</summary>
    public const long One = Restaking.Domain.Units.Wad.One;

    /// <summary>A decimal fraction as a WAD, exactly (at most 18 decimals).</summary>
    public static long Of(decimal fraction) => checked((long)(fraction * One));

    /// <summary><paramref name="amount"/> × <paramref name="fractionWad"/>, rounded down, without overflow.</summary>
    public static long Mul(long amount, long fractionWad) => Restaking.Domain.Units.Wad.Mul(amount, fractionWad, Restaking.Domain.Units.Rounding.Down);
}
