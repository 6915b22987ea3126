using System.Globalization;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Maths;

/// <summary>
/// The fixed-point ln / exp that world generation uses instead of platform maths (docs/deterministic-maths.md): pinned
/// against reference values computed to 80 significant digits (Python's decimal module, rounded to nearest Q64.64),
/// monotone, and within a stated budget of the platform's double results on a grid.
/// </summary>
public class FixedPointTests
{
    private static readonly double TwoTo64 = Math.Pow(2, 64);

    private static Int128 Raw(string digits) => Int128.Parse(digits, CultureInfo.InvariantCulture);

    private static double ToDouble(Int128 q) => (double)q / TwoTo64;

    // round(ln(n)·2⁶⁴) to 80 digits.
    [Theory]
    [InlineData(1L, "0")]
    [InlineData(2L, "12786308645202655660")]
    [InlineData(3L, "20265819725292939639")]
    [InlineData(10L, "42475197918399869020")]
    [InlineData(1_000_000_000L, "382276781265598821177")]
    [InlineData(1_000_000_000_000_000_000L, "764553562531197642354")]
    [InlineData(long.MaxValue, "805537444647767306565")]
    public void Ln_of_integers_is_within_16_units_of_2_to_minus_64(long n, string reference)
    {
        // Budget: 16 units of 2⁻⁶⁴ (the truncated quotient z and up to 13 truncated series terms, doubled).
        var error = FixedPoint.LnOf(n) - Raw(reference);
        Assert.InRange(error, -16, 16);
    }

    [Fact]
    public void Ln_of_fractions_matches_reference_values()
    {
        Assert.InRange(FixedPoint.Ln((UInt128)FixedPoint.One / 2) - Raw("-12786308645202655660"), -16, 16);
        Assert.InRange(FixedPoint.Ln((UInt128)FixedPoint.One * 3 / 4) - Raw("-5306797565112371681"), -16, 16);
    }

    // round(e^y·2⁶⁴) to 80 digits; the budget is relative (a few units in the last of 64 fraction bits of e^r, shifted).
    [Theory]
    [InlineData("0", "18446744073709551616")]
    [InlineData("1", "50143449209799256683")]
    [InlineData("-1", "6786177901268885275")]
    [InlineData("0.25", "23686088245777032822")]
    [InlineData("10", "406316577365116946489258")]
    [InlineData("43", "87213244692009816622412593697761324251")]
    [InlineData("-30", "1726177")]
    public void Exp_matches_reference_values(string y, string reference)
    {
        var yq = FixedPoint.MulDecimal(FixedPoint.One, decimal.Parse(y, CultureInfo.InvariantCulture));
        var expected = UInt128.Parse(reference, CultureInfo.InvariantCulture);
        var actual = FixedPoint.Exp(yq);
        UInt128 diff = actual > expected ? actual - expected : expected - actual;
        Assert.True(diff <= 16 + (expected >> 60), $"e^{y}: {actual} vs {expected}");
    }

    [Fact]
    public void Exp_inverts_ln_and_saturates()
    {
        foreach (long n in new long[] { 1, 2, 7, 32_000_000_000, 1_000_000_000_000_000 })
            Assert.Equal(n, FixedPoint.RoundToLong(FixedPoint.Exp(FixedPoint.LnOf(n))));
        Assert.Equal(UInt128.MaxValue, FixedPoint.Exp(FixedPoint.One * 50));
        Assert.Equal(UInt128.Zero, FixedPoint.Exp(-FixedPoint.One * 100));
    }

    [Fact]
    public void Ln_and_exp_are_monotone_and_within_budget_of_double_on_a_grid()
    {
        // Budget: |fixed − double| ≤ 4 ulps of the double + 32·2⁻⁶⁴ (absolute) — double's own error is ≤ 1 ulp.
        Int128 previousLn = Int128.MinValue;
        for (long n = 1; n < long.MaxValue / 3; n = n * 3 + 1)
        {
            var ln = FixedPoint.LnOf(n);
            Assert.True(ln > previousLn, $"ln not increasing at {n}");
            previousLn = ln;
            double d = Math.Log(n);
            Assert.True(Math.Abs(ToDouble(ln) - d) <= 4 * (Math.BitIncrement(d) - d) + 32 / TwoTo64, $"ln {n}: {ToDouble(ln)} vs {d}");
        }
        UInt128 previousExp = 0;
        for (int i = -320; i <= 336; i++)
        {
            Int128 y = FixedPoint.One * i / 8;   // −40 … 42 by 1/8: exact in double too, so both take the same argument
            var e = FixedPoint.Exp(y);
            Assert.True(e >= previousExp, $"exp not increasing at {i}");
            previousExp = e;
            double d = Math.Exp(ToDouble(y));
            double actual = (double)e / TwoTo64;
            Assert.True(Math.Abs(actual - d) <= 4 * (Math.BitIncrement(d) - d) + 32 / TwoTo64, $"exp {i / 8.0}: {actual} vs {d}");
        }
    }

