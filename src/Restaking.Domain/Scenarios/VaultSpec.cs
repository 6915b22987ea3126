namespace Restaking.Domain.Scenarios;

/// <summary>A Symbiotic vault's delegator type. JSON: <c>"full-restake"</c> | <c>"network-restake"</c>.</summary>
public enum VaultDelegatorKind
{
    /// <summary>FullRestakeDelegator: stake = min(active, networkLimit, operatorNetworkLimit).</summary>
    FullRestake,
    /// <summary>NetworkRestakeDelegator: stake = min(active, networkLimit) × operatorShares / totalShares.</summary>
    NetworkRestake,
}

/// <summary>
/// A Symbiotic vault curated for several operators (symbioticfi/core: one collateral, one delegator): the collateral
/// delegated to its operators is pooled, so a slash of any of them (by any network) takes collateral that backs every
/// other one. Used only under the two Symbiotic security models; operators in no vault keep a vault of their own.
/// JSON: <c>{ "id": "vault-1", "delegator": "network-restake", "operators": ["op-a", "op-b"],
/// "networkLimits": { "oracle-1": 3000 }, "operatorNetworkLimits": { "op-a": { "oracle-1": 1000 } },
/// "operatorShares": { "op-a": { "oracle-1": 2 }, "op-b": { "oracle-1": 1 } } }</c>.
/// </summary>
public sealed record VaultSpec
{
    public required string Id { get; init; }
    /// <summary>Null: the security model's delegator (symbiotic-full-restake → full restake, symbiotic-network-restake →
    /// network restake), so one file runs under both.</summary>
    public VaultDelegatorKind? Delegator { get; init; }
    /// <summary>Listed operator ids, as in the file.</summary>
    public required IReadOnlyList<string> Operators { get; init; }
    /// <summary>The curator's network limit per service id, in gwei; a service not named gets the default.</summary>
    public IReadOnlyDictionary<string, long> NetworkLimitsGwei { get; init; } = new Dictionary<string, long>();
    /// <summary>Full restake: the limit per (operator id, service id), in gwei; a pair not named is unlimited.</summary>
    public IReadOnlyDictionary<(string Operator, string Service), long> OperatorNetworkLimitsGwei { get; init; } =
        new Dictionary<(string, string), long>();
    /// <summary>Network restake: shares per (operator id, service id). A service named for any operator takes its shares
    /// from the file for every operator (0 when not named, as in the contract); other services get the default.</summary>
    public IReadOnlyDictionary<(string Operator, string Service), long> OperatorShares { get; init; } =
        new Dictionary<(string, string), long>();
    /// <summary>The vault's epoch duration in ticks (VaultStorage.epochDuration); null: <see cref="DefaultEpochSeconds"/>
    /// on the tick clock. Epoch 0 starts at tick 0.</summary>
    public int? EpochTicks { get; init; }

    /// <summary>7 days: the epoch duration of most Symbiotic vaults deployed on mainnet (networks need the stake they capture
    /// to stay slashable for an epoch).</summary>
    public const long DefaultEpochSeconds = 7 * 86_400;

    /// <summary>The epoch duration on <paramref name="ticks"/>: the file's, or 7 days rounded up to whole ticks (at least one).</summary>
    public int EpochTicksOn(TickClock ticks) => EpochTicks ?? Math.Max(1, ticks.DelayTicks(DefaultEpochSeconds));
}
