namespace Restaking.Domain.Symbiotic;

/// <summary>
/// OperatorSpecificDelegator (src/contracts/delegator/OperatorSpecificDelegator.sol): the whole vault backs one
/// operator, restaked across networks up to each network's limit: stake = min(activeStake, networkLimit) for
/// that operator (<c>_stake</c>), 0 for any other.
/// </summary>
public sealed class OperatorSpecificDelegator(string @operator) : Delegator
{
    /// <summary>The one operator this vault delegates to.</summary>
    public string Operator { get; } = @operator;

    /// <inheritdoc/>
    public override long Stake(string network, string @operator, long activeStake) =>
        @operator != Operator ? 0 : Math.Min(activeStake, NetworkLimit(network));

    /// <inheritdoc/>
    public override long StakeAt(string network, string @operator, long activeStakeAt, long timestamp) =>
        @operator != Operator ? 0 : Math.Min(activeStakeAt, NetworkLimitAt(network, timestamp));
}
