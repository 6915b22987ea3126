using Restaking.Domain.Units;

namespace Restaking.Domain.Rewards;

/// <summary>
/// Where a gross reward goes: operator = ⌊gross × commission⌋, issuer = ⌊(gross − operator) × issuer fee⌋,
/// staker = gross − operator − issuer. The parts sum to the gross exactly; both fees round down, so the staker
/// takes the rounding dust (at most 2 gwei per split). The issuer's fee is on what the operator leaves because the
/// issuer is the EigenLayer staker of an LRT: it receives the post-commission reward and charges its fee on that.
/// </summary>
public sealed record RewardSplit(long GrossGwei, long OperatorGwei, long IssuerGwei, long StakerGwei)
{
    public static RewardSplit Zero { get; } = new(0, 0, 0, 0);

    /// <summary>Everything that did not reach the staker.</summary>
    public long FeesGwei => OperatorGwei + IssuerGwei;

    public static RewardSplit Of(long grossGwei, RewardFees fees)
    {
        var (toOperator, toIssuer) = Cuts(grossGwei, fees);
        return new RewardSplit(grossGwei, toOperator, toIssuer, grossGwei - toOperator - toIssuer);
    }

    /// <summary>What reaches the staker, <see cref="Of"/>'s <see cref="StakerGwei"/> without building the split (a million
    /// stakers' summary asks it for each).</summary>
    public static long StakerPartOf(long grossGwei, RewardFees fees)
    {
        var (toOperator, toIssuer) = Cuts(grossGwei, fees);
        return grossGwei - toOperator - toIssuer;
    }

    private static (long Operator, long Issuer) Cuts(long grossGwei, RewardFees fees)
    {
        if (grossGwei < 0) throw new ArgumentOutOfRangeException(nameof(grossGwei), "a reward is never negative");
        long toOperator = Wad.Mul(grossGwei, fees.OperatorCommissionWad, Rounding.Down);
        return (toOperator, Wad.Mul(grossGwei - toOperator, fees.IssuerFeeWad, Rounding.Down));
    }

    /// <summary>Part by part sum of two splits (of two periods or two services).</summary>
    public RewardSplit Plus(RewardSplit other) =>
        new(checked(GrossGwei + other.GrossGwei), checked(OperatorGwei + other.OperatorGwei),
            checked(IssuerGwei + other.IssuerGwei), checked(StakerGwei + other.StakerGwei));
}
