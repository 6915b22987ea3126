using Restaking.Domain.Units;

namespace Restaking.Domain.Operators;

/// <summary>
/// The arithmetic of an operator's asset pools (operator shares per asset), shared by the operator and by the
/// Symbiotic vault that holds several operators' pools, so each rule is written once.
/// </summary>
public static class PoolMath
{
    /// <summary>The pools' value in ETH gwei: Σ ⌊shares × price⌋.</summary>
    public static long Value(long[] shares, long[] prices)
    {
        long value = 0;
        for (int i = 0; i < shares.Length; i++) value += Wad.Mul(shares[i], prices[i], Rounding.Down);
        return value;
    }

    /// <summary>
    /// A Symbiotic slash takes an absolute amount out of the collateral, pro rata from every holder: each pool keeps
    /// ⌈shares × remaining / before⌉ (rounded up, so the amount taken rounds down, as EigenLayer's operator shares do).
    /// </summary>
    public static void Scale(long[] shares, long remaining, long before)
    {
        for (int i = 0; i < shares.Length; i++) shares[i] = Wad.MulDiv(shares[i], remaining, before, Rounding.Up);
    }

    /// <summary>A consensus-layer penalty on natively restaked validators lowers the ETH pool by the amount, at most to
    /// zero (EigenLayer's beacon-chain slashing factor); returns what was taken.</summary>
    public static long TakePenalty(long[] shares, int ethSlot, long amount)
    {
        long taken = Math.Min(amount, shares[ethSlot]);
        shares[ethSlot] -= taken;
        return taken;
    }
}
