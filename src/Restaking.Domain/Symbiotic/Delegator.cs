namespace Restaking.Domain.Symbiotic;

/// <summary>
/// How a vault's active stake is handed to (network, operator) pairs (src/contracts/delegator/BaseDelegator.sol).
/// Every delegator keeps per-network limits: the network sets a ceiling (<c>maxNetworkLimit</c>) and the vault's
/// curator sets the limit below it (<c>setNetworkLimit</c>: ExceedsMaxNetworkLimit above the ceiling; lowering the
/// ceiling lowers a limit that is above it, <c>_setMaxNetworkLimit</c>). Limits are kept with their history so that
/// <see cref="StakeAt"/> reads them, like the active stake, at a slash's capture timestamp.
/// "network" stands for the source's subnetwork (network address + identifier). Operator opt-ins
/// (BaseDelegator.stakeAt returns 0 for an operator not opted in to the vault and the network) are not modelled.
/// </summary>
public abstract class Delegator
{
    private readonly Dictionary<string, long> maxNetworkLimit = [];
    private readonly Dictionary<string, CheckpointTrace<long>> networkLimit = [];

    /// <summary><c>maxNetworkLimit[network]</c>: the ceiling the network itself set (0 until it does).</summary>
    public long MaxNetworkLimit(string network) => maxNetworkLimit.GetValueOrDefault(network);

    /// <summary><c>networkLimit(network)</c>: the most stake this vault gives the network now.</summary>
    public long NetworkLimit(string network) => networkLimit.TryGetValue(network, out var t) ? t.Latest : 0;

    /// <summary><c>networkLimitAt(network, t)</c>.</summary>
    public long NetworkLimitAt(string network, long timestamp) =>
        networkLimit.TryGetValue(network, out var t) ? t.UpperLookupRecent(timestamp) : 0;

    /// <summary>BaseDelegator.setMaxNetworkLimit, called by the network; caps an existing network limit above it.</summary>
    public void SetMaxNetworkLimit(string network, long amount, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        maxNetworkLimit[network] = amount;
        if (networkLimit.TryGetValue(network, out var trace) && trace.Latest > amount)
            trace.Push(now, amount);
    }

    /// <summary><c>setNetworkLimit(network, amount)</c>: ExceedsMaxNetworkLimit above the network's ceiling.</summary>
    public void SetNetworkLimit(string network, long amount, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        if (amount > MaxNetworkLimit(network)) throw new SymbioticRevertException("ExceedsMaxNetworkLimit");
        Trace(networkLimit, network).Push(now, amount);
    }

    /// <summary><c>stake(network, operator)</c> (<c>_stake</c>): the operator's stake for the network now, given the
    /// vault's current active stake.</summary>
    public abstract long Stake(string network, string @operator, long activeStake);

    /// <summary><c>stakeAt(network, operator, t)</c> (<c>_stakeAt</c>): the same with every limit and share taken at
    /// <paramref name="timestamp"/>; <paramref name="activeStakeAt"/> must be the vault's active stake at that time
    /// (<see cref="Vault.ActiveStakeAt"/>). This is what a slasher measures a capture against.</summary>
    public abstract long StakeAt(string network, string @operator, long activeStakeAt, long timestamp);

    /// <summary>The history of one key of a per-network (or per network and operator) limit, created empty on first use.</summary>
    protected static CheckpointTrace<long> Trace<TKey>(Dictionary<TKey, CheckpointTrace<long>> traces, TKey key)
        where TKey : notnull
    {
        if (!traces.TryGetValue(key, out var trace))
            traces[key] = trace = new CheckpointTrace<long>();
        return trace;
    }

    /// <summary>Latest value of one key's history, 0 when it was never set.</summary>
    protected static long LatestOf<TKey>(Dictionary<TKey, CheckpointTrace<long>> traces, TKey key) where TKey : notnull =>
        traces.TryGetValue(key, out var t) ? t.Latest : 0;

    /// <summary>Value of one key's history at a timestamp, 0 when it was never set by then.</summary>
    protected static long At<TKey>(Dictionary<TKey, CheckpointTrace<long>> traces, TKey key, long timestamp) where TKey : notnull =>
        traces.TryGetValue(key, out var t) ? t.UpperLookupRecent(timestamp) : 0;
}
