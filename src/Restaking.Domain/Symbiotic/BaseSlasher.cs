namespace Restaking.Domain.Symbiotic;

/// <summary>
/// What every Symbiotic slasher shares (src/contracts/slasher/BaseSlasher.sol): how much of an operator's stake a
/// network may still slash for a capture timestamp, and the bookkeeping of an executed slash.
/// <para>
/// <c>_slashableStake</c>: nothing when the capture is older than one vault epoch (captureTimestamp &lt; now − epochDuration),
/// not yet in the past (≥ now), or older than the latest capture already slashed for the pair. Otherwise the stake at
/// the capture (delegator <c>stakeAt</c>, on the vault's active stake at the capture) minus what was slashed for the
/// pair after the capture: slashable = stakeAt − min(cumulativeSlash − cumulativeSlashAt(capture), stakeAt).
/// So two slashes of the same capture share one stake, and a later capture starts from a stake that already shows the
/// earlier slash.
/// </para>
/// Who may call (network middleware) and the burner and delegator hooks are not modelled.
/// </summary>
public abstract class BaseSlasher
{
    private readonly SlashLedger ledger = new();

    protected BaseSlasher(Vault vault, Delegator delegator)
    {
        Vault = vault;
        Delegator = delegator;
    }

    public Vault Vault { get; }

    public Delegator Delegator { get; }

    /// <summary><c>cumulativeSlash(network, operator)</c>: everything slashed from the pair so far.</summary>
    public long CumulativeSlash(string network, string @operator) => ledger.CumulativeSlash(network, @operator);

    /// <summary><c>cumulativeSlashAt(network, operator, t)</c>: what had been slashed by <paramref name="timestamp"/>.</summary>
    public long CumulativeSlashAt(string network, string @operator, long timestamp) => ledger.CumulativeSlashAt(network, @operator, timestamp);

    /// <summary><c>latestSlashedCaptureTimestamp[network][operator]</c>; captures before it can no longer be slashed.</summary>
    public long LatestSlashedCaptureTimestamp(string network, string @operator) => ledger.LatestSlashedCaptureTimestamp(network, @operator);

    /// <summary><c>slashableStake(network, operator, captureTimestamp)</c> at time <paramref name="now"/>.</summary>
    public long SlashableStake(string network, string @operator, long captureTimestamp, long now) =>
        SlashableAndStakeAt(network, @operator, captureTimestamp, now).Slashable;

    /// <summary><c>_slashableStake</c> (<see cref="SlashLedger.Slashable"/>): the slashable stake and the stake at the capture it
    /// was computed from, the delegator's stakeAt on the vault's active stake at the capture.</summary>
    protected (long Slashable, long StakeAt) SlashableAndStakeAt(string network, string @operator, long captureTimestamp, long now) =>
        ledger.Slashable(network, @operator, captureTimestamp, now, Vault.EpochDuration,
            () => Delegator.StakeAt(network, @operator, Vault.ActiveStakeAt(captureTimestamp), captureTimestamp));

    /// <summary>
    /// The common tail of Slasher.slash and VetoSlasher.executeSlash: raise the latest slashed capture, add the amount to
    /// the pair's cumulative slash, then <c>vault.onSlash(amount, captureTimestamp)</c>. The vault caps again at its
    /// own slashable stake; the slasher's cumulative slash records the uncapped amount, as in the source.
    /// </summary>
    protected ExecutedSlash Execute(
        string network, string @operator, long slashedAmount, long captureTimestamp, long slashableStake, long stakeAt, long now)
    {
        ledger.Record(network, @operator, slashedAmount, captureTimestamp, now);
        var vaultSlash = Vault.Slash(slashedAmount, captureTimestamp, now);
        return new ExecutedSlash(network, @operator, captureTimestamp, stakeAt, slashableStake, slashedAmount, vaultSlash);
    }
}

/// <summary>
/// One executed slash: the operator's stake for the network at the capture, what was still slashable of it, the
/// amount the slasher took (<see cref="Slashed"/>) and how the vault split it between active stake and withdrawals.
/// </summary>
public sealed record ExecutedSlash(
    string Network,
    string Operator,
    long CaptureTimestamp,
    long StakeAt,
    long SlashableStake,
    long Slashed,
    VaultSlash Vault);
