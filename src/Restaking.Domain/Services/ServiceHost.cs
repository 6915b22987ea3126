using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Services;

/// <summary>Who a service's kind may reach beyond its operators, fixed when the world is built.</summary>
/// <param name="TokenId">A token's id from its index.</param>
/// <param name="LendingMarkets">The lending markets whose oracle is this service, in index order.</param>
/// <param name="Fault">A scenario fault from its index (a plug-in fault's data).</param>
public sealed record ServiceWiring(Func<int, string> TokenId, IReadOnlyList<int> LendingMarkets, Func<int, FaultSpec> Fault)
{
    /// <summary>An operator's id from its index.</summary>
    public Func<int, string> OperatorId { get; init; } = v => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly ServiceWiring None = new(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), [],
        f => throw new InvalidOperationException($"no fault {f}"));
}

/// <summary>
/// What a kind's <see cref="ServiceLogic"/> may read and do while its service handles one input: everything it does goes
/// out through the cascade outbox as the messages every other entity already understands, caused by that input. Nothing is
/// dropped: each method either sends, records or throws.
/// </summary>
public sealed class ServiceHost
{
    private readonly ServiceState service;
    private readonly CascadeContext context;
    private readonly CascadeMessage cause;

    internal ServiceHost(ServiceState service, CascadeContext context, CascadeMessage cause)
    {
        this.service = service;
        this.context = context;
        this.cause = cause;
    }

    public ServiceState Service => service;

    /// <summary>An operator's id from its index.</summary>
    public string OperatorId(int op) => service.Wiring.OperatorId(op);
    public int Tick => context.Tick;
    /// <summary>The id of the fault (or start-of-run event) this input descends from.</summary>
    public string Cause => cause.Cause;

    /// <summary>Asks operator <paramref name="op"/> to slash <paramref name="fractionWad"/> of the stake securing this service,
    /// through its slasher (a veto slasher may hold it). <paramref name="liveness"/>: an outage-type fault, else a safety fault.</summary>
    public void Slash(int op, long fractionWad, bool liveness) =>
        service.Slash(context, op, fractionWad, liveness ? SlashReason.Outage : SlashReason.Equivocation, cause);

    /// <summary>The token with id <paramref name="token"/> loses <paramref name="amountGwei"/> of backing (a drained bridge).</summary>
    public void DrainBacking(string token, long amountGwei)
    {
        if (amountGwei <= 0) return;
        context.Send(EntityRef.Token(service.TokenIndexOf(token)), new BackingDrained(service.Index, amountGwei, cause.Cause, cause.Depth + 1));
    }

    /// <summary>The token's market price drops by <paramref name="fractionWad"/> (as a token-price-shock fault would).</summary>
    public void ShockPrice(string token, long fractionWad)
    {
        if (fractionWad is <= 0 or > Wad.One) throw new ArgumentOutOfRangeException(nameof(fractionWad), fractionWad, "a price shock is a fraction in (0, 1]");
        context.Send(EntityRef.Token(service.TokenIndexOf(token)), new PriceShock(fractionWad, cause.Cause) { Depth = cause.Depth + 1 });
    }

    /// <summary>Halts (or resumes) the token's redemptions.</summary>
    public void HaltRedemptions(string token, bool halted = true) =>
        context.Send(EntityRef.Token(service.TokenIndexOf(token)), new RedemptionsHalted(service.Index, halted, cause.Cause, cause.Depth + 1));

    /// <summary>Reports <paramref name="priceWad"/> as the collateral price to every lending market reading this service.</summary>
    public void ReportPrice(long priceWad)
    {
        if (priceWad < 0) throw new ArgumentOutOfRangeException(nameof(priceWad), priceWad, "a price is non-negative");
        foreach (int m in service.Wiring.LendingMarkets)
            context.Send(EntityRef.LendingMarket(m), new OraclePriceReported(service.Index, priceWad, cause.Cause, cause.Depth + 1));
    }

    /// <summary>Changes the service's value at risk (π, before losses) or attack threshold (α); the adversary hears of it.</summary>
    public void SetTerms(long? valueAtRiskGwei = null, long? attackThresholdWad = null)
    {
        if (valueAtRiskGwei < 0) throw new ArgumentOutOfRangeException(nameof(valueAtRiskGwei), valueAtRiskGwei, "value at risk is non-negative");
        if (attackThresholdWad is <= 0 or > Wad.One) throw new ArgumentOutOfRangeException(nameof(attackThresholdWad), attackThresholdWad, "α is in (0, 1]");
        service.SetTerms(context, cause, valueAtRiskGwei, attackThresholdWad);
    }
}
