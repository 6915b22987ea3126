using System.Numerics;
using Restaking.Domain.Units;

namespace Restaking.Domain.Rewards;

/// <summary>
/// One staker position over a run, and what it really earned. The accounting, all in gwei of ETH value:
/// <code>
///   gain        = (end − start) + gross rewards − fees          (end − start = −losses when nothing else moves the value)
///   realized APY = max(−1, gain / start × year / elapsed)        (a signed WAD, rounded toward −∞)
/// </code>
/// The APY is a simple (APR-style) annualization floored at −100 %: see <see cref="FloorAtTotalLoss"/> and
/// docs/models/rewards.md ("Annualizing a short run").
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
    /// A run return annualized: max(−1, return × 31,536,000 / elapsed), exactly, as a WAD (rounded toward −∞). A BigInteger
    /// because a short run's annualized gain can pass what a long holds (+10 % over one day is +3,650 %).
    /// </summary>
    public static BigInteger Annualize(long returnWad, long elapsedSeconds) => AnnualizedWad(returnWad, elapsedSeconds);

    /// <summary><see cref="Annualize"/> as an <see cref="Int128"/>: |return| × 31,536,000 &lt; 2^63 × 2^25 fits, and so does the
    /// quotient (a million stakers' summary asks it for each when their holding periods differ).</summary>
    public static Int128 AnnualizedWad(long returnWad, long elapsedSeconds) => FloorAtTotalLoss(SimpleAnnualizedWad(returnWad, elapsedSeconds));

    /// <summary>return × 31,536,000 / elapsed, rounded toward −∞, without the floor: a 10 % loss over one day is −3,650 %.</summary>
    public static Int128 SimpleAnnualizedWad(long returnWad, long elapsedSeconds)
    {
        if (elapsedSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(elapsedSeconds), "a yield needs time");
        var (quotient, remainder) = Int128.DivRem((Int128)returnWad * Accrual.SecondsPerYear, elapsedSeconds);
        return remainder < 0 ? quotient - 1 : quotient;   // toward −∞
    }

    /// <summary>
    /// Why −100 % is the floor: rewards here are simple (an APR, <see cref="Accrual"/>), so the APY is the simple rate
    /// return × year / elapsed — the convention an APR is quoted in — and no compounding is assumed that the model does not
    /// do. A simple rate scales a short run's loss past the principal (−10 % in a day is −3,650 % "a year"), which no holder
    /// can lose: a position's worst year is losing all of it. Compounding ((1 + r)^(year/elapsed) − 1) never passes −100 %
    /// either, but would restate every gain as reinvested; the floor changes nothing above −100 %. The GIPS standards go
    /// further and forbid annualizing returns over less than a year at all, which is why <c>runReturn</c> is reported
    /// beside every APY (docs/models/rewards.md, "Annualizing a short run").
    /// </summary>
    public static Int128 FloorAtTotalLoss(Int128 simpleApyWad) => simpleApyWad < -Wad.One ? -Wad.One : simpleApyWad;

    /// <summary>
    /// gain / start × 31,536,000 / elapsed as a WAD: ⌊gain × 1e18 × year / (start × elapsed)⌋, rounded toward −∞ so
    /// neither a gain nor a loss looks better than it was, floored at −100 % (<see cref="FloorAtTotalLoss"/>). Negative when
    /// losses exceed net rewards.
    /// </summary>
    public static long RealizedApy(long principalStartGwei, long gainGwei, long elapsedSeconds)
    {
        if (principalStartGwei <= 0) throw new ArgumentOutOfRangeException(nameof(principalStartGwei), "a yield needs a principal");
        if (elapsedSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(elapsedSeconds), "a yield needs time");
        var numerator = (BigInteger)gainGwei * Wad.One * Accrual.SecondsPerYear;
        var denominator = (BigInteger)principalStartGwei * elapsedSeconds;
        return checked((long)FloorAtTotalLoss((Int128)FloorDivision.Of(numerator, denominator)));
    }
}
