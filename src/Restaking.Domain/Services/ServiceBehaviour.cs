using Restaking.Domain.Units;

namespace Restaking.Domain.Services;

/// <summary>
/// What makes a kind of service (AVS) different: how easily it is corrupted, how hard it slashes, and what its
/// corruption does beyond losing its value at risk. Bridge, oracle and DA layer are registered exactly as a
/// third-party plug-in would register a sequencer: implement this and add it to a <see cref="ServiceKindRegistry"/>.
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

    /// <summary>
    /// Consequences of corruption or exploit beyond the loss of <paramref name="lostGwei"/> itself
    /// (e.g. a drained bridge removes backing from the token it wraps).
    /// </summary>
    public virtual IEnumerable<CompromiseEffect> OnCompromised(ServiceProfile service, long lostGwei) => [];
}

/// <summary>The static facts of one service that behaviours may read.</summary>
public sealed record ServiceProfile(string Id, string Kind, long ValueAtRiskGwei, string? Wraps);

/// <summary>Something a compromised service does to the rest of the world.</summary>
public abstract record CompromiseEffect;

/// <summary>The wrapped token loses <see cref="AmountGwei"/> of backing (a drained bridge).</summary>
public sealed record DrainBacking(string Token, long AmountGwei) : CompromiseEffect;

/// <summary>
/// A cross-chain bridge secured by an operator committee. Model choices: α = 2/3 (a BFT committee signs
/// withdrawals with a 2/3 quorum), a proven malicious signature costs the whole securing stake, no liveness slashing.
/// Corruption drains its locked value, which backs the token it wraps (docs/architecture.md, "a drained bridge depegs
/// what it wrapped").
/// </summary>
public sealed class BridgeBehaviour : ServiceBehaviour
{
    public override string Kind => "bridge";
    public override long DefaultAttackThresholdWad => Wad.One * 2 / 3 + 1;
    public override long DefaultSlashFractionWad => Wad.One;
    public override long DefaultLivenessSlashWad => 0;

    public override IEnumerable<CompromiseEffect> OnCompromised(ServiceProfile service, long lostGwei)
    {
        if (service.Wraps is not null && lostGwei > 0) yield return new DrainBacking(service.Wraps, lostGwei);
    }
}

/// <summary>
/// A price oracle reporting a median of operator votes: a majority (α = 1/2) moves the median. Safety slash 50 %,
/// liveness slash 1 % (model choices, documented in docs/models/services-and-faults.md).
/// </summary>
public sealed class OracleBehaviour : ServiceBehaviour
{
    public override string Kind => "oracle";
    public override long DefaultAttackThresholdWad => Wad.One / 2;
    public override long DefaultSlashFractionWad => Wad.One / 2;
    public override long DefaultLivenessSlashWad => Wad.One / 100;
}

/// <summary>
/// A data-availability layer: withholding data needs only the share that prevents reconstruction; EigenDA's
/// default adversary threshold is 33 % (EigenDA docs, security thresholds), so α = 1/3. Safety slash 10 %, liveness 0.5 %.
/// </summary>
public sealed class DataAvailabilityBehaviour : ServiceBehaviour
{
    public override string Kind => "da-layer";
    public override long DefaultAttackThresholdWad => Wad.One / 3;
    public override long DefaultSlashFractionWad => Wad.One / 10;
    public override long DefaultLivenessSlashWad => Wad.One / 200;
}
