using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Draws generated amounts from a uniform fraction u = k·2⁻⁵³ (<see cref="DeterministicRandom.NextFraction"/>), in integer
/// and Q64.64 fixed point only (<see cref="FixedPoint"/>; no platform maths, docs/deterministic-maths.md), rounded to whole
/// gwei halves to even and clamped to [min, max]:
/// uniform L + u·(H − L) exactly; log-uniform e^(ln L + u·(ln H − ln L)); Pareto truncated to [L, H] by inverse transform,
/// x = L / (1 − u·(1 − (L/H)^a))^(1/a) (heavy-tailed stake: a ≈ 1.16 is the "80/20" tail index).
/// </summary>
public static class AmountSampler
{
    /// <summary>What a distribution's draws share (logarithms of its bounds, (L/H)^a), computed once per distribution.</summary>
    private sealed record Prepared(Int128 LnLo, Int128 LnHi, Int128 OneLessRatioPow);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<AmountDistribution, Prepared> prepared = new();

    public static long Sample(AmountDistribution d, in DeterministicRandom rng, ulong purpose, ulong index) =>
        d.Kind == DistributionKind.Fixed || d.MinGwei == d.MaxGwei ? d.MinGwei : Sample(d, rng.NextFraction(purpose, index));

    /// <summary>The amount at fraction <paramref name="u"/> (Q0.64, below 2⁶⁴) of the distribution's inverse CDF.</summary>
    public static long Sample(AmountDistribution d, ulong u)
    {
        if (d.Kind == DistributionKind.Fixed || d.MinGwei == d.MaxGwei) return d.MinGwei;
        long lo = d.MinGwei, hi = d.MaxGwei;
        UInt128 x = d.Kind switch
        {
            DistributionKind.Uniform => ((UInt128)(ulong)lo << 64) + (UInt128)u * (ulong)(hi - lo),
            DistributionKind.LogUniform => LogUniform(Prepare(d), u),
            DistributionKind.Pareto => ParetoTruncated(Prepare(d), d.TailIndex, u),
            _ => (UInt128)(ulong)lo << 64,
        };
        return Math.Clamp(FixedPoint.RoundToLong(x), lo, hi);
    }

    private static Prepared Prepare(AmountDistribution d) => prepared.GetOrAdd(d, static d =>
    {
        Int128 lnLo = FixedPoint.LnOf(d.MinGwei), lnHi = FixedPoint.LnOf(d.MaxGwei);
        Int128 ratioPow = d.Kind == DistributionKind.Pareto ? (Int128)FixedPoint.Exp(FixedPoint.MulDecimal(lnLo - lnHi, d.TailIndex)) : 0;
        return new Prepared(lnLo, lnHi, FixedPoint.One - ratioPow);
    });

    private static UInt128 LogUniform(Prepared p, ulong u) => FixedPoint.Exp(p.LnLo + FixedPoint.Mul(u, p.LnHi - p.LnLo));

    private static UInt128 ParetoTruncated(Prepared p, decimal a, ulong u)
    {
        // base = 1 − u·(1 − (L/H)^a) in (0, 1]; x = e^(ln L − ln(base)/a).
        Int128 b = FixedPoint.One - FixedPoint.Mul(u, p.OneLessRatioPow);
        if (b <= 0) b = 1;
        return FixedPoint.Exp(p.LnLo - FixedPoint.DivDecimal(FixedPoint.Ln((UInt128)b), a));
    }
}

/// <summary>
/// Picks an index in [0, n) with probability ∝ 1 / (rank + 1)^s (Zipf): heavy-tailed popularity. Weights are
/// e^(−s·ln(rank + 1)) in Q64.64 (<see cref="FixedPoint"/>), their running sums normalized to 2⁶⁴ (rounded down,
/// the last one exactly 2⁶⁴), and a fraction u picks the first rank whose normalized running sum reaches u.
/// </summary>
public sealed class ZipfPicker
{
    private readonly UInt128[] cumulative;

    public ZipfPicker(int n, decimal exponent)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var running = new System.Numerics.BigInteger[n];
        System.Numerics.BigInteger total = 0;
        for (int i = 0; i < n; i++)
        {
            total += (System.Numerics.BigInteger)FixedPoint.Exp(-FixedPoint.MulDecimal(FixedPoint.LnOf(i + 1), exponent));
            running[i] = total;
        }
        cumulative = new UInt128[n];
        for (int i = 0; i < n; i++) cumulative[i] = (UInt128)((running[i] << 64) / total);
    }

    /// <summary>The rank at fraction <paramref name="u"/> (Q0.64).</summary>
    public int Pick(ulong u)
    {
        int i = Array.BinarySearch(cumulative, (UInt128)u);
        if (i < 0) i = ~i;
        return Math.Min(i, cumulative.Length - 1);
    }
}

/// <summary>Picks a name by integer weights.</summary>
public static class WeightedPick
{
    public static string Pick(IReadOnlyList<KeyValuePair<string, int>> weights, long draw)
    {
        foreach (var (name, weight) in weights)
        {
            if (draw < weight) return name;
            draw -= weight;
        }
        return weights[^1].Key;
    }

    public static long Total(IReadOnlyList<KeyValuePair<string, int>> weights) => weights.Sum(w => (long)w.Value);
}
