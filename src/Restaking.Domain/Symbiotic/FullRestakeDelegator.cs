namespace Restaking.Domain.Symbiotic;

/// <summary>
/// FullRestakeDelegator (src/contracts/delegator/FullRestakeDelegator.sol): the same collateral backs several
/// operators and several networks in full, each pair only capped by limits:
/// stake = min(activeStake, networkLimit, operatorNetworkLimit) (<c>_stake</c>). The sum of stakes over pairs can
/// exceed the vault, which is the point (and the risk) of full restaking.
/// </summary>
public sealed class FullRestakeDelegator : Delegator
{
    private readonly Dictionary<(string Network, string Operator), CheckpointTrace<long>> operatorNetworkLimit = [];

    public long OperatorNetworkLimit(string network, string @operator) => LatestOf(operatorNetworkLimit, (network, @operator));

    public long OperatorNetworkLimitAt(string network, string @operator, long timestamp) =>
        At(operatorNetworkLimit, (network, @operator), timestamp);

    /// <summary><c>setOperatorNetworkLimit</c> (no ceiling: the network limit already caps the pair).</summary>
    public void SetOperatorNetworkLimit(string network, string @operator, long amount, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        Trace(operatorNetworkLimit, (network, @operator)).Push(now, amount);
    }

    /// <inheritdoc/>
    public override long Stake(string network, string @operator, long activeStake) =>
        Math.Min(activeStake, Math.Min(NetworkLimit(network), OperatorNetworkLimit(network, @operator)));

    /// <inheritdoc/>
    public override long StakeAt(string network, string @operator, long activeStakeAt, long timestamp) =>
        Math.Min(activeStakeAt, Math.Min(NetworkLimitAt(network, timestamp), OperatorNetworkLimitAt(network, @operator, timestamp)));
}
