namespace Restaking.Domain.Rewards;

/// <summary>
/// One staker's realized APY (or run return: any signed WAD per staker) and its principal at the start (gwei, the weight
/// by principal). A struct ordered by (APY, principal), so a million of them sort without a comparer or an allocation each.
/// </summary>
public readonly record struct StakerApy : IComparable<StakerApy>
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

    public int CompareTo(StakerApy other) =>
        ApyWad != other.ApyWad ? ApyWad.CompareTo(other.ApyWad) : PrincipalGwei.CompareTo(other.PrincipalGwei);
}
