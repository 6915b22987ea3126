using System.Numerics;

namespace Restaking.Domain.Units;

/// <summary>
/// Platform-independent logarithm and exponential in Q64.64 fixed point (a value v is held as v·2⁶⁴ in an
/// <see cref="Int128"/> or <see cref="UInt128"/>), for world generation: the platform's Math.Exp / Math.Log / Math.Pow
/// may differ by an ulp across OS and CPU, and every silo expands the world itself (docs/deterministic-maths.md).
/// Rounding rules, fixed so every machine gets the same bits:
/// <list type="bullet">
/// <item>a product of two Q64.64 values is rounded to nearest, halves away from zero (<see cref="Mul"/>);</item>
/// <item>quotients by integers truncate toward zero (series terms), by decimals round to nearest, halves away from zero;</item>
/// <item>ln: x = 2^k·m with m in [1/√2, √2], ln m = 2·atanh((m − 1)/(m + 1)) by its odd series until a term is 0;</item>
/// <item>exp: y = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series until a term is 0, then shifted by k
/// (a right shift rounds to nearest, halves up); ln 2 is held to 128 fractional bits so k·ln 2 stays exact to 2⁻⁶⁴.</item>
/// </list>
/// Both are within a few units of 2⁻⁶⁴ (relative, for exp) of the true value; tests pin values and bound the error.
/// </summary>
public static class FixedPoint
{
    public const int FractionBits = 64;
    public static readonly Int128 One = Int128.One << FractionBits;

    /// <summary>ln 2 · 2¹²⁸ rounded to nearest: the high word is ln 2 in Q64.64 (truncated), the low word the next 64 bits.</summary>
    private const ulong Ln2High = 0xB17217F7D1CF79ABUL, Ln2Low = 0xC9E3B39803F2F6AFUL;
    private static readonly Int128 Ln2 = Ln2High;

    /// <summary>√2 · 2⁶⁴, truncated.</summary>
    private static readonly UInt128 Sqrt2 = UInt128.Parse("26087635650665564424", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>a·b in Q64.64, rounded to nearest, halves away from zero. The caller keeps |a·b| below 2⁶³.</summary>
    public static Int128 Mul(Int128 a, Int128 b)
    {
        bool negative = (a < 0) != (b < 0);
        UInt128 x = (UInt128)Int128.Abs(a), y = (UInt128)Int128.Abs(b);
        ulong xh = (ulong)(x >> 64), xl = (ulong)x, yh = (ulong)(y >> 64), yl = (ulong)y;
        UInt128 low = (UInt128)xl * yl;
        UInt128 r = ((UInt128)xh * yh << 64) + (UInt128)xh * yl + (UInt128)xl * yh + (low >> 64) + ((low >> 63) & 1);
        var result = (Int128)r;
        return negative ? -result : result;
    }

    /// <summary>v · d for a decimal d, rounded to nearest (halves away from zero), exactly.</summary>
    public static Int128 MulDecimal(Int128 v, decimal d)
    {
        var (mantissa, scale) = Split(d);
        return (Int128)RoundedQuotient((BigInteger)v * mantissa, BigInteger.Pow(10, scale));
    }

    /// <summary>v / d for a non-zero decimal d, rounded to nearest (halves away from zero), exactly.</summary>
    public static Int128 DivDecimal(Int128 v, decimal d)
    {
        var (mantissa, scale) = Split(d);
        if (mantissa.IsZero) throw new DivideByZeroException();
        return (Int128)RoundedQuotient((BigInteger)v * BigInteger.Pow(10, scale), mantissa);
    }

    /// <summary>The natural logarithm of a positive integer, in Q64.64.</summary>
    public static Int128 LnOf(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "ln needs a positive argument");
        return Ln((UInt128)(ulong)n << FractionBits);
    }

