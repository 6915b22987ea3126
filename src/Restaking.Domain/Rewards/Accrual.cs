using System.Numerics;

namespace Restaking.Domain.Rewards;

/// <summary>
/// Simple accrual of an annual rate: reward = principal × APR × seconds / one year, rounded down to the gwei.
/// Within a run rewards do not compound: what accrues is paid out beside the principal, never added to it
/// (the realized APY of a run is then a simple annual rate, comparable with the quoted APRs).
/// </summary>
public static class Accrual
{
    /// <summary>
    /// A year is 365 days = 31,536,000 s. Quoted staking APRs (Lido's stETH APR, EigenLayer dashboards) annualize
    /// over a 365-day year; leap days are ignored, so a run of exactly 365 days earns exactly the APR.
    /// </summary>
    public const long SecondsPerYear = 365L * 24 * 60 * 60;

    /// <summary>
    /// principal × aprWad × seconds / (1e18 × 31,536,000), rounded down (the payer never pays more than the rate).
    /// The product passes 2^127 for large positions over long runs, so it goes through <see cref="BigInteger"/>;
    /// the result must fit a <c>long</c>.
    /// </summary>
    public static long Simple(long principalGwei, long aprWad, long seconds)
    {
        if (principalGwei < 0) throw new ArgumentOutOfRangeException(nameof(principalGwei), "a principal is never negative");
        if (aprWad < 0) throw new ArgumentOutOfRangeException(nameof(aprWad), "a reward rate is never negative");
        if (seconds < 0) throw new ArgumentOutOfRangeException(nameof(seconds), "time does not run backwards");
        var numerator = (BigInteger)principalGwei * aprWad * seconds;
        return checked((long)(numerator / ((BigInteger)Units.Wad.One * SecondsPerYear)));
    }
}
