namespace Restaking.Domain.Rewards;

/// <summary>One staker's realized APY (signed WAD) and its principal at the start (gwei, the weight by principal).</summary>
public sealed record StakerApy
{
    public StakerApy(long principalGwei, long apyWad)
    {
        if (principalGwei <= 0) throw new ArgumentOutOfRangeException(nameof(principalGwei), "a yield needs a principal");
        PrincipalGwei = principalGwei;
        ApyWad = apyWad;
    }

    public long PrincipalGwei { get; }
    public long ApyWad { get; }

    public static StakerApy Of(StakerYield position) => new(position.PrincipalStartGwei, position.RealizedApyWad);
}
