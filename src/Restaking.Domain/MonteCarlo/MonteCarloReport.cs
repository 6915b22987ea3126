using System.Globalization;
using System.Text;
using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.MonteCarlo;

/// <summary>A loss threshold as a share of a trial's own initial restaked value (worlds differ by seed, and so does that value).</summary>
public sealed record LossThreshold(string Share, long Numerator, long Denominator)
{
    /// <summary>0.1 %, 1 %, 5 % and 10 % of the initial restaked value: from a bad day for one operator set to a crisis.</summary>
    public static IReadOnlyList<LossThreshold> Defaults { get; } =
    [
        new("0.001", 1, 1000),
        new("0.01", 1, 100),
        new("0.05", 5, 100),
        new("0.1", 10, 100),
    ];

    /// <summary>loss &gt; share · initial, compared exactly (loss · d &gt; initial · n in <see cref="Int128"/>).</summary>
    public bool IsExceededBy(TrialResult trial) =>
        (Int128)trial.LossGwei * Denominator > (Int128)trial.InitialRestakedGwei * Numerator;
}

/// <summary>
/// The deterministic Monte Carlo outputs, built from the trials in seed order: <c>montecarlo.csv</c> (one row per
/// trial) and <c>montecarlo-summary.json</c> (the loss distribution, exceedance probabilities, each service's
/// probability of compromise). No clock values: the same trials give the same bytes on any number of silos.
/// </summary>
public static class MonteCarloReport
{
    public const string Csv = "montecarlo.csv";
    public const string Summary = "montecarlo-summary.json";
    public const string RunInfo = RunOutputs.RunInfo;

    public static readonly int[] Quantiles = [50, 95, 99];
    public static readonly int[] ShortfallLevels = [95, 99];

    private static readonly string[] CsvHeader =
    [
        "seed", "initial_restaked_gwei", "loss_gwei", "slashed_gwei", "service_value_lost_gwei", "token_penalty_gwei",
        "restaked_value_drop_gwei", "attacks", "max_contagion_depth", "operators_slashed", "services_compromised", "compromised_services",
    ];

    /// <summary>One row per trial in the order given (seed order); compromised service ids are joined by ';'.</summary>
    public static string BuildCsv(IReadOnlyList<TrialResult> trials)
    {
        var csv = new StringBuilder(string.Join(',', CsvHeader)).Append('\n');
        foreach (var t in trials)
        {
            csv.Append(string.Join(',', new[]
            {
                t.Seed.ToString(CultureInfo.InvariantCulture), Int(t.InitialRestakedGwei), Int(t.LossGwei), Int(t.SlashedGwei),
                Int(t.ServiceValueLostGwei), Int(t.TokenPenaltyGwei), Int(t.RestakedValueDropGwei), Int(t.Attacks), Int(t.MaxContagionDepth),
                Int(t.OperatorsSlashed), Int(t.ServicesCompromised.Count), CsvField(string.Join(';', t.ServicesCompromised)),
            })).Append('\n');
        }
        return csv.ToString();
    }

    /// <param name="scenario">The scenario as the trials ran it (its seed is the first trial's).</param>
    /// <param name="trials">Every trial, in seed order: <see cref="Scenario.Seed"/>, +1, … .</param>
    public static string BuildSummary(Scenario scenario, IReadOnlyList<TrialResult> trials)
    {
        CheckSeeds(scenario.Seed, trials);
        int n = trials.Count;
        var losses = new LossDistribution(trials.Select(t => t.LossGwei));
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario.Name);
            w.WriteNumber("trials", n);
            w.WriteNumber("firstSeed", trials[0].Seed);
            w.WriteNumber("lastSeed", trials[^1].Seed);
            w.WriteNumber("ticks", scenario.Ticks.Count);
            w.WriteString("securityModel", SecurityModelNames.Of(scenario.SecurityModel));
            w.WriteString("loss", "slashed stake + value at risk lost by compromised services + penalties on token-owned validators");

