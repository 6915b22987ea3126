using Restaking.Domain.Units;

namespace Restaking.Domain.Adversary;

/// <summary>Small pooled networks that show DR24's bounds are tight (Theorem 1) and that Claim 1 is not robust (Theorem 2).
/// Both have one service (index 0) and two operators: b (index 0, the big one) and d (index 1, the one shocked).</summary>
public static class Dr24Constructions
{
    /// <summary>
    /// Tightness of DR24 Theorem 1: with γ = <paramref name="gammaNumerator"/>/<paramref name="gammaDenominator"/> and
    /// σ_b = <paramref name="baseStakeGwei"/>: π_s = σ_b + ε (ε = σ_b/1000, at least 1 gwei),
    /// σ_d = (1+γ)π_s rounded up to a multiple of ε, minus σ_b, and α_s just above max(σ_b, σ_d)/(σ_b + σ_d), so only B = {b, d} is feasible and
    /// (1+γ)π_s ≤ σ_b + σ_d: the network is γ-slack. Shocking d leaves N(s) = {b}, now feasible alone and profitable
    /// (π_s &gt; σ_b), so everything is lost: R_ψ = 1 while the bound (1+1/γ)ψ is only slightly above 1.
    /// γ = 0.1 and 1000 ETH give the textbook σ_d = 102 ETH, π_s = 1001 ETH.
    /// </summary>
    public static Dr24Example TightNetwork(long gammaNumerator, long gammaDenominator, long baseStakeGwei)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gammaNumerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gammaDenominator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseStakeGwei);
        var sigmaB = baseStakeGwei;
        var epsilon = Math.Max(1, sigmaB / 1000);
        var pi = checked(sigmaB + epsilon);
        // σ_b + σ_d = (1+γ)π rounded up to a whole number of ε (only adds slack; 1000 ETH, γ = 0.1 → 1102 ETH).
        var total = checked(Wad.MulDiv(pi, gammaNumerator + gammaDenominator, checked(gammaDenominator * epsilon), Rounding.Up) * epsilon);
        var sigmaD = total - sigmaB;
        var alpha = Wad.MulDiv(Math.Max(sigmaB, sigmaD), Wad.One, total, Rounding.Down) + 1;
        var builder = new AttackNetworkBuilder(AttackCost.Pooled);
        var s = builder.AddService(pi, alpha);
        var b = builder.AddOperator(sigmaB);
        var d = builder.AddOperator(sigmaD);
        builder.AddEdge(b, s).AddEdge(d, s);
        return new Dr24Example(builder.Build(), [d],
            $"DR24 Theorem 1 tightness, γ={gammaNumerator}/{gammaDenominator}: σ_b={Gwei.ToEthString(sigmaB)} ETH, " +
            $"σ_d={Gwei.ToEthString(sigmaD)} ETH, π={Gwei.ToEthString(pi)} ETH, α={Wad.ToDecimalString(alpha)}; shock d");
    }

    /// <summary>
    /// DR24 Theorem 2 in its simplest form: Claim 1 holds, the network is secure, yet a shock of ψ = σ_d/(σ_b+σ_d)
    /// loses everything. σ_b = <paramref name="baseStakeGwei"/>, σ_d = <paramref name="shockStakeGwei"/> (2 ≤ σ_d &lt; σ_b),
    /// α_s = 1 − ψ/2 (rounded so α_s ≥ 1 − ψ/2), π_s = ⌊α_s (σ_b + σ_d)⌋. Claim 1 reads π_s ≤ α_s σ(N(s)) here, which
    /// holds; b alone is short of α_s, and {b, d} costs more than π_s. Once d is gone, b alone controls all of N(s)
    /// and π_s ≥ σ_b + σ_d/2 &gt; σ_b: b attacks and the whole stake is lost.
    /// </summary>
    public static Dr24Example Claim1ButFragile(long baseStakeGwei, long shockStakeGwei)
    {
        if (shockStakeGwei < 2 || shockStakeGwei >= baseStakeGwei)
            throw new ArgumentOutOfRangeException(nameof(shockStakeGwei), "need 2 ≤ σ_d < σ_b");
        var total = checked(baseStakeGwei + shockStakeGwei);
        var alpha = Wad.One - Wad.MulDiv(shockStakeGwei, Wad.One, checked(2 * total), Rounding.Down);
        var pi = Wad.Mul(total, alpha, Rounding.Down);
        var builder = new AttackNetworkBuilder(AttackCost.Pooled);
        var s = builder.AddService(pi, alpha);
        var b = builder.AddOperator(baseStakeGwei);
        var d = builder.AddOperator(shockStakeGwei);
        builder.AddEdge(b, s).AddEdge(d, s);
        return new Dr24Example(builder.Build(), [d],
            $"DR24 Theorem 2: Claim 1 holds, σ_b={Gwei.ToEthString(baseStakeGwei)} ETH, σ_d={Gwei.ToEthString(shockStakeGwei)} ETH, " +
            $"π={Gwei.ToEthString(pi)} ETH, α={Wad.ToDecimalString(alpha)}; shock d, lose all");
    }
}
