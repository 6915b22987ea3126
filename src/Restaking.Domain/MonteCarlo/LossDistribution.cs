using Restaking.Domain.Engine;

namespace Restaking.Domain.MonteCarlo;

/// <summary>
/// The empirical distribution of n trial losses (gwei), with exact integer statistics. Levels are whole percents.
/// </summary>
public sealed class LossDistribution
{
    private readonly long[] ascending;

    public LossDistribution(IEnumerable<long> lossesGwei)
    {
        ascending = lossesGwei.ToArray();
        if (ascending.Length == 0) throw new ArgumentException("a loss distribution needs at least one trial", nameof(lossesGwei));
        if (ascending.Any(l => l < 0)) throw new ArgumentException("losses are never negative", nameof(lossesGwei));
        Array.Sort(ascending);
    }

    public int Count => ascending.Length;
    public long MinGwei => ascending[0];
    public long MaxGwei => ascending[^1];

    /// <summary>Σ loss / n, rounded down to the gwei (the sum goes through <see cref="Int128"/>).</summary>
    public long MeanGwei => (long)(Sum(ascending.Length) / ascending.Length);

    /// <summary>
    /// The nearest-rank quantile: the ⌈p·n/100⌉-th smallest loss, the inverse of the empirical distribution function
    /// (Hyndman and Fan, "Sample quantiles in statistical packages", The American Statistician 50(4), 1996,
    /// definition 1). Always one of the trials' losses; p95 of 1,000 trials is the 950th smallest.
    /// </summary>
    public long Quantile(int percent)
    {
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "a quantile level is 1 … 100 percent");
        return ascending[RunSummary.NearestRank(ascending.Length, percent)];
    }

    /// <summary>
    /// Expected shortfall at level q: the mean loss over the worst (1 − q) share of the trials, the tail being exactly
    /// t = n·(1 − q) trials. When t is fractional, the ⌊t⌋ worst trials count in full and the next worst with weight
    /// t − ⌊t⌋: ES = (Σ of the ⌊t⌋ largest + (t − ⌊t⌋)·the (⌊t⌋+1)-th largest) / t. This is expected shortfall
    /// (CVaR) of the empirical distribution, the atom at the boundary split as in Acerbi and Tasche, "On the
    /// coherence of expected shortfall", Journal of Banking &amp; Finance 26(7), 2002, and Rockafellar and Uryasev,
    /// "Conditional value-at-risk for general loss distributions", same issue; it is never below the q-quantile, and
    /// with t &lt; 1 it is the worst loss. Computed exactly in hundredths of a trial, rounded down to the gwei.
    /// </summary>
    public long ExpectedShortfall(int percent)
    {
        if (percent is < 1 or > 99) throw new ArgumentOutOfRangeException(nameof(percent), "an expected-shortfall level is 1 … 99 percent");
        long tailHundredths = (long)ascending.Length * (100 - percent);   // 100·t
        int whole = (int)(tailHundredths / 100);
        long part = tailHundredths % 100;                                    // 100·(t − ⌊t⌋)
        Int128 numerator = 100 * Sum(whole, fromTop: true);
        if (part > 0) numerator += part * (Int128)ascending[^(whole + 1)];
        return (long)(numerator / tailHundredths);
    }

    /// <summary>Σ of the <paramref name="count"/> smallest losses, or of the largest with <paramref name="fromTop"/>.</summary>
    private Int128 Sum(int count, bool fromTop = false)
    {
        Int128 sum = 0;
        for (int i = 0; i < count; i++) sum += fromTop ? ascending[^(i + 1)] : ascending[i];
        return sum;
    }
}
