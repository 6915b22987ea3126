namespace Restaking.Domain.Rewards;

/// <summary>
/// One service a staker's operator secures during a period. The service pays <see cref="Rate"/> on the stake
/// securing it (<see cref="SecuringStakeGwei"/>: all of the operator's stake when pooled, its allocated magnitude of
/// it under unique stake), that reward goes to the operator's delegation, and each staker is attributed its pro-rata
/// share: its stake / <see cref="OperatorStakeGwei"/> — as EigenLayer's rewards calculation weighs each staker by its
/// shares in the operator (RewardsCoordinator docs: "the relative stake weight of each Operator's Stakers").
/// </summary>
public sealed record ServiceExposure
{
    public ServiceExposure(string serviceId, RewardRate rate, long securingStakeGwei, long operatorStakeGwei, RewardFees fees)
    {
        if (operatorStakeGwei <= 0) throw new ArgumentOutOfRangeException(nameof(operatorStakeGwei), "an operator with a staker has stake");
        if (securingStakeGwei < 0 || securingStakeGwei > operatorStakeGwei)
            throw new ArgumentOutOfRangeException(nameof(securingStakeGwei), "an operator secures a service with at most all of its stake");
        ServiceId = serviceId;
        Rate = rate;
        SecuringStakeGwei = securingStakeGwei;
        OperatorStakeGwei = operatorStakeGwei;
        Fees = fees;
    }

    public string ServiceId { get; }
    public RewardRate Rate { get; }
    public long SecuringStakeGwei { get; }
    public long OperatorStakeGwei { get; }
    public RewardFees Fees { get; }

    /// <summary>
    /// The gross reward attributed to a staker holding <paramref name="stakerStakeGwei"/> of the operator's stake:
    /// first what the service pays the operator's delegation, ⌊securing × rate × seconds / year⌋, then the staker's
    /// share of it, ⌊that × staker / operator⌋ (two roundings down, in the order the reward is paid out).
    /// </summary>
    public long GrossRewardFor(long stakerStakeGwei, long seconds)
    {
        if (stakerStakeGwei < 0 || stakerStakeGwei > OperatorStakeGwei)
            throw new ArgumentOutOfRangeException(nameof(stakerStakeGwei), "a staker holds at most all of its operator's stake");
        long toDelegation = Rate.Accrue(SecuringStakeGwei, seconds);
        return (long)((Int128)toDelegation * stakerStakeGwei / OperatorStakeGwei);
    }
}
