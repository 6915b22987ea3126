using System.Collections.Concurrent;
using Restaking.Domain.MonteCarlo;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Tests;
using Restaking.Grains.Tests.Support;
using Restaking.Silo;

namespace Restaking.Grains.Tests;

/// <summary>
/// Monte Carlo trials as grains: the same trials give the same montecarlo.csv and montecarlo-summary.json on one
/// silo and on three, and those are the files of the same trials run one after another in this process.
/// </summary>
public sealed class MonteCarloTests(OneSiloFixture silo, ThreeSiloFixture cluster) : IClassFixture<ThreeSiloFixture>
{
    private const int Trials = 20;
    private const ulong FirstSeed = 1;

    private static readonly ScenarioText Small = new("montecarlo-small.json", File.ReadAllText(RepositoryFiles.MonteCarloScenario));

    private static MonteCarloPlan Plan(int? inFlight = null) => new(Small.FileName, Small.Json, FirstSeed, Trials, inFlight);

    /// <summary>The yardstick: the trials one by one on the Domain code, and the two files they make.</summary>
    private static (string Csv, string Summary) InProcess()
    {
        var scenario = Small.Parse(TestKinds.Catalog) with { Seed = FirstSeed };
        var trials = Enumerable.Range(0, Trials).Select(i => MonteCarloTrial.Run(scenario, FirstSeed + (ulong)i, TestKinds.Catalog.Behaviours)).ToList();
        return (MonteCarloReport.BuildCsv(trials), MonteCarloReport.BuildSummary(scenario, trials));
    }

    private static (string Csv, string Summary) Files(MonteCarloRun run) =>
        (MonteCarloReport.BuildCsv(run.Trials), MonteCarloReport.BuildSummary(Small.Parse(TestKinds.Catalog) with { Seed = FirstSeed }, run.Trials));

    [Fact]
    public async Task The_same_trials_give_identical_files_on_one_and_three_silos_and_in_process()
    {
        var expected = InProcess();
        var cancel = TestContext.Current.CancellationToken;

        var one = await new MonteCarloRunner(silo.Client).RunAsync(Plan(), cancellation: cancel);
        // A narrow window on three silos: trials finish in another order, the files must not notice.
        var three = await new MonteCarloRunner(cluster.Client).RunAsync(Plan(inFlight: 3), cancellation: cancel);

        SameOutputs.Text(expected.Csv, Files(one).Csv, "montecarlo.csv on one silo");
        SameOutputs.Text(expected.Summary, Files(one).Summary, "montecarlo-summary.json on one silo");
        SameOutputs.Text(expected.Csv, Files(three).Csv, "montecarlo.csv on three silos");
        SameOutputs.Text(expected.Summary, Files(three).Summary, "montecarlo-summary.json on three silos");
        Assert.Equal(3, three.InFlight);
    }

    [Fact]
    public async Task Trials_spread_over_more_than_one_silo_of_three()
    {
        var run = await new MonteCarloRunner(cluster.Client).RunAsync(Plan(), cancellation: TestContext.Current.CancellationToken);

        string spread = string.Join("; ", run.TrialsPerSilo.Select(p => $"{p.Key}: {p.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine("trials per silo: " + spread);
        Assert.Equal(Trials, run.TrialsPerSilo.Values.Sum());
        // Random placement: all 20 on one silo of three has probability 3 · 3^-20.
        Assert.True(run.TrialsPerSilo.Count > 1, "every trial ran on one silo: " + spread);
        // The default window: two per core per silo.
        Assert.Equal(MonteCarloRunner.InFlightPerCore * Environment.ProcessorCount * ThreeSiloFixture.Silos, run.InFlight);
    }

    [Fact]
    public async Task Progress_counts_every_trial_once()
    {
        var reports = new ConcurrentBag<int>();
        await new MonteCarloRunner(silo.Client).RunAsync(Plan(), new Collect(reports), TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, Trials), reports.Order());
    }

    [Fact]
    public async Task An_invalid_scenario_fails_the_run_with_the_files_errors()
    {
        var plan = Plan() with { ScenarioJson = Small.Json.Replace("\"seed\": 1", "\"seed\": -1", StringComparison.Ordinal) };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new MonteCarloRunner(silo.Client).RunAsync(plan, cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("$.seed", error.Message);
    }

    [Fact]
    public async Task A_plan_past_the_largest_seed_is_refused_before_any_trial()
    {
        var plan = Plan() with { FirstSeed = ulong.MaxValue - 5 };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new MonteCarloRunner(silo.Client).RunAsync(plan, cancellation: TestContext.Current.CancellationToken));
    }

    /// <summary>Records each report on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Collect(ConcurrentBag<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }
}