            w.WriteStartObject("lossGwei");
            w.WriteNumber("mean", losses.MeanGwei);
            foreach (int q in Quantiles) w.WriteNumber($"p{q}", losses.Quantile(q));
            foreach (int q in ShortfallLevels) w.WriteNumber($"es{q}", losses.ExpectedShortfall(q));
            w.WriteNumber("min", losses.MinGwei);
            w.WriteNumber("max", losses.MaxGwei);
            w.WriteEndObject();

            w.WriteStartArray("lossExceeds");
            foreach (var threshold in LossThreshold.Defaults)
            {
                w.WriteStartObject();
                w.WriteString("shareOfInitialRestaked", threshold.Share);
                WriteProbability(w, trials.Count(threshold.IsExceededBy), n);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("meanGwei");
            w.WriteNumber("initialRestaked", Mean(trials, t => t.InitialRestakedGwei));
            w.WriteNumber("slashed", Mean(trials, t => t.SlashedGwei));
            w.WriteNumber("serviceValueLost", Mean(trials, t => t.ServiceValueLostGwei));
            w.WriteNumber("tokenPenalty", Mean(trials, t => t.TokenPenaltyGwei));
            w.WriteNumber("restakedValueDrop", Mean(trials, t => t.RestakedValueDropGwei));
            w.WriteEndObject();

            w.WriteStartObject("attacks");
            WriteProbability(w, trials.Count(t => t.Attacks > 0), n);
            w.WriteNumber("max", trials.Max(t => t.Attacks));
            w.WriteEndObject();
            w.WriteStartObject("maxContagionDepth");
            var depths = trials.Select(t => t.MaxContagionDepth).Order().ToArray();
            w.WriteNumber("p50", depths[RunSummary.NearestRank(n, 50)]);
            w.WriteNumber("max", depths[^1]);
            w.WriteEndObject();

            w.WriteStartArray("services");
            foreach (var (id, compromised) in Compromises(scenario, trials))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                WriteProbability(w, compromised, n);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the CSV, the summary and run-info.json into <paramref name="directory"/>, all or none.</summary>
    public static void Write(string directory, string csv, string summaryJson, string runInfoJson) =>
        RunOutputs.WriteTogether(directory, [(Csv, w => w.Write(csv)), (Summary, w => w.Write(summaryJson)), (RunInfo, w => w.Write(runInfoJson))]);

    /// <summary>Every service of the world (the same ids whatever the seed), with the number of trials that compromised it.</summary>
    public static IReadOnlyList<(string Id, int Trials)> Compromises(Scenario scenario, IReadOnlyList<TrialResult> trials)
    {
        var ids = ScenarioExpansion.ServiceIds(scenario);
        var counts = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var trial in trials)
            foreach (var id in trial.ServicesCompromised)
                counts[id] = counts.TryGetValue(id, out int c) ? c + 1 : throw new ArgumentException($"trial {trial.Seed}: service '{id}' is not in the scenario");
        return ids.Select(id => (id, counts[id])).ToList();
    }

    /// <summary>k of n trials, as the count and the exact ratio k/n written with 9 decimals (rounded down).</summary>
    private static void WriteProbability(Utf8JsonWriter w, int count, int trials)
    {
        w.WriteNumber("trials", count);
        w.WriteString("probability", RunSummary.Fraction(count, trials));
    }

    private static long Mean(IReadOnlyList<TrialResult> trials, Func<TrialResult, long> figure)
    {
        Int128 sum = 0;
        foreach (var t in trials) sum += figure(t);
        return (long)(sum / trials.Count);
    }

    private static void CheckSeeds(ulong first, IReadOnlyList<TrialResult> trials)
    {
        if (trials.Count == 0) throw new ArgumentException("no trials", nameof(trials));
        for (int i = 0; i < trials.Count; i++)
            if (trials[i].Seed != first + (ulong)i)
                throw new ArgumentException($"trial {i} has seed {trials[i].Seed}, expected {first + (ulong)i}: trials must be in seed order", nameof(trials));
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
