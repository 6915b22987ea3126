using Restaking.Domain.Units;

namespace Restaking.Domain.Rewards;

/// <summary>An annual reward rate (APR) as a WAD: 3.5 % is 0.035e18. Simple, not compounded (see <see cref="Accrual"/>).</summary>
public sealed record RewardRate
{
    public RewardRate(long aprWad)
    {
        if (aprWad < 0) throw new ArgumentOutOfRangeException(nameof(aprWad), "a reward rate is never negative");
        AprWad = aprWad;
    }

    public long AprWad { get; }

    /// <summary>No rewards.</summary>
    public static RewardRate Zero { get; } = new(0);

    /// <summary>
    /// Base Ethereum staking APR, 3.5 %: the low end of the ~3.5–3.7 % Lido quoted for 2023–24
    /// (docs/public-figures.md, "base staking APR"). A scenario default, not a constant of nature.
    /// </summary>
    public static RewardRate BaseStaking { get; } = new(35_000_000_000_000_000L);

    /// <summary>An exact decimal fraction (at most 18 decimals), e.g. 0.02 for 2 %.</summary>
    public static RewardRate FromFraction(decimal apr) => new(Wad.FromDecimal(apr));

    /// <summary>What <paramref name="principalGwei"/> earns at this rate over <paramref name="seconds"/>, rounded down.</summary>
    public long Accrue(long principalGwei, long seconds) => Accrual.Simple(principalGwei, AprWad, seconds);
}
