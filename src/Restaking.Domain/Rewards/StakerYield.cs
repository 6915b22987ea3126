using System.Numerics;
using Restaking.Domain.Units;

namespace Restaking.Domain.Rewards;

/// <summary>
/// One staker position over a run, and what it really earned. The accounting, all in gwei of ETH value:
/// <code>
///   gain        = (end − start) + gross rewards − fees          (end − start = −losses when nothing else moves the value)
///   realized APY = gain / start × year / elapsed                 (a signed WAD, rounded toward −∞)
/// </code>
/// Rewards are simple (not compounded, see <see cref="Accrual"/>) and counted beside the principal: the principal
/// at the end is the position's value without them.
/// </summary>
public sealed record StakerYield(
    long PrincipalStartGwei,
    long PrincipalEndGwei,
    long ElapsedSeconds,
    long LossesGwei,
    RewardSplit BaseRewards,
    IReadOnlyList<(string ServiceId, RewardSplit Rewards)> ServiceRewards)
{
    /// <summary>Base plus every service, part by part.</summary>
    public RewardSplit TotalRewards => ServiceRewards.Aggregate(BaseRewards, (sum, s) => sum.Plus(s.Rewards));

    /// <summary>Σ service rewards only: the extra that restaking was for.</summary>
    public RewardSplit RestakingRewards => ServiceRewards.Aggregate(RewardSplit.Zero, (sum, s) => sum.Plus(s.Rewards));

    /// <summary>(end − start) + gross − fees, signed.</summary>
    public long GainGwei => Gain(PrincipalStartGwei, PrincipalEndGwei, TotalRewards);

    /// <summary>A position's gain: (end − start) + gross rewards − fees.</summary>
    public static long Gain(long principalStartGwei, long principalEndGwei, RewardSplit rewards) =>
        Gain(principalStartGwei, principalEndGwei, rewards.GrossGwei - rewards.FeesGwei);

    /// <summary>The same with the rewards net of fees (what reached the staker) given as one amount.</summary>
    public static long Gain(long principalStartGwei, long principalEndGwei, long netRewardsGwei) =>
        checked(principalEndGwei - principalStartGwei + netRewardsGwei);

    /// <summary>The realized APY of this position, net of fees and of slashing (see <see cref="RealizedApy"/>).</summary>
    public long RealizedApyWad => RealizedApy(PrincipalStartGwei, GainGwei, ElapsedSeconds);

    /// <summary>The run's return, gain / start as a WAD rounded toward −∞ (fits a long: a position loses at most all of it).</summary>
    public long RealizedReturnWad => RealizedReturn(PrincipalStartGwei, GainGwei);

    /// <summary>⌊gain × 1e18 / start⌋, rounded toward −∞ like <see cref="RealizedApy"/>.</summary>
    public static long RealizedReturn(long principalStartGwei, long gainGwei)
    {
        if (principalStartGwei <= 0) throw new ArgumentOutOfRangeException(nameof(principalStartGwei), "a return needs a principal");
        // |gain| × 1e18 < 9.3e36 fits an Int128 (a million stakers' summary asks this twice each).
        Int128 numerator = (Int128)gainGwei * Wad.One;
        Int128 quotient = Int128.DivRem(numerator, principalStartGwei).Quotient;
        if (numerator < 0 && quotient * principalStartGwei != numerator) quotient--;   // toward −∞
        return checked((long)quotient);
    }

    /// <summary>
    /// A run return annualized: return × 31,536,000 / elapsed, exactly, as a WAD (rounded toward −∞). A BigInteger because
    /// a short run's annualized loss passes what a long holds (a 10 % loss over one day is −3,650 %).
    /// </summary>
    public static BigInteger Annualize(long returnWad, long elapsedSeconds) => AnnualizedWad(returnWad, elapsedSeconds);

    /// <summary><see cref="Annualize"/> as an <see cref="Int128"/>: |return| × 31,536,000 &lt; 2^63 × 2^25 fits, and so does the
    /// quotient (a million stakers' summary asks it for each when their holding periods differ).</summary>
    public static Int128 AnnualizedWad(long returnWad, long elapsedSeconds)
    {
        if (elapsedSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(elapsedSeconds), "a yield needs time");
        var (quotient, remainder) = Int128.DivRem((Int128)returnWad * Accrual.SecondsPerYear, elapsedSeconds);
        return remainder < 0 ? quotient - 1 : quotient;   // toward −∞
    }

    /// <summary>
    /// gain / start × 31,536,000 / elapsed as a WAD: ⌊gain × 1e18 × year / (start × elapsed)⌋, rounded toward −∞ so
    /// neither a gain nor a loss looks better than it was. Negative when losses exceed net rewards.
    /// </summary>
    public static long RealizedApy(long principalStartGwei, long gainGwei, long elapsedSeconds)
    {
        if (principalStartGwei <= 0) throw new ArgumentOutOfRangeException(nameof(principalStartGwei), "a yield needs a principal");
        if (elapsedSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(elapsedSeconds), "a yield needs time");
        var numerator = (BigInteger)gainGwei * Wad.One * Accrual.SecondsPerYear;
        var denominator = (BigInteger)principalStartGwei * elapsedSeconds;
        return checked((long)FloorDivision.Of(numerator, denominator));
    }
}