    [Fact]
    public void Decimal_scaling_rounds_to_nearest_exactly()
    {
        Assert.Equal((Int128)11, FixedPoint.MulDecimal(10, 1.1m));
        Assert.Equal((Int128)9, FixedPoint.DivDecimal(10, 1.1m));   // 9.09…
        Assert.Equal((Int128)(-2), FixedPoint.MulDecimal(-3, 0.5m));   // −1.5: halves away from zero
        Assert.Equal(long.MaxValue, FixedPoint.RoundToLong(UInt128.MaxValue));
        Assert.Equal(2L, FixedPoint.RoundToLong(((UInt128)5 << 64) / 2));   // 2.5 → 2 (halves to even)
        Assert.Equal(4L, FixedPoint.RoundToLong(((UInt128)7 << 64) / 2));   // 3.5 → 4
    }
}

/// <summary>Generated amounts and Zipf picks in fixed point: pinned values, monotone in the draw, and — away from
/// rounding ties — what the former double formulas gave.</summary>
public class AmountSamplerTests
{
    private static ulong Fraction(decimal u) => (ulong)(u * 18446744073709551616m);

    [Theory]
    [InlineData("0", 1_000_000_000L)]
    [InlineData("0.5", 1_877_861_393L)]     // 1877861392.5075…
    [InlineData("0.9", 8_111_291_638L)]     // 8111291637.7358…
    [InlineData("0.999", 533_548_208_846L)] // 533548208845.7461…
    public void Pareto_inverse_transform_matches_reference_values(string u, long expected)
    {
        var d = new AmountDistribution(DistributionKind.Pareto, 1_000_000_000, 1_000_000_000_000_000, 1.1m);
        Assert.Equal(expected, AmountSampler.Sample(d, Fraction(decimal.Parse(u, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Log_uniform_and_uniform_match_reference_values()
    {
        Assert.Equal(31_622_776_602L, AmountSampler.Sample(new AmountDistribution(DistributionKind.LogUniform, 1_000_000_000, 1_000_000_000_000), 1UL << 63));
        Assert.Equal(1_500L, AmountSampler.Sample(new AmountDistribution(DistributionKind.Uniform, 1_000, 2_000), 1UL << 63));
        Assert.Equal(1_000L, AmountSampler.Sample(new AmountDistribution(DistributionKind.Uniform, 1_000, 2_000), 0));
    }

    [Theory]
    [InlineData(DistributionKind.Uniform)]
    [InlineData(DistributionKind.LogUniform)]
    [InlineData(DistributionKind.Pareto)]
    public void Samples_are_monotone_in_the_draw_and_agree_with_double_formulas(DistributionKind kind)
    {
        // 1 ETH … 10,000 ETH: where the double formulas still resolve a gwei (above 2⁵³ gwei they cannot).
        var d = new AmountDistribution(kind, 1_000_000_000, 10_000_000_000_000, 1.16m);
        var rng = new DeterministicRandom(7);
        var points = Enumerable.Range(0, 4000).Select(i => rng.NextFraction(1, (ulong)i)).Order().ToList();
        long previous = 0;
        int differ = 0;
        foreach (var u in points)
        {
            long x = AmountSampler.Sample(d, u);
            Assert.InRange(x, d.MinGwei, d.MaxGwei);
            Assert.True(x >= previous);
            previous = x;
            long viaDouble = ViaDouble(d, u / Math.Pow(2, 64));
            // The double formulas lose precision in the Pareto tail (1 − u·(1 − p) cancels): within that, no error.
            Assert.True(Math.Abs(x - viaDouble) <= 1 + x * 1e-11, $"{kind} u={u}: {x} vs {viaDouble}");
            if (x != viaDouble) differ++;
        }
        Assert.True(differ < points.Count / 20, $"{differ} of {points.Count} differ from the double formula");
    }

    private static long ViaDouble(AmountDistribution d, double u)
    {
        double lo = d.MinGwei, hi = d.MaxGwei, a = (double)d.TailIndex;
        double x = d.Kind switch
        {
            DistributionKind.Uniform => lo + u * (hi - lo),
            DistributionKind.LogUniform => Math.Exp(Math.Log(lo) + u * (Math.Log(hi) - Math.Log(lo))),
            _ => lo / Math.Pow(1 - u * (1 - Math.Pow(lo / hi, a)), 1 / a),
        };
        return Math.Clamp((long)Math.Round(x), d.MinGwei, d.MaxGwei);
    }

    [Fact]
    public void Zipf_picks_follow_the_weights()
    {
        // s = 1, n = 3: weights 1, 1/2, 1/3 → running sums 6/11, 9/11, 1.
        var zipf = new ZipfPicker(3, 1.0m);
        ulong Of(double f) => (ulong)(f * Math.Pow(2, 64));
        Assert.Equal(0, zipf.Pick(0));
        Assert.Equal(0, zipf.Pick(Of(6.0 / 11 - 1e-9)));
        Assert.Equal(1, zipf.Pick(Of(6.0 / 11 + 1e-9)));
        Assert.Equal(1, zipf.Pick(Of(9.0 / 11 - 1e-9)));
        Assert.Equal(2, zipf.Pick(Of(9.0 / 11 + 1e-9)));
        Assert.Equal(2, zipf.Pick(ulong.MaxValue));
        // s = 0: uniform over ranks.
        var flat = new ZipfPicker(4, 0m);
        Assert.Equal(new[] { 0, 1, 2, 3 }, new[] { 0.1, 0.3, 0.6, 0.9 }.Select(f => flat.Pick(Of(f))));
    }
}
