using System.Numerics;

namespace Restaking.Domain.Markets;

/// <summary>
/// Integer square roots, exact for any size: a pool's invariant k = reserve × reserve (gwei²) times a WAD does not fit
/// in 128 bits, so the roots work on <see cref="BigInteger"/> (Newton's iteration from above, which only decreases).
/// </summary>
public static class IntegerRoot
{
    /// <summary>⌊√n⌋: the largest r with r² ≤ n.</summary>
    public static BigInteger FloorSqrt(BigInteger n)
    {
        if (n.Sign < 0) throw new ArgumentOutOfRangeException(nameof(n), "square root of a negative number");
        if (n < 2) return n;
        // Start at a power of two at or above √n, then x ← (x + n / x) / 2 until it stops decreasing.
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + n / x) >> 1;
            if (next >= x) return x;
            x = next;
        }
    }

    /// <summary>⌈√n⌉: the smallest r with r² ≥ n.</summary>
    public static BigInteger CeilSqrt(BigInteger n)
    {
        var r = FloorSqrt(n);
        return r * r == n ? r : r + 1;
    }
}
