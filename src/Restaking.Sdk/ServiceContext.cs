using Restaking.Domain.Services;

namespace Restaking.Sdk;

/// <summary>
/// A service as its kind sees it while handling one input, and its outbox. What it sends is caused by that input (events
/// carry the input's cause and one more hop of depth) and reaches its targets in the next cascade round, on every engine alike.
/// </summary>
public sealed class ServiceContext
{
    private readonly ServiceHost host;
    private string[]? operatorIds;

    internal ServiceContext(ServiceHost host) => this.host = host;

    private ServiceState State => host.Service;

    /// <summary>The service's id.</summary>
    public string Id => State.Profile.Id;

    /// <summary>The current tick.</summary>
    public int Tick => host.Tick;

    /// <summary>The fault (or start-of-run event) the input descends from.</summary>
    public string Cause => host.Cause;

    /// <summary>The token the service wraps (<c>"wraps"</c>), if any.</summary>
    public string? Wraps => State.Profile.Wraps;

    /// <summary>The service's params, as its kind's <see cref="ServiceKind.ReadParams"/> returned them.</summary>
    public T Params<T>() => State.Profile.Params is T value ? value : throw new InvalidOperationException($"service '{Id}' has no params of type {typeof(T).Name}");

    /// <summary>Ids of the operators securing the service, in index order.</summary>
    public IReadOnlyList<string> Operators => operatorIds ??= State.Operators.Select(host.OperatorId).ToArray();

    /// <summary>The stake an operator last reported securing the service with, in gwei (0 if it does not secure it).</summary>
    public long SecuringStakeGwei(string operatorId) => State.SecuringStakeOf(IndexOf(operatorId));

    /// <summary>σ: all stake securing the service, in gwei.</summary>
    public long TotalSecuringStakeGwei => State.SecuringStakeGwei;

    /// <summary>Whether the service has been corrupted or exploited.</summary>
    public bool Compromised => State.Compromised;

    /// <summary>Its value at risk not yet lost, in gwei.</summary>
    public long ValueAtRiskGwei => State.RemainingValueAtRiskGwei;

    /// <summary>α now (WAD).</summary>
    public long AttackThresholdWad => State.AttackThresholdWad;

    /// <summary>Its slash fraction for safety faults (WAD).</summary>
    public long SlashFractionWad => State.SlashFractionWad;

    /// <summary>Its slash fraction for liveness faults (WAD; 0: none).</summary>
    public long LivenessSlashWad => State.LivenessSlashWad;

    /// <summary>Sends a slashing request for <paramref name="fractionWad"/> of the stake <paramref name="operatorId"/> secures the
    /// service with, through its slasher (a veto slasher may hold or veto it). <paramref name="liveness"/> files it as an outage,
    /// otherwise as a safety fault (equivocation).</summary>
    public void Slash(string operatorId, long fractionWad, bool liveness = false) => host.Slash(IndexOf(operatorId), fractionWad, liveness);

    /// <summary>Liveness-slashes each of <paramref name="operatorIds"/> by the service's liveness fraction (nothing if it is 0).</summary>
    public void LivenessSlash(IEnumerable<string> operatorIds)
    {
        if (LivenessSlashWad == 0) return;
        foreach (var op in operatorIds) host.Slash(IndexOf(op), LivenessSlashWad, liveness: true);
    }

    /// <summary>The token loses <paramref name="amountGwei"/> of backing (what a drained bridge does to what it wraps).</summary>
    public void DrainBacking(string token, long amountGwei) => host.DrainBacking(token, amountGwei);

    /// <summary>The token's price drops by <paramref name="fractionWad"/>, as a token-price-shock fault would.</summary>
    public void ShockPrice(string token, long fractionWad) => host.ShockPrice(token, fractionWad);

    /// <summary>Halts (or, with false, resumes) the token's redemptions: its queue stops paying, holders leaving sell into its market.</summary>
    public void HaltRedemptions(string token, bool halted = true) => host.HaltRedemptions(token, halted);

    /// <summary>Reports <paramref name="priceWad"/> as the collateral price to every lending market reading this service
    /// (<c>"oracleService"</c>); they read it instead of the token's price from then on and liquidate at it.</summary>
    public void ReportPrice(long priceWad) => host.ReportPrice(priceWad);

    /// <summary>Changes the service's value at risk (π, before losses) and/or α; the adversary learns of it.</summary>
    public void SetTerms(long? valueAtRiskGwei = null, long? attackThresholdWad = null) => host.SetTerms(valueAtRiskGwei, attackThresholdWad);

    private int IndexOf(string operatorId)
    {
        var ids = Operators;
        for (int i = 0; i < ids.Count; i++)
            if (ids[i] == operatorId) return State.Operators[i];
        throw new ArgumentException($"operator '{operatorId}' does not secure service '{Id}'", nameof(operatorId));
    }
}
