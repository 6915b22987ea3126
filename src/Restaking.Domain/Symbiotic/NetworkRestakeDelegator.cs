using Restaking.Domain.Units;

namespace Restaking.Domain.Symbiotic;

/// <summary>
/// NetworkRestakeDelegator (src/contracts/delegator/NetworkRestakeDelegator.sol): the same collateral is restaked
/// across networks (each gets up to its network limit), and within one network the operators split it by shares:
/// stake = ⌊operatorNetworkShares × min(activeStake, networkLimit) / totalOperatorNetworkShares⌋ (<c>_stake</c>,
/// Math.mulDiv rounds down), 0 when the network has no shares.
/// </summary>
public sealed class NetworkRestakeDelegator : Delegator
{
    private readonly Dictionary<string, CheckpointTrace<long>> totalOperatorNetworkShares = [];
    private readonly Dictionary<(string Network, string Operator), CheckpointTrace<long>> operatorNetworkShares = [];

    public long OperatorNetworkShares(string network, string @operator) => LatestOf(operatorNetworkShares, (network, @operator));

    public long TotalOperatorNetworkShares(string network) => LatestOf(totalOperatorNetworkShares, network);

    /// <summary><c>setOperatorNetworkShares</c>: replaces the operator's shares and moves the network's total by the difference.</summary>
    public void SetOperatorNetworkShares(string network, string @operator, long shares, long now)
    {
        if (shares < 0) throw new ArgumentOutOfRangeException(nameof(shares));
        long previous = OperatorNetworkShares(network, @operator);
        Trace(totalOperatorNetworkShares, network).Push(now, TotalOperatorNetworkShares(network) - previous + shares);
        Trace(operatorNetworkShares, (network, @operator)).Push(now, shares);
    }

    /// <inheritdoc/>
    public override long Stake(string network, string @operator, long activeStake) =>
        Share(OperatorNetworkShares(network, @operator), TotalOperatorNetworkShares(network), activeStake, NetworkLimit(network));

    /// <inheritdoc/>
    public override long StakeAt(string network, string @operator, long activeStakeAt, long timestamp) =>
        Share(
            At(operatorNetworkShares, (network, @operator), timestamp),
            At(totalOperatorNetworkShares, network, timestamp),
            activeStakeAt,
            NetworkLimitAt(network, timestamp));

    /// <summary>⌊shares × min(activeStake, networkLimit) / totalShares⌋; 0 when the network has no shares
    /// (NetworkRestakeDelegator._stakeAt). The engine's operator-specific vaults call it with one share of one.</summary>
    public static long Share(long shares, long totalShares, long activeStake, long networkLimit) =>
        totalShares == 0 ? 0 : Wad.MulDiv(shares, Math.Min(activeStake, networkLimit), totalShares, Rounding.Down);
}
