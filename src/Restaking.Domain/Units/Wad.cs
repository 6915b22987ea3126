namespace Restaking.Domain.Units;

/// <summary>
/// A WAD is a fraction scaled by 1e18, as in the EigenLayer contracts (magnitudes, wadsToSlash, slashing factors).
/// Products go through <see cref="Int128"/> so that gwei × WAD never overflows, and every division names its rounding.
/// </summary>
public static class Wad
{
    public const long One = 1_000_000_000_000_000_000L;

    /// <summary>x · y / d with an explicit rounding direction; operands must be non-negative, d positive.</summary>
    public static long MulDiv(long x, long y, long d, Rounding rounding)
    {
        if (x < 0 || y < 0) throw new ArgumentOutOfRangeException(nameof(x), "MulDiv takes non-negative operands");
        if (d <= 0) throw new DivideByZeroException("MulDiv divisor must be positive");
        Int128 product = (Int128)x * y;
        var (q, rem) = Int128.DivRem(product, d);
        if (rounding == Rounding.Up && rem != 0) q += 1;
        return checked((long)q);
    }

    /// <summary>
    /// x · y / d past a long: EigenLayer keeps scaled shares s·k and their sums in uint256, and s·k outgrows a long once k is
    /// large (a deposit into an operator slashed almost to zero: k = 1/(l·m)). Operands that fit a long multiply in
    /// <see cref="Int128"/>; wider ones through <see cref="System.Numerics.BigInteger"/>. Non-negative operands, d positive.
    /// </summary>
    public static Int128 MulDiv(Int128 x, Int128 y, Int128 d, Rounding rounding)
    {
        if (x < 0 || y < 0) throw new ArgumentOutOfRangeException(nameof(x), "MulDiv takes non-negative operands");
        if (d <= 0) throw new DivideByZeroException("MulDiv divisor must be positive");
        if (x <= long.MaxValue && y <= long.MaxValue)
        {
            var (q, rem) = Int128.DivRem(x * y, d);
            return rounding == Rounding.Up && rem != 0 ? q + 1 : q;
        }
        var wide = System.Numerics.BigInteger.DivRem((System.Numerics.BigInteger)x * y, d, out var remainder);
        return checked((Int128)(rounding == Rounding.Up && !remainder.IsZero ? wide + 1 : wide));
    }

    /// <summary>amount × wad / 1e18.</summary>
    public static long Mul(long amount, long wad, Rounding rounding) => MulDiv(amount, wad, One, rounding);

    /// <summary>numerator / denominator as a WAD.</summary>
    public static long Ratio(long numerator, long denominator, Rounding rounding) => MulDiv(numerator, One, denominator, rounding);

    /// <summary>Exact conversion of a decimal fraction (at most 18 decimals) to a WAD.</summary>
    public static bool TryFromDecimal(decimal fraction, out long wad)
    {
        wad = 0;
        var scaled = fraction * One;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue) return false;
        wad = (long)scaled;
        return true;
    }

    public static long FromDecimal(decimal fraction) =>
        TryFromDecimal(fraction, out var wad) ? wad : throw new ArgumentException($"{fraction} is not representable as a WAD");

    /// <summary>Formats a WAD as a decimal string with up to 18 decimals (exact, invariant culture).</summary>
    public static string ToDecimalString(long wad) =>
        ((decimal)wad / One).ToString("0.##################", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same for a WAD past a long (an annualized loss of a short run); exact below 7.9e28, i.e. ±79 billion.</summary>
    public static string ToDecimalString(System.Numerics.BigInteger wad) =>
        ((decimal)wad / One).ToString("0.##################", System.Globalization.CultureInfo.InvariantCulture);
}
