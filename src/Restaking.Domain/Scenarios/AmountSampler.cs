using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Draws generated amounts. Shapes are computed in double (only to generate inputs; balances stay integers) and
/// rounded to whole gwei. Pareto is truncated to [min, max] by inverse transform:
/// x = L / (1 − u·(1 − (L/H)^a))^(1/a) (heavy-tailed stake: a ≈ 1.16 is the "80/20" tail index).
/// </summary>
public static class AmountSampler
{
    public static long Sample(AmountDistribution d, in DeterministicRandom rng, ulong purpose, ulong index)
    {
        if (d.Kind == DistributionKind.Fixed || d.MinGwei == d.MaxGwei) return d.MinGwei;
        double u = rng.NextUnit(purpose, index);
        double lo = d.MinGwei, hi = d.MaxGwei;
        double x = d.Kind switch
        {
            DistributionKind.Uniform => lo + u * (hi - lo),
            DistributionKind.LogUniform => Math.Exp(Math.Log(lo) + u * (Math.Log(hi) - Math.Log(lo))),
            DistributionKind.Pareto => ParetoTruncated(lo, hi, (double)d.TailIndex, u),
            _ => lo,
        };
        return Math.Clamp((long)Math.Round(x), d.MinGwei, d.MaxGwei);
    }

    private static double ParetoTruncated(double lo, double hi, double a, double u) =>
        lo / Math.Pow(1 - u * (1 - Math.Pow(lo / hi, a)), 1 / a);
}

/// <summary>Picks an index in [0, n) with probability ∝ 1 / (rank + 1)^s (Zipf): heavy-tailed popularity.</summary>
public sealed class ZipfPicker
{
    private readonly double[] cumulative;

    public ZipfPicker(int n, decimal exponent)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        cumulative = new double[n];
        double s = (double)exponent, total = 0;
        for (int i = 0; i < n; i++) { total += 1 / Math.Pow(i + 1, s); cumulative[i] = total; }
        for (int i = 0; i < n; i++) cumulative[i] /= total;
    }

    public int Pick(double u)
    {
        int i = Array.BinarySearch(cumulative, u);
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
