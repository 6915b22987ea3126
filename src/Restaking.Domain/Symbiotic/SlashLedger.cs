namespace Restaking.Domain.Symbiotic;

/// <summary>
/// What a Symbiotic slasher remembers of the slashes it executed, per (network, operator) pair
/// (src/contracts/slasher/BaseSlasher.sol: <c>cumulativeSlash</c> checkpointed in time, <c>latestSlashedCaptureTimestamp</c>),
/// and the rule that reads it, <c>_slashableStake</c>. <see cref="BaseSlasher"/> keeps one; a shared vault in the engine
/// (<see cref="SymbioticVaultState"/>) keeps one for the slashes that reach its collateral, so both measure a capture alike.
/// </summary>
public sealed class SlashLedger
{
    /// <summary>Pairs in ordinal order, so a checkpoint's bytes do not depend on the culture.</summary>
    private static readonly Comparer<(string Network, string Operator)> Ordinal = Comparer<(string Network, string Operator)>.Create((a, b) =>
        string.CompareOrdinal(a.Network, b.Network) is var c and not 0 ? c : string.CompareOrdinal(a.Operator, b.Operator));

    private readonly SortedDictionary<(string Network, string Operator), CheckpointTrace<long>> cumulativeSlash = new(Ordinal);
    private readonly Dictionary<(string Network, string Operator), long> latestSlashedCaptureTimestamp = [];

    /// <summary><c>cumulativeSlash(network, operator)</c>: everything slashed from the pair so far.</summary>
    public long CumulativeSlash(string network, string @operator) =>
        cumulativeSlash.TryGetValue((network, @operator), out var t) ? t.Latest : 0;

    /// <summary><c>cumulativeSlashAt(network, operator, t)</c>: what had been slashed by <paramref name="timestamp"/>.</summary>
    public long CumulativeSlashAt(string network, string @operator, long timestamp) =>
        cumulativeSlash.TryGetValue((network, @operator), out var t) ? t.UpperLookupRecent(timestamp) : 0;

    /// <summary><c>latestSlashedCaptureTimestamp[network][operator]</c>; captures before it can no longer be slashed.</summary>
    public long LatestSlashedCaptureTimestamp(string network, string @operator) =>
        latestSlashedCaptureTimestamp.GetValueOrDefault((network, @operator));

    /// <summary>
    /// <c>executeSlash</c>'s SlashPeriodEnded (VetoSlasher.sol: <c>Time.timestamp() - captureTimestamp &gt; epochDuration</c>): a
    /// capture older than one vault epoch can no longer be slashed (<see cref="Slashable"/> gives 0 for it too).
    /// </summary>
    public static bool SlashPeriodEnded(long captureTimestamp, long now, long epochDuration) => now - captureTimestamp > epochDuration;

    /// <summary>
    /// <c>_slashableStake</c>: nothing when the capture is older than one vault epoch (captureTimestamp &lt; now − epochDuration),
    /// not yet in the past (≥ now), or older than the latest capture already slashed for the pair. Otherwise the stake at the
    /// capture (<paramref name="stakeAtCapture"/>, asked only then: the delegator's <c>stakeAt</c> on the vault's active stake at
    /// the capture) minus what was slashed for the pair after the capture: stakeAt − min(cumulativeSlash − cumulativeSlashAt(capture), stakeAt).
    /// </summary>
    public (long Slashable, long StakeAt) Slashable(string network, string @operator, long captureTimestamp, long now, long epochDuration,
        Func<long> stakeAtCapture)
    {
        if (captureTimestamp < now - epochDuration || captureTimestamp >= now
            || captureTimestamp < LatestSlashedCaptureTimestamp(network, @operator))
            return (0, 0);
        long stakeAt = stakeAtCapture();
        long slashedSinceCapture = CumulativeSlash(network, @operator) - CumulativeSlashAt(network, @operator, captureTimestamp);
        return (stakeAt - Math.Min(slashedSinceCapture, stakeAt), stakeAt);
    }

    /// <summary>BaseSlasher's bookkeeping of an executed slash: raise the latest slashed capture, add the amount to the pair's
    /// cumulative slash at <paramref name="now"/>.</summary>
    public void Record(string network, string @operator, long amount, long captureTimestamp, long now)
    {
        var key = (network, @operator);
        if (LatestSlashedCaptureTimestamp(network, @operator) < captureTimestamp)
            latestSlashedCaptureTimestamp[key] = captureTimestamp;
        if (!cumulativeSlash.TryGetValue(key, out var trace))
            cumulativeSlash[key] = trace = new CheckpointTrace<long>();
        trace.Push(now, trace.Latest + amount);
    }

    /// <summary>Every pair (in key order) with its cumulative-slash checkpoints and its latest slashed capture.</summary>
    public IEnumerable<(string Network, string Operator, IReadOnlyList<(long Key, long Value)> Cumulative, long LatestCapture)> Pairs =>
        cumulativeSlash.Select(p => (p.Key.Network, p.Key.Operator, p.Value.Checkpoints, LatestSlashedCaptureTimestamp(p.Key.Network, p.Key.Operator)));

    /// <summary>Puts back one pair of <see cref="Pairs"/> (into an empty ledger, pairs in any order).</summary>
    public void Restore(string network, string @operator, IEnumerable<(long Key, long Value)> cumulative, long latestCapture)
    {
        var trace = new CheckpointTrace<long>();
        foreach (var (key, value) in cumulative) trace.Push(key, value);
        cumulativeSlash[(network, @operator)] = trace;
        if (latestCapture != 0) latestSlashedCaptureTimestamp[(network, @operator)] = latestCapture;
    }

    /// <summary>Forgets everything (before a restore).</summary>
    public void Clear()
    {
        cumulativeSlash.Clear();
        latestSlashedCaptureTimestamp.Clear();
    }
}
