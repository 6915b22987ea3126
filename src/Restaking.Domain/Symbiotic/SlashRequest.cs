namespace Restaking.Domain.Symbiotic;

/// <summary>
/// One pending slash of a <see cref="VetoSlasher"/> (IVetoSlasher.SlashRequest). <see cref="Amount"/> is already
/// capped at the slashable stake when requested; execution caps it again. <see cref="Completed"/> is the source's one
/// flag for "executed or vetoed"; <see cref="Vetoed"/> tells the two apart (ours, for reporting).
/// </summary>
public sealed class SlashRequest(string network, string @operator, long amount, long captureTimestamp, long vetoDeadline)
{
    public string Network { get; } = network;

    public string Operator { get; } = @operator;

    public long Amount { get; } = amount;

    public long CaptureTimestamp { get; } = captureTimestamp;

    /// <summary>Request time + vetoDuration: the resolver may veto strictly before it, execution may happen from it on.</summary>
    public long VetoDeadline { get; } = vetoDeadline;

    public bool Completed { get; internal set; }

    public bool Vetoed { get; internal set; }
}
