namespace Restaking.Domain.Rewards;

/// <summary>How stakers count in a <see cref="YieldDistribution"/>.</summary>
public enum YieldWeighting
{
    /// <summary>Every staker counts once: "what happened to a typical staker?"</summary>
    PerStaker,

    /// <summary>Every staker counts by its principal at the start (gwei): "what happened to a typical ETH?"</summary>
    ByPrincipal,
}
