namespace Restaking.Domain.Adversary;

/// <summary>An exact ratio cost / profit (both gwei, profit &gt; 0), e.g. σ(B)/π(A). Comparisons multiply out in Int128.</summary>
public readonly record struct CostRatio(long Cost, long Profit)
{
    /// <summary>Cost / Profit ≥ numerator / denominator.</summary>
    public bool IsAtLeast(long numerator, long denominator) =>
        (Int128)Cost * denominator >= (Int128)numerator * Profit;

    /// <summary>Cost / Profit &lt; other.Cost / other.Profit.</summary>
    public bool IsLessThan(CostRatio other) => (Int128)Cost * other.Profit < (Int128)other.Cost * Profit;

    public override string ToString() => $"{Cost}/{Profit}";
}