    /// <summary>The natural logarithm of a positive Q64.64 value x, in Q64.64.</summary>
    public static Int128 Ln(UInt128 x)
    {
        if (x == 0) throw new ArgumentOutOfRangeException(nameof(x), "ln needs a positive argument");
        int msb = 127 - (int)UInt128.LeadingZeroCount(x);
        int k = msb - FractionBits;
        // m = x / 2^k in [1, 2), held with its top bit at bit 64 (bits below 2⁻⁶⁴ of a fraction are dropped).
        UInt128 m = k >= 0 ? x >> k : x << -k;
        if (m > Sqrt2)
        {
            k++;
            m = k >= 0 ? x >> k : x << -k;   // m / 2, in [1/√2, 1)
        }
        // z = (m − 1)/(m + 1), |z| ≤ 3 − 2√2 ≈ 0.1716, so the series' terms shrink by z² ≤ 0.0295 each.
        Int128 mm = (Int128)m, num = mm - One, den = mm + One;
        Int128 z = (num << FractionBits) / den;
        Int128 z2 = Mul(z, z), term = z, sum = 0;
        for (int n = 1; term != 0; n += 2)
        {
            sum += term / n;
            term = Mul(term, z2);
        }
        return KLn2(k) + 2 * sum;
    }

    /// <summary>e^y for a Q64.64 y, in Q64.64; <see cref="UInt128.MaxValue"/> when it would not fit (y ≥ 63·ln 2).</summary>
    public static UInt128 Exp(Int128 y)
    {
        Int128 q = y / Ln2;
        if (q > 1000 || q < -1000) return q > 0 ? UInt128.MaxValue : 0;
        int k = (int)q;
        Int128 half = Ln2 / 2, r = y - KLn2(k);
        while (r > half) r = y - KLn2(++k);
        while (r < -half) r = y - KLn2(--k);
        Int128 term = One, sum = One;
        for (int n = 1; term != 0; n++)
        {
            term = Mul(term, r) / n;
            sum += term;
        }
        var s = (UInt128)sum;   // e^r in [0.70, 1.42]: below 2⁶⁵
        if (k >= 63) return UInt128.MaxValue;
        if (k >= 0) return s << k;
        int shift = -k;
        if (shift >= 127) return 0;
        return (s >> shift) + ((s >> (shift - 1)) & 1);
    }

    /// <summary>A Q64.64 value rounded to the nearest integer, halves to even (as Math.Round on a double).</summary>
    public static long RoundToLong(UInt128 x)
    {
        var whole = x >> FractionBits;
        ulong fraction = (ulong)x;
        const ulong Half = 1UL << 63;
        if (fraction > Half || (fraction == Half && (whole & 1) == 1)) whole++;
        return whole > long.MaxValue ? long.MaxValue : (long)whole;
    }

    /// <summary>k·ln 2 in Q64.64, with ln 2 to 128 bits so the product is within 2⁻⁶⁴ for |k| ≤ 2³¹.</summary>
    private static Int128 KLn2(int k) => k * Ln2 + Ln2LowPart(k);

    private static Int128 Ln2LowPart(int k)
    {
        // k · Ln2Low / 2⁶⁴, rounded to nearest (halves away from zero).
        UInt128 p = (UInt128)(ulong)Math.Abs((long)k) * Ln2Low;
        var rounded = (Int128)((p >> 64) + ((p >> 63) & 1));
        return k < 0 ? -rounded : rounded;
    }

    private static (BigInteger Mantissa, int Scale) Split(decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        if (bits[3] < 0) mantissa = -mantissa;
        return (mantissa, (bits[3] >> 16) & 0xFF);
    }

    private static BigInteger RoundedQuotient(BigInteger n, BigInteger d)
    {
        if (d.Sign < 0) { n = -n; d = -d; }
        var q = BigInteger.DivRem(BigInteger.Abs(n), d, out var rem);
        if (rem * 2 >= d) q += 1;
        return n.Sign < 0 ? -q : q;
    }
}
