using System.Globalization;
using Restaking.Contracts;
using Restaking.Domain.MonteCarlo;

namespace Restaking.Silo;

/// <summary>Trials of one scenario: seeds <see cref="FirstSeed"/> … <see cref="FirstSeed"/> + <see cref="Trials"/> − 1.</summary>
/// <param name="InFlight">How many trials may run at once over the cluster; null: <see cref="MonteCarloRunner.InFlightPerCore"/>
/// per core of this machine per active silo.</param>
public sealed record MonteCarloPlan(string FileName, string ScenarioJson, ulong FirstSeed, int Trials, int? InFlight = null);

/// <summary>The trials in seed order, and where they ran (which depends on placement, so it never goes into the
/// deterministic outputs).</summary>
public sealed record MonteCarloRun(IReadOnlyList<TrialResult> Trials, IReadOnlyDictionary<string, int> TrialsPerSilo, int InFlight);

/// <summary>
/// Runs a Monte Carlo plan on a cluster (the embedded silo or any cluster a client has joined): each trial is a call
/// to its own <see cref="ITrialGrain"/>, randomly placed, with a bounded number in flight so a silo's cores stay
/// busy without every trial's world in memory at once. Results are kept by seed, so they come back in seed order
/// whatever order the trials finish in and however many silos ran them.
/// </summary>
public sealed class MonteCarloRunner(IClusterClient client)
{
    /// <summary>Trials in flight per core per silo: two keep a core busy while the next call travels.</summary>
    public const int InFlightPerCore = 2;

    /// <param name="progress">Receives the number of trials finished so far.</param>
    public async Task<MonteCarloRun> RunAsync(MonteCarloPlan plan, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        if (plan.Trials < 1) throw new ArgumentOutOfRangeException(nameof(plan), $"a Monte Carlo run needs at least one trial, got {plan.Trials}");
        if (MonteCarloTrial.LastSeed(plan.FirstSeed, plan.Trials) is null)
            throw new ArgumentOutOfRangeException(nameof(plan), $"seeds {plan.FirstSeed} + {plan.Trials} trials pass the largest seed");
        int inFlight = plan.InFlight ?? InFlightPerCore * Environment.ProcessorCount * await ActiveSilos();
        if (inFlight < 1) throw new ArgumentOutOfRangeException(nameof(plan), $"trials in flight must be at least 1, got {inFlight}");

        // Keys carry the Monte Carlo run, so runs sharing a cluster never share a trial's activation.
        string id = GrainKeys.NewRunId("montecarlo");
        var outcomes = new TrialOutcome[plan.Trials];
        int finished = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Trials), options, async (i, _) =>
        {
            ulong seed = plan.FirstSeed + (ulong)i;
            var trial = client.GetGrain<ITrialGrain>(GrainKeys.Of(id, seed.ToString(CultureInfo.InvariantCulture)));
            outcomes[i] = await trial.Run(new TrialRequest(plan.FileName, plan.ScenarioJson, seed));
            progress?.Report(Interlocked.Increment(ref finished));
        });
        var perSilo = outcomes.GroupBy(o => o.Silo, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MonteCarloRun(outcomes.Select(o => o.Result).ToList(), perSilo, inFlight);
    }

    private async Task<int> ActiveSilos() =>
        Math.Max(1, (await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
}
